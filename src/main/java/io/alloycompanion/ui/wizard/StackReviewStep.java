package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskExecutor;
import io.alloycompanion.ui.common.TaskHandle;
import io.alloycompanion.ui.stack.StackViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Review for the local stack: what generating the stack folder with the Sources step's choices would do to each file
 * (created, updated, unchanged, the user's edits kept, merged with them, or a conflict where the user's file stays
 * and the new version goes beside it), with each file's diff. Next writes the folder, unless it changed on disk
 * since it was compared (then the new comparison is shown instead), and the Stack screen reads it again.
 */
public final class StackReviewStep implements WizardStep {

    static final String ID = "stack-review";

    /** One file of the plan, ready to show. */
    public record FileRow(String path, StackFolder.Outcome outcome, String text, String diff) {
    }

    /** What was compared: the folder, the settings and what writing them would do. */
    private record Plan(Path dir, StackSettings settings, StackFolder.Report report) {
    }

    private final StackSourcesStep sources;
    private final StackViewModel stack;
    private final TaskExecutor executor;
    private final Localization l10n;

    private final ObservableList<FileRow> files = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty statusIsError = new SimpleBooleanProperty();
    private final BooleanProperty ready = new SimpleBooleanProperty();
    private Plan shown;
    /** The last thing said in the status line, said again after a language switch. */
    private Runnable said = () -> { };

    public StackReviewStep(StackSourcesStep sources, TaskExecutor executor, Localization l10n) {
        this.sources = sources;
        this.stack = sources.stack();
        this.executor = executor;
        this.l10n = l10n;
        l10n.localeProperty().addListener((obs, old, locale) -> {
            if (shown != null) {
                files.setAll(rows(shown.report()));
            }
            said.run();
        });
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return "wizard.stackReview.title";
    }

    @Override
    public FxmlView view() {
        return FxmlView.WIZARD_STACK_REVIEW_STEP;
    }

    @Override
    public ObservableBooleanValue valid() {
        return ready;
    }

    /** On entering: compares what would be generated with the folder, in the background. */
    @Override
    public Optional<StepAction> enterAction() {
        return Optional.of(this::compare);
    }

    private TaskHandle compare(BackgroundTask.ProgressListener progress, Runnable finished) {
        ready.set(false);
        shown = null;
        files.clear();
        Path dir = sources.folder();
        StackSettings settings;
        try {
            settings = sources.settings();
        } catch (IllegalStateException e) {
            say(true, () -> l10n.get("wizard.stackReview.invalid"));
            finished.run();
            return DONE;
        }
        return BackgroundTask.of(sink -> new StackFolder(dir).plan(settings))
                .onSuccess(report -> show(new Plan(dir, settings, report)))
                .onFailure(IOException.class, error -> say(true, () -> l10n.get("wizard.stackReview.readFailed", dir, error.getMessage())))
                .onProgress(progress)
                .onFinished(finished)
                .executeWith(executor);
    }

    private void show(Plan plan) {
        shown = plan;
        files.setAll(rows(plan.report()));
        long changed = plan.report().files().stream().filter(file -> file.outcome() != StackFolder.Outcome.UNCHANGED
                && file.outcome() != StackFolder.Outcome.KEPT_EDITS).count();
        int conflicts = plan.report().conflicts().size();
        boolean created = plan.report().files().stream().allMatch(file -> file.outcome() == StackFolder.Outcome.CREATED);
        if (conflicts > 0) {
            say(false, () -> l10n.get("wizard.stackReview.conflicts", plan.dir(), conflicts));
        } else if (created) {
            say(false, () -> l10n.get("wizard.stackReview.newFolder", plan.dir()));
        } else if (changed == 0) {
            say(false, () -> l10n.get("wizard.stackReview.noChange", plan.dir()));
        } else {
            say(false, () -> l10n.get("wizard.stackReview.changes", plan.dir(), changed));
        }
        ready.set(true);
    }

    private List<FileRow> rows(StackFolder.Report report) {
        return report.files().stream().map(file -> new FileRow(file.path(), file.outcome(),
                l10n.get(outcomeKey(file.outcome()), file.path()),
                file.diff().isEmpty() ? "" : String.join("\n", file.diff()) + "\n")).toList();
    }

    private static String outcomeKey(StackFolder.Outcome outcome) {
        switch (outcome) {
            case CREATED:
                return "wizard.stackReview.file.created";
            case UPDATED:
                return "wizard.stackReview.file.updated";
            case UNCHANGED:
                return "wizard.stackReview.file.unchanged";
            case KEPT_EDITS:
                return "wizard.stackReview.file.keptEdits";
            case MERGED:
                return "wizard.stackReview.file.merged";
            default:
                return "wizard.stackReview.file.conflict";
        }
    }

    private void say(boolean error, Supplier<String> text) {
        said = () -> {
            status.set(text.get());
            statusIsError.set(error);
        };
        said.run();
    }

    /**
     * Next: writes the folder as shown. It is compared again just before: when a file changed on disk meanwhile, the
     * new comparison is shown instead and the user stays. Afterwards the Stack screen reads the folder again.
     */
    @Override
    public Optional<LeaveAction> leaveForwardAction() {
        Plan plan = shown;
        return Optional.of((progress, done) -> {
            if (plan == null) {
                done.accept(false);
                return DONE;
            }
            return BackgroundTask.of(sink -> {
                StackFolder folder = new StackFolder(plan.dir());
                StackFolder.Report now = folder.plan(plan.settings());
                if (!now.files().equals(plan.report().files())) {
                    return new Written(false, now);
                }
                return new Written(true, folder.write(plan.settings()));
            })
                    .onSuccess(written -> {
                        if (!written.written()) {
                            show(new Plan(plan.dir(), plan.settings(), written.report()));
                            say(true, () -> l10n.get("wizard.stackReview.changedOnDisk", plan.dir()));
                            done.accept(false);
                            return;
                        }
                        // The Stack screen, the Start step and the checklist read the folder's new settings.
                        stack.setFolder(plan.dir());
                        int conflicts = written.report().conflicts().size();
                        say(false, () -> conflicts == 0 ? l10n.get("wizard.stackReview.written", plan.dir())
                                : l10n.get("wizard.stackReview.writtenWithConflicts", plan.dir(), conflicts));
                        done.accept(true);
                    })
                    .onFailure(IOException.class, error -> {
                        say(true, () -> l10n.get("wizard.stackReview.writeFailed", plan.dir(), error.getMessage()));
                        done.accept(false);
                    })
                    .onFailure(RuntimeException.class, error -> {
                        // Never leave the wizard busy with every button dead: say what happened and stay.
                        say(true, () -> l10n.get("wizard.stackReview.writeFailed", plan.dir(), String.valueOf(error.getMessage())));
                        done.accept(false);
                    })
                    .onCancelled(() -> done.accept(false))
                    .onProgress(progress)
                    .executeWith(executor);
        });
    }

    private record Written(boolean written, StackFolder.Report report) {
    }

    private static final TaskHandle DONE = new TaskHandle() {
        @Override
        public void cancel() {
        }

        @Override
        public boolean isDone() {
            return true;
        }
    };

    /** The files of the last comparison, in the generator's order. */
    public ObservableList<FileRow> files() {
        return files;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty statusIsErrorProperty() {
        return statusIsError;
    }

    /** True once the comparison is shown (Next writes it). */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready;
    }
}
