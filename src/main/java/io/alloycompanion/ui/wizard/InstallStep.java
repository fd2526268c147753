package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.install.AlloyBinary;
import io.alloycompanion.core.install.AlloyInstaller;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.install.InstallEvent;
import io.alloycompanion.core.install.InstallException;
import io.alloycompanion.core.install.InstallListener;
import io.alloycompanion.core.install.InstallResult;
import io.alloycompanion.core.install.PackageManagers;
import io.alloycompanion.core.install.ReleaseAssets;
import io.alloycompanion.core.install.ServiceSetup;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskExecutor;
import io.alloycompanion.ui.common.TaskHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Install Alloy: says what is already there (an Alloy this app installed, or one on PATH) and moves on if so;
 * otherwise installs the chosen version for this user, with progress, speed, time left, cancel and a short log. The
 * local Docker stack runs its own Alloy in a container, so in that mode the step is passed without installing.
 */
public final class InstallStep implements WizardStep {

    static final String ID = "install";

    /** How to install: for this user only (recommended), as a service of the OS, or with a package manager. */
    public enum Mode { PER_USER, SERVICE, PACKAGE_MANAGER }

    /** Reads the token a new service gets: the active profile's, when it has one stored. */
    @FunctionalInterface
    public interface ServiceToken {
        Optional<Secret> read() throws Exception;
    }

    /**
     * The service and package-manager ways, and what they need; absent when only the per-user install is offered.
     *
     * @param token         the Grafana Cloud token handed to a service once it is installed
     * @param workDirectory the app's data folder (the one-shot file of the elevated Windows script goes there)
     */
    public record OtherModes(ServiceSetup services, PackageManagers packages, Supplier<Path> config, Path storage,
                             OperatingSystem os, ServiceToken token, Path workDirectory) {
        List<Mode> modes() {
            List<Mode> modes = new ArrayList<>(List.of(Mode.PER_USER));
            if (ServiceSetup.supported(os)) {
                modes.add(Mode.SERVICE);
            }
            modes.add(Mode.PACKAGE_MANAGER);
            return modes;
        }

        List<PackageManagers.Manager> managers() {
            switch (os) {
                case WINDOWS:
                    return List.of(PackageManagers.Manager.WINGET, PackageManagers.Manager.SCOOP);
                case MACOS:
                    return List.of(PackageManagers.Manager.BREW);
                default:
                    return List.of(PackageManagers.Manager.APT, PackageManagers.Manager.DNF);
            }
        }
    }

    private final Path installDir;
    private final AlloyDetector detector;
    private final Supplier<Optional<Path>> preferred;
    private final String defaultMirror;
    private final Function<Optional<String>, AlloyInstaller> installers;
    private final TaskExecutor executor;
    private final Localization l10n;

