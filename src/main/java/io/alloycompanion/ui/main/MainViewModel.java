package io.alloycompanion.ui.main;

import io.alloycompanion.core.agent.AgentState;
import io.alloycompanion.core.doctor.DoctorReport;
import io.alloycompanion.core.install.AlloyBinary;
import io.alloycompanion.ui.common.Localization;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The shell: which screen is shown, and the status bar's agent, profile and Alloy texts. */
public final class MainViewModel {

    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>();
    private final ObjectProperty<AgentState> agentState = new SimpleObjectProperty<>(AgentState.STOPPED);
    private final ObjectProperty<Optional<String>> activeProfile = new SimpleObjectProperty<>(Optional.empty());
    /** The Alloy binaries found; null until the first look. */
    private final ObjectProperty<List<AlloyBinary>> alloyFound = new SimpleObjectProperty<>();
    private final StringBinding agentText;
    private final StringBinding profileText;
    private final StringBinding alloyText;

    public MainViewModel(Localization l10n, Screen initial, Optional<String> profile,
                         ReadOnlyObjectProperty<DoctorReport> environment) {
        screen.set(initial);
        activeProfile.set(profile);
        agentText = Bindings.createStringBinding(() -> l10n.get("status.agent", agentStateText(l10n, agentState.get())),
                agentState, l10n.localeProperty());
        profileText = Bindings.createStringBinding(() -> activeProfile.get()
                        .map(name -> l10n.get("status.profile", name))
                        .orElseGet(() -> l10n.get("status.noProfile")),
                activeProfile, l10n.localeProperty());
        environment.addListener((obs, old, report) -> {
            if (report != null) {
                alloyFound.set(report.alloy());
            }
        });
        alloyText = Bindings.createStringBinding(() -> {
            List<AlloyBinary> found = alloyFound.get();
            if (found == null) {
                return l10n.get("status.alloyUnknown");
            }
            return found.stream().findFirst().flatMap(AlloyBinary::version)
                    .map(version -> l10n.get("status.alloy", version))
                    .orElseGet(() -> l10n.get("status.alloyMissing"));
        }, alloyFound, l10n.localeProperty());
    }

    private static String agentStateText(Localization l10n, AgentState state) {
        switch (state) {
            case STARTING:
                return l10n.get("agent.state.starting");
            case READY:
                return l10n.get("agent.state.ready");
            case DEGRADED:
                return l10n.get("agent.state.degraded");
            case CRASHED:
                return l10n.get("agent.state.crashed");
            case STOPPING:
                return l10n.get("agent.state.stopping");
            default:
                return l10n.get("agent.state.stopped");
        }
    }

    /** What a look for Alloy found (the status bar shows the first one a shell would run). */
    public void setAlloyFound(List<AlloyBinary> found) {
        alloyFound.set(List.copyOf(found));
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    public ObjectProperty<AgentState> agentStateProperty() {
        return agentState;
    }

    public ObjectProperty<Optional<String>> activeProfileProperty() {
        return activeProfile;
    }

    public StringBinding agentText() {
        return agentText;
    }

    public StringBinding profileText() {
        return profileText;
    }

    public StringBinding alloyText() {
        return alloyText;
    }
}
