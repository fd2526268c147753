package io.alloycompanion.ui.checklist;

import io.alloycompanion.core.checks.Check;
import io.alloycompanion.core.checks.CheckResult;
import io.alloycompanion.core.checks.CheckRunner;
import io.alloycompanion.core.checks.CheckStatus;
import io.alloycompanion.core.checks.ChecklistReport;
import io.alloycompanion.core.checks.Fix;
import io.alloycompanion.core.checks.Text;
import io.alloycompanion.core.grafana.DashboardImport;
import io.alloycompanion.core.grafana.ImportReport;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.telemetry.Acceptance;
import io.alloycompanion.core.telemetry.SignalResult;
import io.alloycompanion.core.telemetry.TelemetryReport;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Checklist screen without controls: every item of the set-up proven or explained, re-checked when something
 * changes (agent started, config saved, profile switched) and every half minute while the screen shows. Results
 * arrive one by one as each check ends; the list never waits for the slowest. Runs asked for during a run are folded
 * into one more run afterwards.
 */
public final class ChecklistViewModel {

    /**
     * One line of the list.
     *
     * @param result   the latest result; while {@code checking}, the one before (empty the first time)
     * @param checking the check is running again
     */
    public record Row(String id, String title, Optional<CheckResult> result, boolean checking) {
    }

    private final Function<Optional<String>, List<Check>> checks;
    private final CheckRunner runner;
    private final TaskExecutor executor;
    private final Localization l10n;
    private final Consumer<Runnable> fx;
    private final Clock clock;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObjectProperty<Optional<Instant>> checkedAt = new SimpleObjectProperty<>(Optional.empty());
    private final StringProperty frontendUrl = new SimpleStringProperty("");
    private final List<CheckResult> last = new ArrayList<>();
    private final StringProperty telemetryResult = new SimpleStringProperty("");
    private final BooleanProperty sending = new SimpleBooleanProperty();
    private final StringProperty dashboardResult = new SimpleStringProperty("");
    private final BooleanProperty importing = new SimpleBooleanProperty();
    private Callable<ImportReport> starterImport = () -> {
        throw new IllegalStateException("no dashboard import here");
    };
    private boolean again;
    private Consumer<Fix> fixes = fix -> { };
    private Set<Fix> offered = EnumSet.allOf(Fix.class);
    private Supplier<String> mode = () -> "grafana-cloud";
    private String lastMode = "grafana-cloud";
    private Callable<TelemetryReport> telemetry = () -> {
        throw new IllegalStateException("no test telemetry here");
    };

    /**
     * @param checks builds the checks for the current set-up and the front-end URL typed here (called on the FX thread
     *               when a run starts)
     * @param fx     hands supervisor-thread updates to the FX thread (the caller's thread in tests)
     */
    public ChecklistViewModel(Function<Optional<String>, List<Check>> checks, CheckRunner runner, TaskExecutor executor, Localization l10n,
                              Consumer<Runnable> fx, Clock clock) {
        this.checks = checks;
        this.runner = runner;
        this.executor = executor;
        this.l10n = l10n;
        this.fx = fx;
        this.clock = clock;
    }

    /** Runs every check now unless a run is in progress (then its results are fresh enough). */
    public void runIfIdle() {
        if (!running.get()) {
            run();
        }
    }

    /** Runs every check now, or once more right after the run in progress. */
    public void run() {
        if (running.get()) {
            again = true;
            return;
        }
        List<Check> list = checks.apply(Optional.of(frontendUrl.get().trim()).filter(url -> !url.isEmpty()));
        String runMode = mode.get();
        running.set(true);
        List<Row> fresh = new ArrayList<>();
        for (Check check : list) {
            Optional<CheckResult> previous = last.stream().filter(result -> result.id().equals(check.id())).findFirst();
            fresh.add(new Row(check.id(), render(check.title()), previous, true));
        }
        rows.setAll(fresh);
        summary.set(l10n.get("checklist.running"));
        BackgroundTask.of(progress -> runner.run(list, new CheckRunner.Listener() {
            @Override
            public void finished(CheckResult result) {
                fx.accept(() -> replace(result));
            }
        }))
                .onSuccess(results -> {
                    last.clear();
                    last.addAll(results);
                    lastMode = runMode;
                    results.forEach(this::replace);
                    checkedAt.set(Optional.of(clock.instant()));
                    summary.set(describe(results));
                })
                .onFinished(() -> {
                    running.set(false);
                    if (again) {
                        again = false;
                        run();
                    }
                })
                .executeWith(executor);
    }

