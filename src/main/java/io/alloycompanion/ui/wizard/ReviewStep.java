package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.config.ConfigFiles;
import io.alloycompanion.core.config.Validation;
import io.alloycompanion.core.config.generate.ConfigGenerator;
import io.alloycompanion.core.config.generate.ConfigModel;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.TaskExecutor;
import io.alloycompanion.ui.common.TaskHandle;
import io.alloycompanion.ui.config.DiagnosticTexts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Review: the config generated from the Sources step, the diff against the config file when there is one, and what
 * the app's validator says about it (errors block Next). Next writes the file atomically, the previous version kept
 * as {@code .bak}; an unchanged config writes nothing. A failed write keeps the user on this step with the reason.
 */
public final class ReviewStep implements WizardStep {

    static final String ID = "review";

    /** Writes the config file (atomically with a backup in the app; replaceable in tests). */
    @FunctionalInterface
    public interface ConfigWriter {
        void write(Path file, String text) throws IOException;
    }

    /** A finding of the validator, ready to show. */
    public record Problem(boolean error, String text) {
    }

    /** What was generated and what it was compared with. */
    private record Review(Path file, String text, ConfigFiles.Fingerprint onDisk, boolean existing, boolean unchanged,
                          List<String> diff, Validation.Report report) {
    }

    private enum Outcome { WRITTEN, UNCHANGED, CHANGED_ON_DISK }

    private final SourcesStep sources;
    private final SettingsWriter settings;
    private final Path defaultConfig;
    private final LintContext lint;
    private final TaskExecutor executor;
    private final Localization l10n;
    private final ConfigWriter writer;

    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final StringProperty generated = new SimpleStringProperty("");
    private final StringProperty diff = new SimpleStringProperty("");
    private final BooleanProperty existing = new SimpleBooleanProperty();
    private final BooleanProperty unchanged = new SimpleBooleanProperty();
    private final BooleanProperty ready = new SimpleBooleanProperty();
    private final IntegerProperty errors = new SimpleIntegerProperty();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty statusIsError = new SimpleBooleanProperty();
    private final StringProperty tokenNote = new SimpleStringProperty("");
    private final BooleanBinding valid = ready.and(errors.isEqualTo(0));
    private Review review;
    private Consumer<Path> afterWrite = path -> { };

    /**
     * @param defaultConfig the config file when the settings name none ({@code <data>/config.alloy})
     */
    public ReviewStep(SourcesStep sources, SettingsWriter settings, Path defaultConfig, LintContext lint,
                      TaskExecutor executor, Localization l10n) {
        this(sources, settings, defaultConfig, lint, executor, l10n, (path, text) -> ConfigFiles.write(path, text));
    }

    public ReviewStep(SourcesStep sources, SettingsWriter settings, Path defaultConfig, LintContext lint,
                      TaskExecutor executor, Localization l10n, ConfigWriter writer) {
        this.sources = sources;
        this.settings = settings;
        this.defaultConfig = defaultConfig;
        this.lint = lint;
        this.executor = executor;
        this.l10n = l10n;
        this.writer = writer;
        // What is shown is in the user's language: a language switch says it again.
        l10n.localeProperty().addListener((obs, old, locale) -> {
            if (review != null) {
                tokenNote.set(tokenNote.get().isEmpty() ? "" : l10n.get("wizard.tokenFromEnvironment",
                        ConfigModel.EnvToken.DEFAULT.variable()));
                show(review);
            }
        });
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "wizard.review.title";
    }

    @Override
    public FxmlView view() {
        return FxmlView.WIZARD_REVIEW_STEP;
    }

    @Override
    public ObservableBooleanValue valid() {
        return valid;
    }

    /** On entering: generates the config from the sources and compares it with the file, in the background. */
    @Override
    public Optional<StepAction> enterAction() {
        return Optional.of(this::compare);
    }

