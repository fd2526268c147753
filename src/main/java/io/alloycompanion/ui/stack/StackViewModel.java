package io.alloycompanion.ui.stack;

import io.alloycompanion.core.checks.Check;
import io.alloycompanion.core.checks.CheckResult;
import io.alloycompanion.core.checks.CheckRunner;
import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.core.stack.StackControl;
import io.alloycompanion.core.stack.StackEvent;
import io.alloycompanion.core.stack.StackException;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.core.stack.StackStatus;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskExecutor;
import io.alloycompanion.ui.common.TaskHandle;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Stack screen without controls: the stack folder and its settings, each service's state and health, up/down for
 * the whole stack and start/stop/restart per service (with progress and cancel), the services' logs with a service
 * filter, and the validation checks as checklist items.
 */
public final class StackViewModel {

    /** Lines of container logs kept for the screen. */
    static final int LOG_LINES_KEPT = 5_000;

    /** One row of the services table. */
    public record Row(StackService service, String state, ServiceStatus.Health health, String ports, String image,
                      Optional<String> url) {
    }

    /** One container log line, with when Docker received it. */
    public record LogLine(StackService service, java.time.Instant time, String text, boolean stderr) {
    }

    private java.util.function.UnaryOperator<StackSettings> cloudRefresh = java.util.function.UnaryOperator.identity();
    private final StackControl.Opener opener;
    private final Function<StackSettings, List<Check>> checks;
    private final CheckRunner runner;
    private final TaskExecutor executor;
    private final Localization l10n;
    private final Consumer<Runnable> fx;
    private final Consumer<Path> folderChanged;

    private final StringProperty folder = new SimpleStringProperty("");
    private final ObjectProperty<StackSettings> settings = new SimpleObjectProperty<>(StackSettings.DEFAULTS);
    private final BooleanProperty initialised = new SimpleBooleanProperty();
    private final StringProperty engine = new SimpleStringProperty("");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    /** Only bringing services up can be cancelled; stopping and removing finish on their own within seconds. */
    private final BooleanProperty cancellable = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty problemLines = new SimpleStringProperty("");
    private final StringProperty generated = new SimpleStringProperty("");
    private final ObservableList<CheckResult> validation = FXCollections.observableArrayList();
    private final BooleanProperty validating = new SimpleBooleanProperty();
    private final ObjectProperty<Optional<StackService>> logFilter = new SimpleObjectProperty<>(Optional.empty());
    private final ObservableList<LogLine> shownLogs = FXCollections.observableArrayList();
    private final Deque<LogLine> logs = new ArrayDeque<>();
    private final List<LogLine> arrived = new ArrayList<>();
    /** Guarded by {@code arrived}: the newest line seen per service. */
    private final java.util.Map<StackService, java.time.Instant> lastSeen = new java.util.EnumMap<>(StackService.class);
    private volatile Consumer<LogLine> sink = line -> { };
    private final List<Closeable> logStreams = new ArrayList<>();
    private StackControl following;
    private TaskHandle current;
    private boolean statusPending;
    private boolean cancelling;
    private int followGeneration;
    private java.util.Set<StackService> followed = java.util.Set.of();

    /**
     * @param opener        opens the stack of a folder (in the app: through Docker)
     * @param checks        the validation checks for a stack's settings
     * @param folderChanged told when the user picks another folder (to remember it)
     */
    public StackViewModel(StackControl.Opener opener, Function<StackSettings, List<Check>> checks, CheckRunner runner,
                          TaskExecutor executor, Localization l10n, Consumer<Runnable> fx, Path initialFolder,
                          Consumer<Path> folderChanged) {
        this.opener = opener;
        this.checks = checks;
        this.runner = runner;
        this.executor = executor;
        this.l10n = l10n;
        this.fx = fx;
        this.folderChanged = folderChanged;
        setFolder(initialFolder);
        logFilter.addListener((obs, old, now) -> refilter());
    }

    // ---- folder and settings ---------------------------------------------------------------------------------------