    private final Optional<OtherModes> otherModes;
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.PER_USER);
    private final ObjectProperty<PackageManagers.Manager> manager = new SimpleObjectProperty<>();
    private final ObjectProperty<AlloyBinary> found = new SimpleObjectProperty<>();
    private final StringProperty version = new SimpleStringProperty("latest");
    private final StringProperty mirror = new SimpleStringProperty("");
    private final StringProperty latestVersion = new SimpleStringProperty("");
    private final BooleanProperty installing = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableBooleanValue notNeeded;
    private final ObservableBooleanValue valid;
    private TaskHandle running;

    /** @param installers builds an installer for a mirror (empty: GitHub) */
    public InstallStep(Path installDir, AlloyDetector detector, Function<Optional<String>, AlloyInstaller> installers,
                       TaskExecutor executor, Localization l10n) {
        this(installDir, detector, installers, executor, l10n, Optional::empty, Optional.empty(), Optional.empty());
    }

    /**
     * @param preferred the Alloy binary chosen in the settings, if any
     * @param defaultMirror the download mirror from the settings, shown until the user types another
     */
    public InstallStep(Path installDir, AlloyDetector detector, Function<Optional<String>, AlloyInstaller> installers,
                       TaskExecutor executor, Localization l10n, Supplier<Optional<Path>> preferred,
                       Optional<String> defaultMirror, Optional<OtherModes> otherModes) {
        this(installDir, detector, installers, executor, l10n, preferred, defaultMirror, otherModes, new ModeStep());
    }

    /**
     * @param setupMode the wizard's choice: the local stack runs Alloy in a container, so there this step is optional
     */
    public InstallStep(Path installDir, AlloyDetector detector, Function<Optional<String>, AlloyInstaller> installers,
                       TaskExecutor executor, Localization l10n, Supplier<Optional<Path>> preferred,
                       Optional<String> defaultMirror, Optional<OtherModes> otherModes, ModeStep setupMode) {
        this.notNeeded = setupMode.localStack();
        this.valid = Bindings.createBooleanBinding(() -> (found.get() != null || notNeeded.get()) && !installing.get(),
                found, installing, notNeeded);
        this.otherModes = otherModes;
        otherModes.ifPresent(other -> manager.set(other.managers().get(0)));
        this.installDir = installDir;
        this.detector = detector;
        this.preferred = preferred;
        this.defaultMirror = defaultMirror.orElse("");
        mirror.set(this.defaultMirror);
        this.installers = installers;
        this.executor = executor;
        this.l10n = l10n;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "wizard.install.title";
    }

    @Override
    public FxmlView view() {
        return FxmlView.WIZARD_INSTALL_STEP;
    }

    @Override
    public ObservableBooleanValue valid() {
        return valid;
    }

    /**
     * On entering: looks for every Alloy on the machine (this app's, PATH, packages, services' binaries). Not for the
     * local stack, which needs no Alloy here: the step can be passed at once (Install still works if wanted).
     */
    @Override
    public Optional<StepAction> enterAction() {
        if (notNeeded.get()) {
            return Optional.empty();
        }
        return Optional.of((progressListener, finished) -> BackgroundTask.of(sink -> look())
                .onSuccess(result -> {
                    found.set(result.orElse(null));
                    message.set(result.map(binary -> l10n.get("wizard.install.found", binary.version().orElse("?"), binary.path()))
                            .orElseGet(() -> l10n.get("wizard.install.notFound", installDir)));
                    result.filter(binary -> binary.version().isPresent()).ifPresent(this::lookForUpdate);
                })
                .onFinished(finished)
                .executeWith(executor));
    }

    /**
     * Asks the release source (GitHub, or the mirror) for the latest release in the background, and says so when it
     * is newer than the Alloy found. Offline or without a {@code latest} on the mirror, it stays quiet: the step does
     * not depend on it.
     */
    private void lookForUpdate(AlloyBinary binary) {
        String current = binary.version().orElseThrow();
        Optional<String> mirrorUrl = Optional.of(mirror.get().trim()).filter(url -> !url.isEmpty());
        String shown = message.get();
        BackgroundTask.of(sink -> installers.apply(mirrorUrl).resolveTag(Optional.empty(), InstallListener.NONE))
                .onSuccess(latest -> {
                    latestVersion.set(ReleaseAssets.isNewer(latest, current) ? latest : "");
                    if (!latestVersion.get().isEmpty() && message.get().equals(shown) && !installing.get()) {
                        // Only an install of this app is upgraded by Install; any other is updated the way it was made.
                        message.set(shown + " " + (binary.source().equals("app")
                                ? l10n.get("wizard.install.updateAvailable", latest)
                                : l10n.get("wizard.install.updateAvailableElsewhere", latest, binary.source())));
                    }
                })
                .onFailure(InstallException.class, unreachable -> latestVersion.set(""))
                .executeWith(executor);
    }

    /** The newer release found by the last look, or empty. */
    public StringProperty latestVersionProperty() {
        return latestVersion;
    }

    private Optional<AlloyBinary> look() throws InterruptedException {
        List<AlloyBinary> found = detector.detect(preferred.get(), "setting").binaries();
        return found.stream().filter(binary -> binary.source().equals("setting") && binary.version().isPresent()).findFirst()
                .or(() -> found.stream().filter(binary -> binary.source().equals("app") && binary.version().isPresent()).findFirst())
                .or(() -> found.stream().filter(binary -> binary.version().isPresent()).findFirst());
    }

    /** Installs the chosen way; the step becomes valid when Alloy is there. */
    public void install() {
        if (installing.get()) {
            return;
        }
        log.clear();
        installing.set(true);
        progress.set(-1);
        progressText.set("");
        message.set("");
        Optional<String> mirrorUrl = Optional.of(mirror.get().trim()).filter(url -> !url.isEmpty());
        Optional<String> wanted = Optional.of(version.get().trim()).filter(text -> !text.isEmpty());
        Mode chosen = otherModes.isPresent() ? mode.get() : Mode.PER_USER;
        PackageManagers.Manager chosenManager = manager.get();
        running = BackgroundTask.<Installed>of(sink -> {
            switch (chosen) {
                case SERVICE: {
                    OtherModes other = otherModes.orElseThrow();
                    Optional<Secret> token = serviceToken(other, sink);
                    try {
                        String done = other.services().install(installers.apply(mirrorUrl), wanted, installDir,
                                other.config().get(), other.storage(), token, other.workDirectory(), listener(sink),
                                sink::isCancelled);
                        return new Installed(done, look()); // what is there now
                    } finally {
                        token.ifPresent(Secret::close);
                    }
                }
                case PACKAGE_MANAGER: {
                    // Choosing apt/dnf shows the root commands beside the button: pressing Install is agreeing to them,
                    // and the desktop's password dialog (pkexec) still asks before anything runs as root.
                    otherModes.orElseThrow().packages().installAgreed(chosenManager, PackageManagers.Elevation.PKEXEC, sink::log);
                    String done = l10n.get("wizard.install.managerDone", chosenManager.id());
                    return new Installed(chosenManager.needsAdministrator()
                            ? done + " " + l10n.get("wizard.install.afterPackage") : done, look());
                }
                default: {
                    InstallResult result = installers.apply(mirrorUrl).install(wanted, installDir, listener(sink), sink::isCancelled);
                    return new Installed(l10n.get("wizard.install.done", result.version(), result.path()),
                            Optional.of(new AlloyBinary(result.path(), "app", Optional.of(result.version()), Optional.empty())));
                }
            }
        })
                .onLog(log::add)
                .onProgress((fraction, text) -> {
                    progress.set(fraction);
                    progressText.set(text == null ? "" : text);
                })
                .onSuccess(installed -> {
                    progress.set(1);
                    found.set(installed.binary().orElse(null));
                    message.set(installed.binary().isPresent() ? installed.done()
                            : installed.done() + " " + l10n.get("wizard.install.notFoundAfter"));
                })
                .onFailure(InstallException.class, error -> message.set(error.kind() == InstallException.Kind.CANCELLED
                        ? l10n.get("wizard.install.cancelled") : l10n.get("wizard.install.failed", error.getMessage())))
                .onCancelled(() -> message.set(l10n.get("wizard.install.cancelled")))
                .onFinished(() -> installing.set(false))
                .executeWith(executor);
    }

    private record Installed(String done, Optional<AlloyBinary> binary) { }

    /** The token for a new service; a keychain that cannot be read only means the service starts without one. */
    private Optional<Secret> serviceToken(OtherModes other, BackgroundTask.Progress sink) {
        try {
            return other.token().read();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            sink.log(l10n.get("wizard.install.log.noToken", e.getMessage()));
            return Optional.empty();
        }
    }

    /** The commands that run as root for the chosen package manager, shown before the user presses Install. */
    public Optional<String> rootCommands() {
        return Optional.ofNullable(manager.get()).flatMap(PackageManagers.Manager::rootScript);
    }

    /** Passes an install's steps to the log, in the user's language, and its download progress to the bar. */
    private InstallListener listener(BackgroundTask.Progress sink) {
        return new InstallListener() {
            @Override
            public void step(InstallEvent event) {
                sink.log(describe(event));
            }

            @Override
            public void progress(long done, long total, double bytesPerSecond) {
                sink.update(total > 0 ? (double) done / total : -1, progressLine(done, total, bytesPerSecond));
            }
        };
    }

    String describe(InstallEvent event) {
        switch (event.what()) {
            case ASKING_LATEST:
                return l10n.get("wizard.install.log.askingLatest", event.detail());
            case READING_SUMS:
                return l10n.get("wizard.install.log.readingSums", event.detail());
            case DOWNLOADING:
                return l10n.get("wizard.install.log.downloading", event.detail());
            case VERIFIED:
                return l10n.get("wizard.install.log.verified", event.detail());
            case BINARY_RUNS:
                return l10n.get("wizard.install.log.binaryRuns", event.detail());
            case ACTIVE:
                return l10n.get("wizard.install.log.active", event.detail());
            case WRITING_UNIT:
                return l10n.get("wizard.install.log.writingUnit");
            case RUNNING_INSTALLER:
                return l10n.get("wizard.install.log.runningInstaller");
            default:
                return l10n.get("wizard.install.log.handingToken");
        }
    }

    /** The ways offered on this OS (only the per-user install when nothing else was given). */
    public List<Mode> modes() {
        return otherModes.map(OtherModes::modes).orElse(List.of(Mode.PER_USER));
    }

    public List<PackageManagers.Manager> managers() {
        return otherModes.map(OtherModes::managers).orElse(List.of());
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public ObjectProperty<PackageManagers.Manager> managerProperty() {
        return manager;
    }

    private String progressLine(long done, long total, double bytesPerSecond) {
        if (total <= 0) {
            return l10n.get("wizard.install.progressUnknown", String.format("%.1f", done / 1e6), String.format("%.1f", bytesPerSecond / 1e6));
        }
        long secondsLeft = bytesPerSecond > 0 ? (long) ((total - done) / bytesPerSecond) : 0;
        return l10n.get("wizard.install.progress", String.format("%.1f", done / 1e6), String.format("%.1f", total / 1e6),
                String.format("%.1f", bytesPerSecond / 1e6), secondsLeft);
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    @Override
    public Map<String, String> saveState() {
        return Map.of("version", version.get(), "mirror", mirror.get(), "mode", mode.get().name());
    }

    @Override
    public void restoreState(Map<String, String> values) {
        version.set(values.getOrDefault("version", "latest"));
        mirror.set(values.getOrDefault("mirror", defaultMirror));
        String savedMode = values.getOrDefault("mode", Mode.PER_USER.name());
        mode.set(modes().stream().filter(candidate -> candidate.name().equals(savedMode)).findFirst().orElse(Mode.PER_USER));
    }

    /** True when the wizard sets up the local stack, whose Alloy runs in a container: installing here is optional. */
    public ObservableBooleanValue notNeededProperty() {
        return notNeeded;
    }

    public ObjectProperty<AlloyBinary> foundProperty() {
        return found;
    }

    public StringProperty versionProperty() {
        return version;
    }

    public StringProperty mirrorProperty() {
        return mirror;
    }

    public BooleanProperty installingProperty() {
        return installing;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObservableList<String> log() {
        return log;
    }

    public Path installDir() {
        return installDir;
    }
}
