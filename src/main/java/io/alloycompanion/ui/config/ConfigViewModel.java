package io.alloycompanion.ui.config;

import io.alloycompanion.core.config.ConfigFiles;
import io.alloycompanion.core.config.Formatter;
import io.alloycompanion.core.config.Validation;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.TaskExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Config screen's logic: the file being edited, its text, problems found while typing, formatting, and a save
 * that validates, shows the diff against the file on disk, and writes atomically with a backup. A file changed on
 * disk behind the editor is detected and offered for reload; it is never overwritten.
 */
public final class ConfigViewModel {

    private java.util.function.Consumer<Path> afterSave = path -> { };

    private final SettingsWriter settings;
    private final TaskExecutor executor;
    private final Localization l10n;
    private final LintContext lintContext;

    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty savedText = new SimpleStringProperty("");
    private final ObservableList<Diagnostic> problems = FXCollections.observableArrayList();
    private final ObservableList<Diagnostic> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty externalChange = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<List<String>> pendingDiff = new SimpleObjectProperty<>();
    private final BooleanBinding dirty = Bindings.createBooleanBinding(() -> !text.get().equals(savedText.get()), text, savedText);
    private ConfigFiles.Fingerprint fingerprint = ConfigFiles.Fingerprint.MISSING;
    private boolean loaded;
    /** The text the shown diff was made from; what confirmSave writes. */
    private String pendingSnapshot;

    public ConfigViewModel(SettingsWriter settings, AppDirectories directories, TaskExecutor executor,
                           Localization l10n, LintContext lintContext) {
        this.settings = settings;
        this.executor = executor;
        this.l10n = l10n;
        this.lintContext = lintContext;
        file.set(settings.current().configFile().map(Path::of).orElse(directories.data().resolve("config.alloy")));
    }

    /** Loads the current file the first time the screen opens; later visits keep the editor as it was. */
    public void loadIfNeeded() {
        if (!loaded) {
            open(file.get());
        }
    }

    public void open(Path path) {
        busy.set(true);
        BackgroundTask.of(progress -> ConfigFiles.read(path))
                .onSuccess(result -> {
                    loaded = true;
                    file.set(path);
                    fingerprint = result.fingerprint();
                    savedText.set(result.text());
                    text.set(result.text());
                    externalChange.set(false);
                    status.set(result.fingerprint().sha256().isEmpty() ? l10n.get("config.newFile", path)
                            : l10n.get("config.opened", path));
                    settings.update(current -> current.withConfigFile(path.toString()));
                    validate();
                })
                .onFailure(IOException.class, e -> status.set(l10n.get("config.loadFailed", path, e.getMessage())))
                .onFinished(() -> busy.set(false))
                .executeWith(executor);
    }

    /** Parses and lints the current text in the background; a result for text that has changed since is dropped. */
    public void validate() {
        String snapshot = text.get();
        String name = file.get().getFileName().toString();
        BackgroundTask.of(progress -> Validation.validate(name, snapshot, lintContext))
                .onSuccess(report -> {
                    if (snapshot.equals(text.get())) {
                        problems.setAll(report.diagnostics());
                    }
                })
                .executeWith(executor);
    }

    /** Formats as {@code alloy fmt} would; with syntax errors nothing changes and the status says why. */
    public void format() {
        String snapshot = text.get();
        BackgroundTask.of(progress -> Formatter.format(file.get().getFileName().toString(), snapshot))
                .onSuccess(result -> {
                    if (!snapshot.equals(text.get())) {
                        return;
                    }
                    if (result instanceof Formatter.Formatted) {
                        Formatter.Formatted formatted = (Formatter.Formatted) result;
                        text.set(formatted.text());
                        status.set(l10n.get(formatted.changed() ? "config.formatted" : "config.alreadyFormatted"));
                    } else {
                        problems.setAll(((Formatter.Failed) result).diagnostics());
                        status.set(l10n.get("config.cannotFormat"));
                    }
                })
                .executeWith(executor);
    }

