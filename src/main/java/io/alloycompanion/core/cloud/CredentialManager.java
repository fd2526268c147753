package io.alloycompanion.core.cloud;

import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStore;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Stack profiles together with their tokens: the profile (no secret) in {@code profiles.json}, the token — and the
 * optional read-only token the checklist queries with, and the optional Grafana service account token for the
 * stack's Grafana — in the store the user chose. The token is written before the profile that points at it, and a profile is removed
 * before its token, so a failure never leaves a profile pointing at nothing without saying so.
 */
public final class CredentialManager {

    /** Opens the store for a location (the encrypted file asks for its passphrase then). */
    public interface SecretStores {
        SecretStore open(SecretLocation location) throws SecretStoreException;
    }

    private final ProfileStore profiles;
    private final SecretStores stores;

    public CredentialManager(ProfileStore profiles, SecretStores stores) {
        this.profiles = profiles;
        this.stores = stores;
    }

    public Profiles profiles() throws ProfileException {
        return profiles.load();
    }

    /**
     * Adds or updates a profile. With a token, stores it at {@code where} (replacing the one stored before, wherever
     * that was); without, keeps the profile's current token.
     */
    public StackProfile save(StackProfile profile, Optional<Secret> token, SecretLocation where)
            throws ProfileException, SecretStoreException {
        requireValidName(profile.name());
        Optional<StackProfile> existing = profiles.load().find(profile.name());
        StackProfile toSave = profile.withSecret(existing.flatMap(StackProfile::secret))
                .withReadSecret(existing.flatMap(StackProfile::readSecret))
                .withGrafanaSecret(existing.flatMap(StackProfile::grafanaSecret));
        if (token.isPresent()) {
            SecretRef ref = SecretRef.forProfile(where, profile.name());
            stores.open(where).store(ref.account(), token.get());
            Optional<SecretRef> previous = existing.flatMap(StackProfile::secret);
            if (previous.isPresent() && previous.get().location() != where) {
                stores.open(previous.get().location()).delete(previous.get().account());
            }
            toSave = toSave.withSecret(Optional.of(ref));
        }
        StackProfile saved = toSave;
        profiles.update(current -> current.with(saved));
        return saved;
    }

    /**
     * Stores (or replaces) the profile's read-only token at {@code where}, under its own account, and records where
     * it is. The token is written before the profile points at it; one stored elsewhere before is deleted there.
     */
    public StackProfile saveReadToken(String name, Secret token, SecretLocation where)
            throws ProfileException, SecretStoreException {
        return saveExtra(Extra.READ, name, token, where);
    }

    /** Forgets the profile's read token: the profile first, then the token in its store. False when it had none. */
    public boolean removeReadToken(String name) throws ProfileException, SecretStoreException {
        return removeExtra(Extra.READ, name);
    }

    /** The profile's read-only token, or empty when none was set (or it was deleted from the keychain by hand). */
    public Optional<Secret> readToken(StackProfile profile) throws SecretStoreException {
        return loadExtra(Extra.READ, profile);
    }

    /**
     * Stores (or replaces) the profile's Grafana service account token ({@code glsa_…}, for the stack's Grafana HTTP
     * API) at {@code where}, under its own account, the same way as {@link #saveReadToken}.
     */
    public StackProfile saveGrafanaToken(String name, Secret token, SecretLocation where)
            throws ProfileException, SecretStoreException {
        return saveExtra(Extra.GRAFANA, name, token, where);
    }

    /** Forgets the profile's Grafana token: the profile first, then the token in its store. False when it had none. */
    public boolean removeGrafanaToken(String name) throws ProfileException, SecretStoreException {
        return removeExtra(Extra.GRAFANA, name);
    }

    /** The profile's Grafana service account token, or empty when none was set (or it was deleted by hand). */
    public Optional<Secret> grafanaToken(StackProfile profile) throws SecretStoreException {
        return loadExtra(Extra.GRAFANA, profile);
    }

    /** The optional tokens beside the write token: each its own account and field in the profile. */
    private enum Extra {
        READ(StackProfile::readSecret, StackProfile::withReadSecret, SecretRef::forReadToken),
        GRAFANA(StackProfile::grafanaSecret, StackProfile::withGrafanaSecret, SecretRef::forGrafanaToken);

        final Function<StackProfile, Optional<SecretRef>> ref;
        final BiFunction<StackProfile, Optional<SecretRef>, StackProfile> with;
        final BiFunction<SecretLocation, String, SecretRef> account;

        Extra(Function<StackProfile, Optional<SecretRef>> ref, BiFunction<StackProfile, Optional<SecretRef>, StackProfile> with,
              BiFunction<SecretLocation, String, SecretRef> account) {
            this.ref = ref;
            this.with = with;
            this.account = account;
        }
    }

    private StackProfile saveExtra(Extra extra, String name, Secret token, SecretLocation where)
            throws ProfileException, SecretStoreException {
        StackProfile profile = require(name);
        SecretRef ref = extra.account.apply(where, name);
        stores.open(where).store(ref.account(), token);
        Optional<SecretRef> previous = extra.ref.apply(profile);
        if (previous.isPresent() && previous.get().location() != where) {
            stores.open(previous.get().location()).delete(previous.get().account());
        }
        return update(profile.name(), current -> extra.with.apply(current, Optional.of(ref)));
    }