    /** Shows another stack folder: its settings if it has some, the defaults otherwise. */
    public void setFolder(Path dir) {
        Path normalised = dir.toAbsolutePath().normalize();
        stopFollowing();
        folder.set(normalised.toString());
        StackFolder stackFolder = new StackFolder(normalised);
        try {
            Optional<StackSettings> read = stackFolder.readSettings();
            settings.set(read.orElse(StackSettings.DEFAULTS));
            initialised.set(read.isPresent());
            message.set(read.isPresent() ? "" : l10n.get("stack.notInitialised"));
        } catch (IOException e) {
            settings.set(StackSettings.DEFAULTS);
            initialised.set(false);
            message.set(e.getMessage());
        }
        rows.setAll(rowsFor(settings.get(), Optional.empty()));
        validation.clear();
        generated.set("");
    }

    public void chooseFolder(Path dir) {
        setFolder(dir);
        folderChanged.accept(Path.of(folder.get()));
    }

    /**
     * Writes the folder's settings and files (merging with the user's edits) and says per file what happened;
     * {@code change} is applied to the current settings first and may throw for a value Docker would refuse.
     */
    public void generate(Function<StackSettings, StackSettings> change) {
        StackSettings next;
        try {
            next = cloudRefresh.apply(change.apply(settings.get()));
        } catch (IllegalArgumentException e) {
            message.set(l10n.get("stack.invalidSetting", e.getMessage()));
            return;
        }
        Path dir = Path.of(folder.get());
        run(progressReport -> new StackFolder(dir).write(next), report -> {
            settings.set(next);
            initialised.set(true);
            rows.setAll(rowsFor(next, Optional.empty()));
            List<String> lines = new ArrayList<>();
            for (StackFolder.FileChange file : report.files()) {
                lines.add(l10n.get(outcomeKey(file.outcome()), file.path()));
                if (file.outcome() == StackFolder.Outcome.CONFLICT) {
                    file.diff().forEach(line -> lines.add("    " + line));
                }
            }
            generated.set(String.join("\n", lines));
            message.set(report.conflicts().isEmpty() ? l10n.get("stack.generated", report.dir())
                    : l10n.get("stack.generatedWithConflicts", report.conflicts().size()));
            refresh();
        });
    }

    private static String outcomeKey(StackFolder.Outcome outcome) {
        switch (outcome) {
            case CREATED:
                return "stack.file.created";
            case UPDATED:
                return "stack.file.updated";
            case UNCHANGED:
                return "stack.file.unchanged";
            case KEPT_EDITS:
                return "stack.file.keptEdits";
            case MERGED:
                return "stack.file.merged";
            default:
                return "stack.file.conflict";
        }
    }

    // ---- actions ---------------------------------------------------------------------------------------------------

    /** Brings the whole stack up, each service healthy before the next; cancellable. */
    public void up() {
        upServices(EnumSet.allOf(StackService.class));
    }

    /**
     * Brings the whole stack up; a folder that has no stack yet first gets its files, with the current settings
     * changed by {@code changeIfNew} (what the settings tab shows).
     */
    public void up(Function<StackSettings, StackSettings> changeIfNew) {
        if (initialised.get()) {
            up();
            return;
        }
        StackSettings next;
        try {
            next = changeIfNew.apply(settings.get());
        } catch (IllegalArgumentException e) {
            message.set(l10n.get("stack.invalidSetting", e.getMessage()));
            return;
        }
        Path dir = Path.of(folder.get());
        run(progressReport -> {
            StackFolder stackFolder = new StackFolder(dir);
            stackFolder.write(next);
            fx.accept(() -> {
                settings.set(next);
                initialised.set(true);
            });
            try (StackControl stack = opener.open(stackFolder)) {
                return stack.up(EnumSet.allOf(StackService.class), this::event);
            }
        }, status -> {
            // Also here: the result may be handed over before the queued settings above.
            settings.set(next);
            initialised.set(true);
            show(status);
            message.set(status.allHealthy() ? l10n.get("stack.allHealthy") : l10n.get("stack.upDone"));
            validate();
        });
        cancellable.set(busy.get());
    }

    public void start(StackService service) {
        upServices(EnumSet.of(service));
    }

    private void upServices(Set<StackService> services) {
        if (!ensureInitialised()) {
            return;
        }
        withStack(stack -> stack.up(services, this::event), status -> {
            show(status);
            message.set(status.allHealthy() ? l10n.get("stack.allHealthy") : l10n.get("stack.upDone"));
            validate();
        });
        cancellable.set(busy.get());
    }

    /** Stops and removes the containers; the data volumes too when {@code removeData}. */
    public void down(boolean removeData) {
        stopFollowing();
        withStack(stack -> {
            stack.down(removeData, this::event);
            return stack.status();
        }, status -> {
            show(status);
            validation.clear();
            message.set(l10n.get(removeData ? "stack.downWithData" : "stack.downDone"));
        });
    }

