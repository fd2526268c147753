package io.alloycompanion.ui.agent;

import io.alloycompanion.core.agent.AgentLaunch;
import io.alloycompanion.core.agent.AgentState;
import io.alloycompanion.core.agent.AgentStatus;
import io.alloycompanion.core.agent.AgentSupervisor;
import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.ComponentHealth;
import io.alloycompanion.core.agent.Insight;
import io.alloycompanion.core.agent.ListenAddress;
import io.alloycompanion.core.agent.PortOwners;
import io.alloycompanion.core.agent.Preflight;
import io.alloycompanion.core.agent.ReloadOutcome;
import io.alloycompanion.core.agent.RunningAlloyFinder;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.ServiceSecrets;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Agent screen without controls: the supervised Alloy's state, version, uptime and config, Start/Stop/Restart/
 * Reload, the component health grid, insights from its logs, and a crash's last lines. Supervisor events arrive on its
 * threads and are handed to {@code fx} (the FX thread in the app, the caller's thread in tests).
 */
public final class AgentViewModel implements AgentSupervisor.Listener {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    /** Where the agent's pieces come from; each may block and runs in the background. */
    public record Sources(Callable<Optional<Path>> binary, Supplier<Path> config, Callable<Optional<Secret>> token,
                          Path storage, Supplier<String> listenAddress, Preflight preflight, RunningAlloyFinder.Lookup running) {
    }

    private final AgentSupervisor supervisor;
    private final Sources sources;
    private final TaskExecutor executor;
    private final Localization l10n;
    private final Consumer<Runnable> fx;
    private final ObjectProperty<AgentStatus> status = new SimpleObjectProperty<>(AgentStatus.stopped(ListenAddress.DEFAULT));
    private final StringProperty version = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<Optional<Insight.ConfigLocation>> problemLocation = new SimpleObjectProperty<>(Optional.empty());
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObservableList<ComponentHealth> components = FXCollections.observableArrayList();
    private final ObservableList<Insight> insights = FXCollections.observableArrayList();
    private Consumer<String> links = url -> { };

    public AgentViewModel(Function<AgentSupervisor.Listener, AgentSupervisor> supervisors, Sources sources,
                          TaskExecutor executor, Localization l10n, Consumer<Runnable> fx) {
        this.supervisor = supervisors.apply(this);
        this.sources = sources;
        this.executor = executor;
        this.l10n = l10n;
        this.fx = fx;
    }

    // ---- supervisor events (its threads) ---------------------------------------------------------------------------

    @Override
    public void changed(AgentStatus next) {
        fx.accept(() -> {
            AgentState before = status.get().state();
            status.set(next);
            if (next.state() == AgentState.READY && before != AgentState.READY && before != AgentState.DEGRADED) {
                refreshVersion();
                refreshComponents();
            }
            if (next.state() == AgentState.STOPPED && !next.attached()) {
                components.clear();
            }
        });
    }

    @Override
    public void insight(Insight insight) {
        fx.accept(() -> {
            insights.removeIf(existing -> existing.kind() == insight.kind() && existing.component().equals(insight.component()));
            insights.add(0, insight);
            if (insights.size() > 20) {
                insights.remove(20, insights.size());
            }
        });
    }

    // ---- actions ---------------------------------------------------------------------------------------------------

    /** Checks, then starts Alloy with the active profile's token in its environment. */
    public void start() {
        if (busy.get() || status.get().running()) {
            return;
        }
        busy.set(true);
        message.set(l10n.get("agent.checking"));
        problemLocation.set(Optional.empty());
        insights.clear();
        BackgroundTask.of(progress -> {
            Optional<Path> binary = sources.binary().call();
            if (binary.isEmpty()) {
                return l10n.get("agent.noBinary");
            }
            Path config = sources.config().get();
            String listen = sources.listenAddress().get();
            Optional<RunningAlloyFinder.Found> running = sources.running().find(listen);
            if (running.isPresent()) {
                return watch(running.get());
            }
            Preflight.Report report = sources.preflight().beforeStart(binary.get(), config, listen);
            if (!report.passed()) {
                Preflight.Problem first = report.problems().get(0);
                fx.accept(() -> problemLocation.set(first.location()));
                return l10n.get("agent.notStarted", report.problems().stream().map(Preflight.Problem::message)
                        .collect(Collectors.joining("\n")));
            }
            Map<String, String> environment = Map.of();
            Optional<Secret> token = Optional.empty();
            try {
                token = sources.token().call();
            } catch (Exception e) {
                // Started without the token; the message says so.
            }
            if (token.isPresent()) {
                try (Secret secret = token.get()) {
                    environment = ServiceSecrets.childProcessEnvironment(secret);
                }
            }
            supervisor.start(new AgentLaunch(binary.get(), config, listen, sources.storage(), Optional.empty(), environment));
            return environment.isEmpty() ? l10n.get("agent.startedWithoutToken") : "";
        })
                .onSuccess(message::set)
                .onFailure(IOException.class, e -> message.set(l10n.get("agent.cannotStart", e.getMessage())))
                .onFinished(() -> busy.set(false))
                .executeWith(executor);
    }

    public void stop() {
        run(() -> {
            boolean watching = supervisor.status().attached();
            supervisor.stop(STOP_GRACE);
            return watching ? l10n.get("agent.watch.stopped") : "";
        });
    }

    /**
     * Watches the Alloy already answering at the agent's address, if there is one and nothing runs or is being
     * started here (the app calls it at start and when the Agent screen opens).
     */
    public void lookForRunningAlloy() {
        if (busy.get() || status.get().running()) {
            return;
        }
        busy.set(true);
        BackgroundTask.of(progress -> sources.running().find(sources.listenAddress().get()).map(this::watch))
                .onSuccess(text -> text.ifPresent(message::set))
                .onFailure(IllegalStateException.class, e -> { })
                .onFinished(() -> busy.set(false))
                .executeWith(executor);
    }

    /** Attaches read-only (its logs followed when the app can read them) and says who runs it. */
    private String watch(RunningAlloyFinder.Found found) {
        supervisor.attach(found.listenAddress(), found.logCommand(), found.logSource());
        String who = found.owner().map(PortOwners.Owner::toString).orElse(found.listenAddress());
        return switch (found.manager()) {
            case SYSTEMD -> l10n.get("agent.watch.systemd");
            case SYSTEMD_USER -> l10n.get("agent.watch.systemdUser");
            case WINDOWS_SERVICE -> l10n.get("agent.watch.windowsService");
            case HOMEBREW -> l10n.get("agent.watch.homebrew", found.logCommand().map(command -> command.get(command.size() - 1))
                    .orElse(""));
            case OTHER -> l10n.get("agent.watch.other", who);
        };
    }

    public void restart() {
        run(() -> {
            supervisor.restart(STOP_GRACE);
            return "";
        });
    }

    /** Validate, then {@code /-/reload}, then what changed; a refused or failed reload keeps the old config running. */
    public void reload() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        problemLocation.set(Optional.empty());
        BackgroundTask.of(progress -> supervisor.reload(sources.preflight(), Duration.ofSeconds(10)))
                .onSuccess(outcome -> {
                    message.set(describe(outcome));
                    problemLocation.set(outcome.location());
                    refreshComponents();
                })
                .onFinished(() -> busy.set(false))
                .executeWith(executor);
    }

    /** After the Config screen saved {@code path}: reload when the running agent uses that file. */
    public void configSaved(Path path) {
        AgentStatus current = status.get();
        if ((current.state() == AgentState.READY || current.state() == AgentState.DEGRADED) && !current.attached()
                && current.config().map(config -> config.toAbsolutePath().normalize().equals(path.toAbsolutePath().normalize()))
                .orElse(false)) {
            reload();
        }
    }

    private interface Action {
        String run() throws Exception;
    }

    private void run(Action action) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        BackgroundTask.of(progress -> action.run())
                .onSuccess(message::set)
                .onFailure(IOException.class, e -> message.set(l10n.get("agent.cannotStart", e.getMessage())))
                .onFailure(IllegalStateException.class, e -> message.set(e.getMessage()))
                .onFinished(() -> busy.set(false))
                .executeWith(executor);
    }

    /** Reads {@code /api/v0/web/components}; the controller calls it every few seconds while the screen shows. */
    public void refreshComponents() {
        Optional<AlloyApi> api = supervisor.api();
        if (api.isEmpty() || !status.get().running()) {
            return;
        }
        BackgroundTask.of(progress -> api.get().components())
                // Only a change replaces the rows: a replace rebuilds the cells and hides a tooltip being read.
                .onSuccess(found -> {
                    if (!found.equals(components)) {
                        components.setAll(found);
                    }
                })
                .onFailure(AlloyApi.Unreachable.class, e -> { })
                .executeWith(executor);
    }

    private void refreshVersion() {
        supervisor.api().ifPresent(api -> BackgroundTask.of(progress -> api.version())
                .onSuccess(found -> version.set(found.orElse("")))
                .onFailure(AlloyApi.Unreachable.class, e -> { })
                .executeWith(executor));
    }

    public void openAlloyUi() {
        links.accept("http://" + ListenAddress.forClients(status.get().listenAddress()) + "/");
    }

    public void openLinksWith(Consumer<String> opener) {
        links = opener;
    }

    /** Whether a crash starts Alloy again (with a growing wait); applies from the next crash on. */
    public void setRestartOnCrash(boolean value) {
        supervisor.setRestartPolicy(value ? AgentSupervisor.RestartPolicy.on() : AgentSupervisor.RestartPolicy.OFF);
    }

    /** Stops the agent when the app closes (the supervisor's shutdown hook covers a crash). */
    public void shutdown() throws InterruptedException {
        supervisor.close();
    }

    // ---- texts -----------------------------------------------------------------------------------------------------

    public String stateText(AgentState state) {
        return switch (state) {
            case STARTING -> l10n.get("agent.state.starting");
            case READY -> l10n.get("agent.state.ready");
            case DEGRADED -> l10n.get("agent.state.degraded");
            case CRASHED -> l10n.get("agent.state.crashed");
            case STOPPING -> l10n.get("agent.state.stopping");
            case STOPPED -> l10n.get("agent.state.stopped");
        };
    }

    public String healthText(ComponentHealth.State state) {
        return switch (state) {
            case HEALTHY -> l10n.get("agent.health.healthy");
            case UNHEALTHY -> l10n.get("agent.health.unhealthy");
            case EXITED -> l10n.get("agent.health.exited");
            case UNKNOWN -> l10n.get("agent.health.unknown");
        };
    }

    /** Uptime since the agent started, e.g. {@code 1 h 04 min}; empty when it does not run. */
    public String uptime(Instant now) {
        AgentStatus current = status.get();
        if (!current.running() || current.startedAt().isEmpty()) {
            return "";
        }
        Duration up = Duration.between(current.startedAt().get(), now);
        if (up.toHours() > 0) {
            return l10n.get("agent.uptime.hours", up.toHours(), String.format("%02d", up.toMinutesPart()));
        }
        return l10n.get("agent.uptime.minutes", up.toMinutes(), String.format("%02d", up.toSecondsPart()));
    }

    String describe(ReloadOutcome outcome) {
        switch (outcome.result()) {
            case RELOADED:
            case RELOADED_UNHEALTHY: {
                String changes = outcome.changes().isEmpty() ? l10n.get("agent.reload.noChanges")
                        : outcome.changes().stream().map(change -> change.id() + ": "
                                + change.before().map(ComponentHealth.State::id).orElse("—") + " → "
                                + change.after().map(ComponentHealth.State::id).orElse(l10n.get("agent.reload.removed")))
                        .collect(Collectors.joining(", "));
                return l10n.get(outcome.result() == ReloadOutcome.Result.RELOADED ? "agent.reload.done" : "agent.reload.unhealthy",
                        changes);
            }
            case REFUSED:
                return l10n.get("agent.reload.refused", outcome.message());
            case FAILED:
                return l10n.get("agent.reload.failed", outcome.message());
            default:
                return l10n.get("agent.reload.notRunning");
        }
    }

    public String describe(Insight insight) {
        String key = switch (insight.kind()) {
            case METRICS_CREDENTIALS_REJECTED -> "agent.insight.metricsRejected";
            case LOGS_CREDENTIALS_REJECTED -> "agent.insight.logsRejected";
            case EXPORT_FAILING -> "agent.insight.exportFailing";
            case EXPORT_RETRYING -> "agent.insight.exportRetrying";
            case PORT_CLASH -> "agent.insight.portClash";
            case RELOAD_FAILED -> "agent.insight.reloadFailed";
        };
        return l10n.get(key, insight.component(), insight.location()
                .map(location -> location.file() + ":" + location.line() + ":" + location.column() + ": " + location.message())
                .orElse(insight.detail()));
    }

    // ---- properties ------------------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<AgentStatus> statusProperty() {
        return status;
    }

    public StringProperty versionProperty() {
        return version;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** Where the config is wrong, after a refused start or reload: the Config screen can jump there. */
    public ObjectProperty<Optional<Insight.ConfigLocation>> problemLocationProperty() {
        return problemLocation;
    }

    /**
     * The status detail in the user's language where it is Alloy's own known answer: {@code /-/healthy} says
     * {@code unhealthy components: <type>, <type>} (FACTS §4); anything else is shown as Alloy or the app wrote it.
     */
    public String detailText(String detail) {
        String unhealthy = "unhealthy components: ";
        return detail.startsWith(unhealthy) ? l10n.get("agent.unhealthyComponents", detail.substring(unhealthy.length())) : detail;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<ComponentHealth> components() {
        return components;
    }

    public ObservableList<Insight> insights() {
        return insights;
    }

    public List<String> lastLines() {
        return status.get().lastLines();
    }
}