    private TaskHandle compare(BackgroundTask.ProgressListener progress, Runnable finished) {
        ready.set(false);
        review = null;
        ConfigModel model = model();
        Path path = configFile();
        file.set(path);
        tokenNote.set(model.destination() instanceof ConfigModel.GrafanaCloud
                ? l10n.get("wizard.tokenFromEnvironment", ConfigModel.EnvToken.DEFAULT.variable()) : "");
        return BackgroundTask.of(sink -> {
            String name = path.getFileName().toString();
            String text = ConfigGenerator.generate(model);
            ConfigFiles.Loaded onDisk = ConfigFiles.read(path);
            boolean exists = onDisk.fingerprint().sha256().isPresent();
            return new Review(path, text, onDisk.fingerprint(), exists, exists && onDisk.text().equals(text),
                    ConfigFiles.diff(name, onDisk.text(), text), Validation.validate(name, text, lint));
        })
                .onSuccess(this::show)
                .onFailure(IOException.class, error -> fail(l10n.get("wizard.review.readFailed", path, error.getMessage())))
                .onFailure(RuntimeException.class, error -> fail(l10n.get("wizard.review.generateFailed", error.getMessage())))
                .onProgress(progress)
                .onFinished(finished)
                .executeWith(executor);
    }

    /** The sources' model; with a proxy set on this machine the Grafana Cloud writers are told to use it. */
    private ConfigModel model() {
        ConfigModel model = sources.model();
        if (lint.proxy().isPresent() && model.destination() instanceof ConfigModel.GrafanaCloud cloud) {
            return new ConfigModel(model.scrapes(), model.otlp(), model.logFiles(), cloud.withProxyFromEnvironment(true),
                    model.enrichment(), model.fleetManagement(), model.logging());
        }
        return model;
    }

    /** The config file the app uses: the one in the settings, else {@code <data>/config.alloy}. */
    Path configFile() {
        return settings.current().configFile().map(Path::of).orElse(defaultConfig);
    }

    private void show(Review result) {
        review = result;
        generated.set(result.text());
        existing.set(result.existing());
        unchanged.set(result.unchanged());
        diff.set(result.unchanged() ? "" : result.diff().isEmpty() ? l10n.get("config.whitespaceOnly")
                : String.join("\n", result.diff()) + "\n");
        problems.setAll(result.report().diagnostics().stream().map(this::problem).toList());
        errors.set((int) result.report().errors());
        if (result.report().errors() > 0) {
            error(l10n.get("wizard.review.errors", result.report().errors()));
        } else if (result.unchanged()) {
            info(l10n.get("wizard.review.noChange", result.file()));
        } else if (!result.existing()) {
            info(l10n.get("wizard.review.newFile", result.file()));
        } else {
            info(l10n.get("wizard.review.changes", result.file(), backup(result.file()).getFileName()));
        }
        ready.set(true);
    }

    private Problem problem(Diagnostic diagnostic) {
        boolean error = diagnostic.severity() == Diagnostic.Severity.ERROR;
        return new Problem(error, l10n.get(error ? "config.problem.error" : "config.problem.warning",
                diagnostic.start().line(), diagnostic.start().column(), DiagnosticTexts.message(diagnostic, l10n))
                + DiagnosticTexts.fix(diagnostic, l10n).map(fix -> "  → " + fix).orElse(""));
    }

    private void fail(String message) {
        review = null;
        generated.set("");
        diff.set("");
        problems.clear();
        errors.set(0);
        ready.set(false);
        error(message);
    }

