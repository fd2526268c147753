package io.alloycompanion.core.cloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** All stack profiles and which one is active. An immutable value; {@link ProfileStore} reads and writes it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Profiles(int schemaVersion, List<StackProfile> profiles, Optional<String> active) {

    public static final int SCHEMA_VERSION = 1;
    public static final Profiles EMPTY = new Profiles(SCHEMA_VERSION, List.of(), Optional.empty());

    public Profiles {
        List<StackProfile> sorted = new ArrayList<>(profiles == null ? List.of() : profiles);
        sorted.sort(Comparator.comparing(StackProfile::name, String.CASE_INSENSITIVE_ORDER));
        profiles = List.copyOf(sorted);
        List<StackProfile> known = profiles;
        active = active == null ? Optional.empty()
                : active.filter(name -> known.stream().anyMatch(profile -> profile.name().equals(name)));
    }

    public Optional<StackProfile> find(String name) {
        return profiles.stream().filter(profile -> profile.name().equals(name)).findFirst();
    }

    public Optional<StackProfile> activeProfile() {
        return active.flatMap(this::find);
    }

    /** Adds or replaces the profile of that name; the first profile becomes active. */
    public Profiles with(StackProfile profile) {
        List<StackProfile> next = new ArrayList<>(profiles);
        next.removeIf(existing -> existing.name().equals(profile.name()));
        next.add(profile);
        return new Profiles(SCHEMA_VERSION, next, active.or(() -> Optional.of(profile.name())));
    }

    public Profiles without(String name) {
        List<StackProfile> next = new ArrayList<>(profiles);
        next.removeIf(existing -> existing.name().equals(name));
        Optional<String> nextActive = active.filter(current -> !current.equals(name))
                .or(() -> next.stream().map(StackProfile::name).findFirst());
        return new Profiles(SCHEMA_VERSION, next, nextActive);
    }

    public Profiles withActive(String name) {
        return new Profiles(SCHEMA_VERSION, profiles, Optional.of(name));
    }
}
