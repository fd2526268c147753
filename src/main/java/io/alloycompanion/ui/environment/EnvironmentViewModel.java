package io.alloycompanion.ui.environment;

import io.alloycompanion.core.doctor.DoctorReport;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskExecutor;
import io.alloycompanion.ui.common.TaskHandle;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The machine report: runs the doctor in the background, with progress and cancel, and keeps the last result. */
public final class EnvironmentViewModel {

    private final DoctorService doctor;
    private final TaskExecutor executor;
    private final Localization l10n;
    private final Clock clock;

    private final ObjectProperty<DoctorReport> report = new SimpleObjectProperty<>();
    private final ObservableList<EnvironmentRow> rows = FXCollections.observableArrayList();
    private final ObservableList<EnvironmentRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final List<BackgroundTask.ProgressListener> progressListeners = new ArrayList<>();
    private final List<Runnable> finishedListeners = new ArrayList<>();
    private TaskHandle running;

    public EnvironmentViewModel(DoctorService doctor, TaskExecutor executor, Localization l10n, Clock clock) {
        this.doctor = doctor;
        this.executor = executor;
        this.l10n = l10n;
        this.clock = clock;
        l10n.localeProperty().addListener((obs, old, value) -> Optional.ofNullable(report.get()).ifPresent(this::show));
    }

    /**
     * Checks the machine, or joins the check already running (one at a time, whoever asked). The listeners hear
     * progress and the end on the UI thread; the handle cancels the check for everyone.
     */
    public TaskHandle check(BackgroundTask.ProgressListener progressListener, Runnable finished) {
        progressListeners.add(progressListener);
        finishedListeners.add(finished);
        if (running != null) {
            return running;
        }
        busy.set(true);
        progress.set(0);
        status.set(l10n.get("environment.checking"));
        running = BackgroundTask.<DoctorReport>of(sink -> doctor.run((probe, done, total) ->
                        sink.update((double) done / total, l10n.get("environment.progress", done, total))))
                .onProgress((fraction, message) -> {
                    progress.set(fraction);
                    List.copyOf(progressListeners).forEach(listener -> listener.progress(fraction, message));
                })
                .onSuccess(this::show)
                .onCancelled(() -> status.set(l10n.get("environment.cancelled")))
                .onFinished(() -> {
                    busy.set(false);
                    running = null;
                    List<Runnable> done = List.copyOf(finishedListeners);
                    progressListeners.clear();
                    finishedListeners.clear();
                    done.forEach(Runnable::run);
                })
                .executeWith(executor);
        return running;
    }

    public void refresh() {
        check((fraction, message) -> { }, () -> { });
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private void show(DoctorReport value) {
        report.set(value);
        rows.setAll(EnvironmentRows.of(value, l10n));
        status.set(l10n.get("environment.checkedAt",
                LocalTime.now(clock).format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(l10n.locale()))));
    }

    /** The last report as the same JSON document {@code doctor --json} prints. */
    public Optional<String> reportJson() {
        return Optional.ofNullable(report.get()).map(Json::write);
    }

    public ReadOnlyObjectProperty<DoctorReport> reportProperty() {
        return report;
    }

    public ObservableList<EnvironmentRow> rows() {
        return rowsView;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }
}