    /**
     * Next: writes what was shown, unless the file already holds it. The file is compared with what was read just
     * before writing, so a change made on disk meanwhile is shown (a new comparison) instead of overwritten.
     */
    @Override
    public Optional<LeaveAction> leaveForwardAction() {
        Review shown = review;
        return Optional.of((progress, done) -> {
            if (shown == null) {
                // Nothing was compared (yet): there is nothing safe to write, so stay.
                done.accept(false);
                return DONE;
            }
            return BackgroundTask.of(sink -> {
                if (!ConfigFiles.current(shown.file()).equals(shown.onDisk())) {
                    return new Left(Outcome.CHANGED_ON_DISK, shown.onDisk());
                }
                if (shown.unchanged()) {
                    return new Left(Outcome.UNCHANGED, shown.onDisk());
                }
                keepOriginal(shown.file());
                writer.write(shown.file(), shown.text());
                return new Left(Outcome.WRITTEN, ConfigFiles.current(shown.file()));
            })
                    .onSuccess(left -> {
                        switch (left.outcome()) {
                            case CHANGED_ON_DISK -> {
                                done.accept(false);
                                // Compare again, then say why the user is still here.
                                compare((fraction, message) -> { }, () -> {
                                    if (ready.get()) {
                                        error(l10n.get("wizard.review.changedOnDisk", shown.file()));
                                    }
                                });
                            }
                            case UNCHANGED -> {
                                adopt(shown.file());
                                info(l10n.get("wizard.review.nothingWritten", shown.file()));
                                done.accept(true);
                            }
                            default -> {
                                adopt(shown.file());
                                // What is on disk now is what was shown: a second Next (or Finish) writes nothing.
                                review = new Review(shown.file(), shown.text(), left.onDisk(), true, true, List.of(), shown.report());
                                existing.set(true);
                                unchanged.set(true);
                                info(l10n.get("wizard.review.written", shown.file(), backup(shown.file()).getFileName()));
                                afterWrite.accept(shown.file());
                                done.accept(true);
                            }
                        }
                    })
                    .onFailure(IOException.class, error -> {
                        error(l10n.get("wizard.review.writeFailed", shown.file(), error.getMessage()));
                        done.accept(false);
                    })
                    .onFailure(RuntimeException.class, error -> {
                        // Never leave the wizard busy with every button dead: say what happened and stay.
                        error(l10n.get("wizard.review.writeFailed", shown.file(), String.valueOf(error.getMessage())));
                        done.accept(false);
                    })
                    .onCancelled(() -> done.accept(false))
                    .onProgress(progress)
                    .executeWith(executor);
        });
    }

    private record Left(Outcome outcome, ConfigFiles.Fingerprint onDisk) {
    }

    /**
     * The first time the wizard replaces a config it did not write, the user's file is kept as {@code <name>.orig}
     * (the {@code .bak} only holds the version before the latest write, so a second write would lose it).
     */
    static void keepOriginal(Path file) throws IOException {
        Path original = file.resolveSibling(file.getFileName() + ".orig");
        if (java.nio.file.Files.isRegularFile(file) && !java.nio.file.Files.exists(original)
                && !java.nio.file.Files.readString(file).startsWith(GENERATED_MARK)) {
            java.nio.file.Files.copy(file, original);
        }
    }

    /** How a config the app generated starts (the generator's header comment). */
    static final String GENERATED_MARK = "// Generated by Alloy Companion";

    private static final TaskHandle DONE = new TaskHandle() {
        @Override
        public void cancel() {
        }

        @Override
        public boolean isDone() {
            return true;
        }
    };

    /** The written file becomes the app's config file when the settings name none yet. */
    private void adopt(Path path) {
        if (settings.current().configFile().isEmpty()) {
            settings.update(current -> current.configFile().isPresent() ? current : current.withConfigFile(path.toString()));
        }
    }

    private static Path backup(Path path) {
        return path.resolveSibling(path.getFileName() + ".bak");
    }

    private void info(String message) {
        status.set(message);
        statusIsError.set(false);
    }

    private void error(String message) {
        status.set(message);
        statusIsError.set(true);
    }

    /**
     * Called on the UI thread after the file was written (e.g. the Config screen reloads it, a running agent
     * reloads its config).
     */
    public void setAfterWrite(Consumer<Path> action) {
        afterWrite = action;
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file;
    }

    public ReadOnlyStringProperty generatedProperty() {
        return generated;
    }

    /** The unified diff from the file on disk to the generated text; empty when the file holds it already. */
    public ReadOnlyStringProperty diffProperty() {
        return diff;
    }

    /** Whether the config file exists (so there is a diff to show). */
    public ReadOnlyBooleanProperty existingProperty() {
        return existing;
    }

    /** Whether the file already holds exactly the generated text: Next writes nothing. */
    public ReadOnlyBooleanProperty unchangedProperty() {
        return unchanged;
    }

    /** The comparison finished (Next waits for it). */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready;
    }

    public ReadOnlyIntegerProperty errorsProperty() {
        return errors;
    }

    public ObservableList<Problem> problems() {
        return problems;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty statusIsErrorProperty() {
        return statusIsError;
    }

    /** For Grafana Cloud: where Alloy reads the token, which the file does not contain. */
    public ReadOnlyStringProperty tokenNoteProperty() {
        return tokenNote;
    }
}
