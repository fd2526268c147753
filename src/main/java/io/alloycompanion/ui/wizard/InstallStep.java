package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.install.AlloyBinary;
import io.alloycompanion.core.install.AlloyInstaller;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.install.InstallException;
import io.alloycompanion.core.install.InstallListener;
import io.alloycompanion.core.install.InstallResult;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskExecutor;
import io.alloycompanion.ui.common.TaskHandle;
import java.nio.file.Path;
import java.util.List;
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
 * otherwise installs the chosen version for this user, with progress, speed, time left, cancel and a short log.
 */
public final class InstallStep implements WizardStep {

    static final String ID = "install";

    private final Path installDir;
    private final AlloyDetector detector;
    private final Supplier<Optional<Path>> preferred;
    private final String defaultMirror;
    private final Function<Optional<String>, AlloyInstaller> installers;
    private final TaskExecutor executor;
    private final Localization l10n;

    private final ObjectProperty<AlloyBinary> found = new SimpleObjectProperty<>();
    private final StringProperty version = new SimpleStringProperty("latest");
    private final StringProperty mirror = new SimpleStringProperty("");
    private final BooleanProperty installing = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableBooleanValue valid = Bindings.createBooleanBinding(() -> found.get() != null && !installing.get(),
            found, installing);
    private TaskHandle running;

    /** @param installers builds an installer for a mirror (empty: GitHub) */
    public InstallStep(Path installDir, AlloyDetector detector, Function<Optional<String>, AlloyInstaller> installers,
                       TaskExecutor executor, Localization l10n) {
        this(installDir, detector, installers, executor, l10n, Optional::empty, Optional.empty());
    }

    /**
     * @param preferred the Alloy binary chosen in the settings, if any
     * @param defaultMirror the download mirror from the settings, shown until the user types another
     */
    public InstallStep(Path installDir, AlloyDetector detector, Function<Optional<String>, AlloyInstaller> installers,
                       TaskExecutor executor, Localization l10n, Supplier<Optional<Path>> preferred,
                       Optional<String> defaultMirror) {
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

    /** On entering: looks for every Alloy on the machine (this app's, PATH, packages, services' binaries). */
    @Override
    public Optional<StepAction> enterAction() {
        return Optional.of((progressListener, finished) -> BackgroundTask.of(sink -> look())
                .onSuccess(result -> {
                    found.set(result.orElse(null));
                    message.set(result.map(binary -> l10n.get("wizard.install.found", binary.version().orElse("?"), binary.path()))
                            .orElseGet(() -> l10n.get("wizard.install.notFound", installDir)));
                })
                .onFinished(finished)
                .executeWith(executor));
    }

    private Optional<AlloyBinary> look() throws InterruptedException {
        List<AlloyBinary> found = detector.detect(preferred.get(), "setting").binaries();
        return found.stream().filter(binary -> binary.source().equals("setting") && binary.version().isPresent()).findFirst()
                .or(() -> found.stream().filter(binary -> binary.source().equals("app") && binary.version().isPresent()).findFirst())
                .or(() -> found.stream().filter(binary -> binary.version().isPresent()).findFirst());
    }

    /** Installs the chosen version; the step becomes valid when it is done. */
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
        running = BackgroundTask.<InstallResult>of(sink -> installers.apply(mirrorUrl).install(wanted, installDir,
                        new InstallListener() {
                            @Override
                            public void step(String description) {
                                sink.log(description);
                            }

                            @Override
                            public void progress(long done, long total, double bytesPerSecond) {
                                sink.update(total > 0 ? (double) done / total : -1, progressLine(done, total, bytesPerSecond));
                            }
                        }, sink::isCancelled))
                .onLog(log::add)
                .onProgress((fraction, text) -> {
                    progress.set(fraction);
                    progressText.set(text == null ? "" : text);
                })
                .onSuccess(result -> {
                    found.set(new AlloyBinary(result.path(), "app", Optional.of(result.version()), Optional.empty()));
                    message.set(l10n.get("wizard.install.done", result.version(), result.path()));
                    progress.set(1);
                })
                .onFailure(InstallException.class, error -> message.set(error.kind() == InstallException.Kind.CANCELLED
                        ? l10n.get("wizard.install.cancelled") : l10n.get("wizard.install.failed", error.getMessage())))
                .onCancelled(() -> message.set(l10n.get("wizard.install.cancelled")))
                .onFinished(() -> installing.set(false))
                .executeWith(executor);
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
        return Map.of("version", version.get(), "mirror", mirror.get());
    }

    @Override
    public void restoreState(Map<String, String> values) {
        version.set(values.getOrDefault("version", "latest"));
        mirror.set(values.getOrDefault("mirror", defaultMirror));
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