    public void stop(StackService service) {
        withStack(stack -> {
            stack.stop(service);
            return stack.status();
        }, status -> {
            show(status);
            message.set(l10n.get("stack.serviceStopped", service.id()));
        });
    }

    public void restart(StackService service) {
        withStack(stack -> {
            stack.restart(service, this::event);
            return stack.status();
        }, status -> {
            show(status);
            message.set(l10n.get("stack.serviceRestarted", service.id()));
        });
    }

    /** Asks the engine for each service's state now (skipped while an action runs, which reports its own). */
    public void refresh() {
        if (busy.get() || statusPending || !initialised.get()) {
            return;
        }
        statusPending = true;
        Path dir = Path.of(folder.get());
        BackgroundTask.of(progressReport -> {
            try (StackControl stack = opener.open(new StackFolder(dir))) {
                return stack.status();
            }
        }).onSuccess(this::show).onFailure(StackException.class, e -> engine.set(describe(e)))
                .onFailure(IOException.class, e -> engine.set(e.getMessage()))
                .onFinished(() -> statusPending = false)
                .executeWith(executor);
    }

    public void cancel() {
        if (current != null && !current.isDone()) {
            cancelling = true;
            current.cancel();
        }
    }

    /** Runs the validation checks (health endpoints, datasources, correlations, RED metrics…) against the stack. */
    public void validate() {
        if (validating.get()) {
            return;
        }
        validating.set(true);
        List<Check> list = checks.apply(settings.get());
        validation.clear();
        BackgroundTask.of(progressReport -> runner.run(list, new CheckRunner.Listener() { }))
                .onSuccess(validation::setAll)
                .onFinished(() -> validating.set(false))
                .executeWith(executor);
    }

    // ---- logs ------------------------------------------------------------------------------------------------------

    /** Follows these services' logs: the last 200 lines of each, then new ones. */
    private void followLogs(java.util.Set<StackService> services) {
        Path dir = Path.of(folder.get());
        followed = java.util.Set.copyOf(services);
        int generation = ++followGeneration;
        BackgroundTask.of(progressReport -> {
            StackControl stack = opener.open(new StackFolder(dir));
            List<Closeable> streams = new ArrayList<>();
            try {
                for (StackService service : services) {
                    streams.add(stack.logs(service, 200, true,
                            (from, time, line, stderr) -> arrive(new LogLine(from, time, line, stderr))));
                }
            } catch (StackException | RuntimeException e) {
                new Following(stack, streams).close();
                throw e;
            }
            return new Following(stack, streams);
        }).onSuccess(result -> {
            if (generation != followGeneration || following != null) {
                result.close(); // superseded while it opened
                return;
            }
            following = result.stack();
            logStreams.addAll(result.streams());
        }).onFailure(StackException.class, e -> {
            followed = java.util.Set.of();
            engine.set(describe(e));
        }).executeWith(executor);
    }

    private record Following(StackControl stack, List<Closeable> streams) {
        void close() {
            for (Closeable stream : streams) {
                try {
                    stream.close();
                } catch (IOException e) {
                    // already closed
                }
            }
            stack.close();
        }
    }

    /** Stops following the logs (the lines already shown stay). */
    public void stopFollowing() {
        followGeneration++;
        followed = java.util.Set.of();
        if (following != null) {
            new Following(following, List.copyOf(logStreams)).close();
            following = null;
            logStreams.clear();
        }
    }

    /**
     * Called by docker-java's threads; lines wait here until the next {@link #drainLogs()}. A stream opened again
     * replays the container's last lines: those already seen (by Docker's timestamp) are dropped, so none is shown,
     * or handed on, twice.
     */
    void arrive(LogLine line) {
        synchronized (arrived) {
            java.time.Instant last = lastSeen.get(line.service());
            if (last != null && !line.time().isAfter(last)) {
                return;
            }
            lastSeen.put(line.service(), line.time());
            sink.accept(line);
            arrived.add(line);
            if (arrived.size() > LOG_LINES_KEPT) {
                arrived.subList(0, arrived.size() - LOG_LINES_KEPT).clear();
            }
        }
    }