    private void replace(CheckResult result) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(result.id())) {
                rows.set(i, new Row(result.id(), render(result.title()), Optional.of(result), false));
                return;
            }
        }
    }

    private String describe(List<CheckResult> results) {
        long pass = count(results, CheckStatus.PASS);
        long warn = count(results, CheckStatus.WARN);
        long fail = count(results, CheckStatus.FAIL);
        long skipped = count(results, CheckStatus.SKIPPED);
        return l10n.get(fail == 0 ? "checklist.summary.green" : "checklist.summary.red", pass, warn, fail, skipped);
    }

    private static long count(List<CheckResult> results, CheckStatus status) {
        return results.stream().filter(result -> result.status() == status).count();
    }

    /** The text of a check's title or summary in the current language (titles nested in a summary too). */
    public String render(Text text) {
        Object[] args = text.args().stream().map(arg -> arg instanceof Text nested ? render(nested) : arg).toArray();
        return l10n.get(text.key(), args);
    }

    /** The status in words, for screen readers (the badge is a symbol). */
    public String statusText(CheckStatus status) {
        return switch (status) {
            case PASS -> l10n.get("checklist.status.pass");
            case WARN -> l10n.get("checklist.status.warn");
            case FAIL -> l10n.get("checklist.status.fail");
            case SKIPPED -> l10n.get("checklist.status.skipped");
        };
    }

    public String fixText(Fix fix) {
        return switch (fix) {
            case INSTALL_ALLOY -> l10n.get("checklist.fix.install");
            case OPEN_CREDENTIALS, SET_READ_TOKEN -> l10n.get("checklist.fix.credentials");
            case TEST_CREDENTIALS -> l10n.get("checklist.fix.testCredentials");
            case SCAN_FOR_LEAKS -> l10n.get("checklist.fix.scan");
            case OPEN_CONFIG -> l10n.get("checklist.fix.config");
            case START_AGENT -> l10n.get("checklist.fix.startAgent");
            case OPEN_LOGS -> l10n.get("checklist.fix.logs");
            case START_STACK -> l10n.get("checklist.fix.startStack");
            case SEND_TELEMETRY -> l10n.get("checklist.fix.sendTelemetry");
            case REMOVE_JAEGER -> l10n.get("checklist.fix.removeJaeger");
            case IMPORT_DASHBOARD -> l10n.get("checklist.fix.importDashboard");
        };
    }

    /** How the starter dashboard is imported into the stack's Grafana (with the profile's Grafana token). */
    public void importStarterWith(Callable<ImportReport> importer) {
        starterImport = importer;
    }

    /** Imports the bundled starter dashboard in the background, says how it went, then checks everything again. */
    public void importStarterDashboard() {
        if (importing.get()) {
            return;
        }
        importing.set(true);
        dashboardResult.set(l10n.get("checklist.dashboard.importing"));
        BackgroundTask.of(progress -> starterImport.call())
                .onSuccess(report -> {
                    dashboardResult.set(describe(report));
                    run();
                })
                .onFailure(Exception.class, e -> dashboardResult.set(l10n.get("checklist.dashboard.failed", e.getMessage())))
                .onFinished(() -> importing.set(false))
                .executeWith(executor);
    }

    String describe(ImportReport report) {
        List<String> lines = new ArrayList<>();
        for (DashboardImport result : report.dashboards()) {
            if (result instanceof DashboardImport.Imported imported) {
                lines.add(l10n.get("checklist.dashboard.imported", imported.title(), report.grafana(), imported.url()));
                // Which datasource each panel now uses, in the importer's words.
                lines.addAll(imported.notes());
            } else if (result instanceof DashboardImport.Failed failed) {
                lines.add(l10n.get("checklist.dashboard.failed", failed.error()));
            }
        }
        return String.join("\n", lines);
    }

    public StringProperty dashboardResultProperty() {
        return dashboardResult;
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing;
    }

    /** Where test telemetry is sent from: builds and runs a send to the agent's OTLP receiver. */
    public void sendTelemetryWith(Callable<TelemetryReport> sender) {
        telemetry = sender;
    }

    /**
     * Sends one span, one log record and one metric point to the local Alloy, shows per signal whether Alloy
     * accepted it (its receiver counters), then checks everything again.
     */
    public void sendTestTelemetry() {
        if (sending.get()) {
            return;
        }
        sending.set(true);
        telemetryResult.set(l10n.get("checklist.telemetry.sending"));
        BackgroundTask.of(progress -> telemetry.call())
                .onSuccess(report -> {
                    telemetryResult.set(describe(report));
                    run();
                })
                .onFailure(Exception.class, e -> telemetryResult.set(l10n.get("checklist.telemetry.failed", e.getMessage())))
                .onFinished(() -> sending.set(false))
                .executeWith(executor);
    }

    String describe(TelemetryReport report) {
        List<String> lines = new ArrayList<>();
        lines.add(l10n.get(report.allAccepted() ? "checklist.telemetry.allAccepted" : "checklist.telemetry.notAll",
                report.otlpEndpoint(), report.runId()));
        for (SignalResult result : report.signals()) {
            String signal = switch (result.signal()) {
                case TRACES -> l10n.get("checklist.telemetry.span");
                case LOGS -> l10n.get("checklist.telemetry.log");
                case METRICS -> l10n.get("checklist.telemetry.metric");
            };
            if (result.ok()) {
                lines.add(ChecklistReport.symbol(CheckStatus.PASS) + " " + l10n.get("checklist.telemetry.accepted", signal,
                        // A counter Alloy did not show before is one it creates with the first item: it was 0.
                        count(result.before().accepted().or(() -> Optional.of(0.0))), count(result.after().accepted())));
            } else {
                lines.add(ChecklistReport.symbol(result.accepted() == Acceptance.UNKNOWN && result.delivery().sent()
                        ? CheckStatus.WARN : CheckStatus.FAIL) + " " + signal + ": " + explain(result, report));
            }
        }
        return String.join("\n", lines);
    }

    /** Why a signal was not counted as accepted, in the user's language (the exporter's own error stays as it is). */
    private String explain(SignalResult result, TelemetryReport report) {
        if (result.delivery() instanceof io.alloycompanion.core.telemetry.Delivery.Failed failed) {
            return l10n.get("checklist.telemetry.notSent", failed.reason());
        }
        if (report.alloyProblem().isPresent()) {
            return l10n.get("checklist.telemetry.countersUnreadable", report.alloyApi());
        }
        if (result.after().refusedSince(result.before()).filter(delta -> delta > 0).isPresent()) {
            return l10n.get("checklist.telemetry.refused", count(result.before().refused().or(() -> Optional.of(0.0))),
                    count(result.after().refused()));
        }
        if (!result.before().present() && !result.after().present()) {
            return l10n.get("checklist.telemetry.noCounter", report.otlpEndpoint(), report.alloyApi());
        }
        return l10n.get("checklist.telemetry.notCounted", report.otlpEndpoint());
    }

    private static String count(Optional<Double> value) {
        return value.map(v -> String.valueOf(v.longValue())).orElse("?");
    }

    public StringProperty telemetryResultProperty() {
        return telemetryResult;
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending;
    }

    public void fix(Fix fix) {
        fixes.accept(fix);
    }

    public void onFix(Consumer<Fix> handler) {
        fixes = handler;
    }

    /**
     * Only these fixes get a button (the others are still named in the item's text): a fix whose screen this app
     * does not have yet.
     */
    public void offerFixes(Set<Fix> fixes) {
        offered = fixes.isEmpty() ? EnumSet.noneOf(Fix.class) : EnumSet.copyOf(fixes);
    }

    public boolean offers(Fix fix) {
        return offered.contains(fix);
    }

    /** What the checks are about ({@code grafana-cloud} unless told), asked as a run starts, for the exported document. */
    public void describeModeWith(Supplier<String> mode) {
        this.mode = mode;
    }

    /** The last complete run as the JSON document {@code check --json} prints. */
    public String json() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("mode", lastMode);
        return Json.write(ChecklistReport.document(last, this::render, context, checkedAt.get().orElse(clock.instant())));
    }

    /** The last complete run as a Markdown page. */
    public String markdown() {
        return ChecklistReport.markdown(last, this::render, l10n.get("checklist.title"), checkedAt.get().orElse(clock.instant()));
    }

    public boolean hasResults() {
        return !last.isEmpty();
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public ObjectProperty<Optional<Instant>> checkedAtProperty() {
        return checkedAt;
    }

    /** The user's front end, asked by the "front end answers" check; saved by the caller. */
    public StringProperty frontendUrlProperty() {
        return frontendUrl;
    }
}