    private boolean removeExtra(Extra extra, String name) throws ProfileException, SecretStoreException {
        StackProfile profile = require(name);
        Optional<SecretRef> ref = extra.ref.apply(profile);
        if (ref.isEmpty()) {
            return false;
        }
        update(name, current -> extra.with.apply(current, Optional.empty()));
        stores.open(ref.get().location()).delete(ref.get().account());
        return true;
    }

    private Optional<Secret> loadExtra(Extra extra, StackProfile profile) throws SecretStoreException {
        Optional<SecretRef> ref = extra.ref.apply(profile);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        return stores.open(ref.get().location()).load(ref.get().account());
    }

    /** Changes one profile under the store's lock (a missing one is left missing). */
    private StackProfile update(String name, UnaryOperator<StackProfile> change) throws ProfileException {
        Profiles next = profiles.update(current -> current.find(name).map(found -> current.with(change.apply(found)))
                .orElse(current));
        return next.find(name).orElseThrow(() -> new ProfileException("There is no profile named '" + name + "'."));
    }

    public void activate(String name) throws ProfileException {
        Profiles current = profiles.load();
        if (current.find(name).isEmpty()) {
            throw new ProfileException("There is no profile named '" + name + "'.");
        }
        profiles.save(current.withActive(name));
    }

    /** A copy under a new name, with its own copy of the token. */
    public StackProfile duplicate(String from, String to) throws ProfileException, SecretStoreException {
        StackProfile source = require(from);
        requireFree(to);
        StackProfile copy = source.withName(to).withSecret(Optional.empty()).withReadSecret(Optional.empty())
                .withGrafanaSecret(Optional.empty());
        Optional<Secret> token = token(source);
        StackProfile saved;
        try {
            saved = save(copy, token, source.secret().map(SecretRef::location).orElse(SecretLocation.KEYCHAIN));
        } finally {
            token.ifPresent(Secret::close);
        }
        for (Extra extra : Extra.values()) {
            Optional<Secret> value = loadExtra(extra, source);
            if (value.isPresent()) {
                try (Secret secret = value.get()) {
                    saved = saveExtra(extra, to, secret, extra.ref.apply(source).get().location());
                }
            }
        }
        return saved;
    }

    public StackProfile rename(String from, String to) throws ProfileException, SecretStoreException {
        StackProfile renamed = duplicate(from, to);
        boolean wasActive = profiles.load().active().filter(from::equals).isPresent();
        delete(from);
        if (wasActive) {
            activate(to);
        }
        return renamed;
    }

    /** Removes the profile, then its token, read token and Grafana token from wherever they were stored. */
    public void delete(String name) throws ProfileException, SecretStoreException {
        StackProfile profile = require(name);
        profiles.update(current -> current.without(name));
        try {
            if (profile.secret().isPresent()) {
                stores.open(profile.secret().get().location()).delete(profile.secret().get().account());
            }
        } finally {
            try {
                if (profile.readSecret().isPresent()) {
                    stores.open(profile.readSecret().get().location()).delete(profile.readSecret().get().account());
                }
            } finally {
                if (profile.grafanaSecret().isPresent()) {
                    stores.open(profile.grafanaSecret().get().location()).delete(profile.grafanaSecret().get().account());
                }
            }
        }
    }

    /**
     * Deletes one stored token from its store and leaves the profiles as they are: for removing all of the app's
     * data, where the profiles file goes last (and stays when a token could not be deleted, as the record of it).
     */
    public void deleteStored(SecretRef ref) throws SecretStoreException {
        stores.open(ref.location()).delete(ref.account());
    }

    /** The file the profiles are kept in. */
    public Path profilesFile() {
        return profiles.file();
    }

    /** The profile's token, or empty when none was stored (or it was deleted from the keychain by hand). */
    public Optional<Secret> token(StackProfile profile) throws SecretStoreException {
        if (profile.secret().isEmpty()) {
            return Optional.empty();
        }
        SecretRef ref = profile.secret().get();
        return stores.open(ref.location()).load(ref.account());
    }

    /** The active profile's stored token, or empty when there is no active profile or it has no stored token. */
    public Optional<Secret> activeToken() throws ProfileException, SecretStoreException {
        Optional<StackProfile> active = profiles().activeProfile();
        return active.isPresent() ? token(active.get()) : Optional.empty();
    }

    public StackProfile require(String name) throws ProfileException {
        return profiles.load().find(name).orElseThrow(() -> new ProfileException("There is no profile named '" + name
                + "'. List them with `credentials list`."));
    }

    private void requireFree(String name) throws ProfileException {
        requireValidName(name);
        if (profiles.load().find(name).isPresent()) {
            throw new ProfileException("A profile named '" + name + "' already exists.");
        }
    }

    private static void requireValidName(String name) throws ProfileException {
        if (!StackProfile.validName(name)) {
            throw new ProfileException("'" + name + "' is not a valid profile name: use letters, digits, '.', '_' or "
                    + "'-' (up to 64, starting with a letter or digit).");
        }
    }
}