    /** Moves the lines that arrived since the last call into the shown list; the screen calls it on a pulse. */
    public void drainLogs() {
        List<LogLine> batch;
        synchronized (arrived) {
            if (arrived.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(arrived);
            arrived.clear();
        }
        for (LogLine line : batch) {
            logs.addLast(line);
        }
        while (logs.size() > LOG_LINES_KEPT) {
            logs.removeFirst();
        }
        refilter();
    }

    private void refilter() {
        Optional<StackService> filter = logFilter.get();
        List<LogLine> visible = new ArrayList<>();
        for (LogLine line : logs) {
            if (filter.isEmpty() || filter.get() == line.service()) {
                visible.add(line);
            }
        }
        shownLogs.setAll(visible);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface StackWork {
        StackStatus run(StackControl stack) throws Exception;
    }

    private void withStack(StackWork work, Consumer<StackStatus> done) {
        Path dir = Path.of(folder.get());
        run(progressReport -> {
            try (StackControl stack = opener.open(new StackFolder(dir))) {
                return work.run(stack);
            }
        }, done);
    }

    /**
     * Runs one action at a time. The screen stays busy until the worker has really ended (a cancelled docker call may
     * take a moment to return), so a second action never runs beside it; then the state is asked anew.
     */
    private <T> void run(BackgroundTask.Work<T> work, Consumer<T> done) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        cancellable.set(false);
        cancelling = false;
        progress.set(-1);
        problemLines.set("");
        // 0 not started, 1 working, 2 ended: a task cancelled before it started never runs its work.
        java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        boolean[] waitForWorker = {false};
        // After the result's handlers (so whoever waits for "not busy" sees the rows and message already), and not
        // before the worker has ended.
        Runnable ended = () -> {
            if (once.compareAndSet(false, true)) {
                busy.set(false);
                cancellable.set(false);
                progress.set(0);
                refresh();
            }
        };
        current = BackgroundTask.of(progressReport -> {
            if (!state.compareAndSet(0, 1)) {
                throw new InterruptedException("cancelled before it started");
            }
            try {
                return work.call(progressReport);
            } finally {
                state.set(2);
                fx.accept(() -> {
                    if (waitForWorker[0]) {
                        ended.run();
                    }
                });
            }
        }).onSuccess(done)
                .onFailure(StackException.class, e -> {
                    message.set(describe(e));
                    problemLines.set(String.join("\n", e.lastLogLines()));
                })
                .onFailure(IOException.class, e -> message.set(e.getMessage()))
                .onCancelled(() -> message.set(l10n.get("stack.cancelled")))
                .onFinished(() -> {
                    if (state.compareAndSet(0, 2) || state.get() == 2) {
                        ended.run();
                    } else {
                        waitForWorker[0] = true; // cancelled while working: the worker's end ends it
                    }
                })
                .executeWith(executor);
    }

    private boolean ensureInitialised() {
        if (!initialised.get()) {
            message.set(l10n.get("stack.notInitialised"));
            return false;
        }
        return true;
    }

    private void event(StackEvent event) {
        fx.accept(() -> {
            if (cancelling) {
                return; // the worker is winding down; "Cancelled" stays
            }
            progress.set(event.fraction());
            message.set(event.service().map(service -> service.id() + ": ").orElse("") + event.message());
        });
    }

    private void show(StackStatus status) {
        engine.set(l10n.get("stack.engine", status.engineVersion().orElse("?")));
        rows.setAll(rowsFor(settings.get(), Optional.of(status)));
        syncFollowing(status);
    }

    /**
     * Follows the logs of exactly the services that run. Docker ends a followed stream when its container stops or
     * is made again, so when the running set changes every stream is opened anew, from the last 200 lines of each
     * (those already seen are dropped on arrival), so none is lost or doubled.
     */
    private void syncFollowing(StackStatus status) {
        java.util.Set<StackService> running = java.util.EnumSet.noneOf(StackService.class);
        status.services().stream().filter(ServiceStatus::running).forEach(service -> running.add(service.service()));
        if (running.equals(followed) && (following != null || running.isEmpty())) {
            return;
        }
        stopFollowing();
        if (!running.isEmpty()) {
            followLogs(running);
        }
    }

    private List<Row> rowsFor(StackSettings stackSettings, Optional<StackStatus> status) {
        List<Row> list = new ArrayList<>();
        for (StackService service : StackService.values()) {
            Optional<ServiceStatus> seen = status.flatMap(found -> found.service(service));
            String ports = stackSettings.hostPort(service)
                    + (service == StackService.ALLOY ? ", OTLP " + stackSettings.otlpHttpHostPort() : "");
            Optional<String> url = service.hasWebUi()
                    ? Optional.of("http://localhost:" + stackSettings.hostPort(service) + "/") : Optional.empty();
            list.add(new Row(service, seen.map(ServiceStatus::state).orElse(status.isPresent() ? "missing" : "—"),
                    seen.map(ServiceStatus::health).orElse(ServiceStatus.Health.UNKNOWN), ports,
                    stackSettings.image(service), url));
        }
        return list;
    }

    /** Also hands every new container line to {@code sink} (the app's Logs screen), on docker-java's threads. */
    public void forwardLinesTo(Consumer<LogLine> sink) {
        this.sink = sink;
    }

    /**
     * What went wrong, in the user's language where the app knows the failure; the engine's own words (always
     * English) otherwise.
     */
    String describe(StackException e) {
        java.util.Map<String, String> d = e.details();
        String service = e.service().map(StackService::id).orElse("");
        java.util.List<String> needed = switch (e.kind()) {
            case ENGINE_UNREACHABLE, ENGINE_GONE -> java.util.List.of("address");
            case PORT_CLASH -> java.util.List.of("port");
            case MISSING_IMAGE -> java.util.List.of("image");
            case UNHEALTHY -> java.util.List.of("seconds", "url");
            case EXITED -> java.util.List.of("exitCode");
            case SECRET_MISSING -> java.util.List.of("profile");
            case HOST_FOLDER_MISSING -> java.util.List.of("folder");
            default -> java.util.List.of("-");
        };
        if (!d.keySet().containsAll(needed)) {
            return e.getMessage();
        }
        switch (e.kind()) {
            case ENGINE_UNREACHABLE:
                return l10n.get("stack.error.engineUnreachable", d.get("address"));
            case ENGINE_GONE:
                return l10n.get("stack.error.engineGone", d.get("address"));
            case PORT_CLASH:
                return d.containsKey("other") ? l10n.get("stack.error.portTwice", d.get("port"), d.get("other"), service)
                        : d.getOrDefault("owner", "").isEmpty() ? l10n.get("stack.error.portTaken", d.get("port"), service)
                        : l10n.get("stack.error.portTakenBy", d.get("port"), service, d.get("owner"));
            case MISSING_IMAGE:
                return l10n.get("stack.error.missingImage", d.get("image"), service, d.getOrDefault("why", ""));
            case UNHEALTHY:
                return l10n.get("stack.error.unhealthy", service, d.get("seconds"), d.get("url"), d.getOrDefault("answer", ""));
            case EXITED:
                return l10n.get("stack.error.exited", service, d.get("exitCode"), d.getOrDefault("config", ""));
            case SECRET_MISSING:
                return l10n.get("stack.error.cloudToken", d.get("profile"));
            case HOST_FOLDER_MISSING:
                return l10n.get("stack.error.logFolder", d.get("folder"));
            default:
                return e.getMessage();
        }
    }

    /** Brings the endpoints of the Grafana Cloud profile the stack also sends with up to date before generating. */
    public void refreshCloudWith(java.util.function.UnaryOperator<StackSettings> refresh) {
        cloudRefresh = refresh;
    }

    /** Stops following logs; the screen calls it when the app closes. */
    public void dispose() {
        cancel();
        stopFollowing();
    }

    // ---- properties ------------------------------------------------------------------------------------------------

    public StringProperty folderProperty() {
        return folder;
    }

    public ObjectProperty<StackSettings> settingsProperty() {
        return settings;
    }

    public BooleanProperty initialisedProperty() {
        return initialised;
    }

    public StringProperty engineProperty() {
        return engine;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty cancellableProperty() {
        return cancellable;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** The failed service's last log lines. */
    public StringProperty problemLinesProperty() {
        return problemLines;
    }

    /** What the last generation did, per file. */
    public StringProperty generatedProperty() {
        return generated;
    }

    public ObservableList<CheckResult> validation() {
        return validation;
    }

    public BooleanProperty validatingProperty() {
        return validating;
    }

    public ObjectProperty<Optional<StackService>> logFilterProperty() {
        return logFilter;
    }

    public ObservableList<LogLine> logs() {
        return shownLogs;
    }
}