    /**
     * First half of a save: checks that the file on disk is still what was opened, that the text has no errors,
     * and prepares the diff to show ({@link #pendingDiffProperty()}); {@link #confirmSave()} writes it.
     */
    public void requestSave() {
        String snapshot = text.get();
        Path path = file.get();
        String name = path.getFileName().toString();
        ConfigFiles.Fingerprint expected = fingerprint;
        busy.set(true);
        BackgroundTask.of(progress -> {
            ConfigFiles.Loaded onDisk = ConfigFiles.read(path);
            return new SaveCheck(onDisk, Validation.validate(name, snapshot, lintContext),
                    ConfigFiles.diff(name, onDisk.text(), snapshot));
        }).onSuccess(check -> {
            if (!check.onDisk().fingerprint().equals(expected)) {
                externalChange.set(true);
                status.set(l10n.get("config.changedOnDisk"));
            } else if (!check.report().valid()) {
                problems.setAll(check.report().diagnostics());
                status.set(l10n.get("config.fixErrors", check.report().errors()));
            } else if (check.onDisk().text().equals(snapshot)) {
                status.set(l10n.get("config.noChanges"));
            } else {
                pendingSnapshot = snapshot;
                // Only line endings or the final newline differ: the line diff is empty, say what changes instead.
                pendingDiff.set(check.diff().isEmpty() ? List.of(l10n.get("config.whitespaceOnly")) : check.diff());
            }
        }).onFailure(IOException.class, e -> status.set(l10n.get("config.saveFailed", e.getMessage())))
                .onFinished(() -> busy.set(false))
                .executeWith(executor);
    }

    private record SaveCheck(ConfigFiles.Loaded onDisk, Validation.Report report, List<String> diff) {
    }

    /** Writes what the diff showed: atomically, keeping the previous file as {@code .bak}. */
    public void confirmSave() {
        String snapshot = pendingSnapshot;
        Path path = file.get();
        ConfigFiles.Fingerprint expected = fingerprint;
        pendingDiff.set(null);
        if (snapshot == null) {
            return;
        }
        busy.set(true);
        BackgroundTask.of(progress -> {
            // The file may have changed while the diff was on screen: check again right before writing.
            if (!ConfigFiles.current(path).equals(expected)) {
                return Optional.<ConfigFiles.Fingerprint>empty();
            }
            return Optional.of(ConfigFiles.write(path, snapshot));
        })
                .onSuccess(written -> {
                    if (written.isEmpty()) {
                        externalChange.set(true);
                        status.set(l10n.get("config.changedOnDisk"));
                        return;
                    }
                    fingerprint = written.get();
                    savedText.set(snapshot);
                    status.set(l10n.get("config.saved", path));
                    afterSave.accept(path);
                })
                .onFailure(IOException.class, e -> status.set(l10n.get("config.saveFailed", e.getMessage())))
                .onFinished(() -> busy.set(false))
                .executeWith(executor);
    }

    public void cancelSave() {
        pendingSnapshot = null;
        pendingDiff.set(null);
    }

    /** Compares the file on disk with what was opened or saved; called periodically while the screen is shown. */
    public void checkDisk() {
        if (!loaded || externalChange.get() || busy.get()) {
            return; // while opening or saving, the fingerprint is about to change
        }
        Path path = file.get();
        ConfigFiles.Fingerprint expected = fingerprint;
        BackgroundTask.of(progress -> ConfigFiles.current(path))
                .onSuccess(current -> {
                    if (path.equals(file.get()) && expected == fingerprint && !current.equals(expected)) {
                        externalChange.set(true);
                        status.set(l10n.get("config.changedOnDisk"));
                    }
                })
                .onFailure(IOException.class, e -> { })
                .executeWith(executor);
    }

    /** Replaces the editor's text with the file on disk (the user confirmed losing their edits). */
    public void reloadFromDisk() {
        open(file.get());
    }

    /**
     * Another part of the app (the wizard's Review step) wrote {@code path}. When the editor has that file open
     * without unsaved edits it reloads it; with edits it reports the change on disk, as for any other program, so
     * nothing typed is lost. A file not opened yet is read fresh when the screen opens anyway.
     */
    public void fileWritten(Path path) {
        if (!loaded || !path.toAbsolutePath().normalize().equals(file.get().toAbsolutePath().normalize())) {
            return;
        }
        if (dirty.get()) {
            checkDisk();
        } else {
            open(file.get());
        }
    }

    /** Called on the FX thread after each save (the running agent reloads when it uses this file). */
    public void setAfterSave(java.util.function.Consumer<Path> action) {
        afterSave = action;
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file;
    }

    public StringProperty textProperty() {
        return text;
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public ObservableList<Diagnostic> problems() {
        return problemsView;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty externalChangeProperty() {
        return externalChange;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyObjectProperty<List<String>> pendingDiffProperty() {
        return pendingDiff;
    }
}
