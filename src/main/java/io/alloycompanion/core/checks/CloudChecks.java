package io.alloycompanion.core.checks;

import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.AlloyMetrics;
import io.alloycompanion.core.agent.ComponentHealth;
import io.alloycompanion.core.agent.ConfigListeners;
import io.alloycompanion.core.agent.Insight;
import io.alloycompanion.core.agent.ListenAddress;
import io.alloycompanion.core.cloud.ConnectionTester;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.DataQueries;
import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.ProbeResult;
import io.alloycompanion.core.cloud.QueryResult;
import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.config.Validation;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.core.grafana.GrafanaClient;
import io.alloycompanion.core.grafana.GrafanaDashboard;
import io.alloycompanion.core.grafana.GrafanaException;
import io.alloycompanion.core.install.AlloyBinary;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.secrets.Leak;
import io.alloycompanion.core.secrets.LeakScanResult;
import io.alloycompanion.core.secrets.LeakScanner;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStoreException;
import io.alloycompanion.core.stack.StackFiles;
import io.alloycompanion.core.stack.StackLayout;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Grafana Cloud checklist: the items the setup guide asks the user to tick by hand, each proven. Build the list
 * with {@link #all()} and run it with a {@link CheckRunner}.
 */
public final class CloudChecks {

    /**
     * What is checked.
     *
     * @param profile      the profile whose endpoints and token are checked; empty: the active one
     * @param frontendUrl  the user's web front end (e.g. {@code http://localhost:3000}); empty: not checked
     * @param insights     what the app's own agent logs said recently (the desktop app has them; the command line
     *                     does not, and then that item is skipped)
     * @param project      the folder whose git-tracked files must hold no token (the command line's working folder);
     *                     empty: the config's folder
     */
    public record Setup(Path config, String listenAddress, Optional<Path> alloyBinary, Optional<String> profile,
                        Optional<String> frontendUrl, Optional<Supplier<List<Insight>>> insights, Optional<Path> project) {

        /**
         * The local stack's Alloy in {@code dir}, which also sends to Grafana Cloud: its generated config, its API on
         * the published host port, the profile it sends with; the stack folder is scanned for tokens unless
         * {@code project} names another folder.
         */
        public static Setup forLocalStack(Path dir, StackSettings settings, Optional<Path> project) {
            return new Setup(dir.resolve(StackLayout.ALLOY_CONFIG),
                    "127.0.0.1:" + settings.hostPort(StackService.ALLOY), Optional.empty(),
                    settings.cloud().map(StackSettings.CloudForwarding::profile), Optional.empty(),
                    Optional.empty(), Optional.of(project.orElse(dir)));
        }
    }

    /**
     * The programs and stores the checks use.
     *
     * @param proxy how the stack's Grafana is reached (the machine's proxy settings)
     */
    public record Services(AlloyDetector alloy, CredentialManager credentials, ConnectionTester tester, LeakScanner leaks,
                           HttpClient loopback, PortProbe ports, LintContext lint, DataQueries queries, ProxySelector proxy) {

        public Services withLint(LintContext value) {
            return new Services(alloy, credentials, tester, leaks, loopback, ports, value, queries, proxy);
        }
    }

    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    /** Reading the read token (a keychain may take a while) and one query of up to {@link DataQueries#LIMIT}. */
    static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(30);
    /** Reading the Grafana token and one call to Grafana (its client waits up to 30 s). */
    static final Duration DASHBOARD_TIMEOUT = Duration.ofSeconds(40);

    /** The local stack's own writers: in "both" their counters say nothing about Grafana Cloud. */
    private static final java.util.Set<String> STACK_OWN_COMPONENTS = java.util.Set.of("prometheus.remote_write.local",
            "loki.write.local", "otelcol.exporter.otlphttp.tempo");

    private final Setup setup;
    private final Services services;
    /** Which components' counters "Alloy sends" adds up (by their labels). */
    private final java.util.function.Predicate<Map<String, String>> counted;

    public CloudChecks(Setup setup, Services services) {
        this(setup, services, labels -> true);
    }

    private CloudChecks(Setup setup, Services services, java.util.function.Predicate<Map<String, String>> counted) {
        this.setup = setup;
        this.services = services;
        this.counted = counted;
    }

    public List<Check> all() {
        List<Check> checks = new ArrayList<>();
        checks.add(check("alloy-installed", "check.alloy.installed", List.of(), this::alloyInstalled));
        checks.add(check("credentials-token", "check.credentials.token", List.of(), this::tokenStored));
        checks.add(check("credentials-leaks", "check.credentials.leaks", List.of(), this::noLeaks, Duration.ofMinutes(2)));
        checks.add(check("config-valid", "check.config.valid", List.of(), this::configValid));
        checks.add(check("config-endpoints", "check.config.endpoints", List.of("config-valid"), this::endpointsFilled));
        checks.add(check("agent-running", "check.agent.running", List.of(), this::agentRunning));
        checks.add(check("agent-errors", "check.agent.errors", List.of("agent-running"), this::noErrorInsights));
        checks.add(check("scrape-targets", "check.scrape.targets", List.of("config-valid"), this::scrapeTargets));
        checks.add(check("otlp-receiver", "check.otlp.receiver", List.of("config-valid"), this::otlpReceiver));
        checks.add(check("frontend-url", "check.frontend.url", List.of(), this::frontend));
        checks.add(check("cloud-metrics", "check.cloud.metrics", List.of("credentials-token"), () -> cloud(Signal.METRICS)));
        checks.add(check("cloud-logs", "check.cloud.logs", List.of("credentials-token"), () -> cloud(Signal.LOGS)));
        checks.add(check("cloud-traces", "check.cloud.traces", List.of("credentials-token"), () -> cloud(Signal.TRACES)));
        checks.add(check("cloud-otlp", "check.cloud.otlp", List.of("credentials-token"), () -> cloud(Signal.OTLP)));
        checks.add(check("alloy-metrics-sent", "check.alloy.metricsSent", List.of("agent-running"), this::metricsSent));
        checks.add(check("alloy-spans-sent", "check.alloy.spansSent", List.of("agent-running"), this::spansSent));
        checks.add(check("cloud-metrics-visible", "check.cloud.metricsVisible", List.of("cloud-metrics"),
                () -> visible(Signal.METRICS), READ_BACK_TIMEOUT));
        checks.add(check("cloud-logs-visible", "check.cloud.logsVisible", List.of("cloud-logs"),
                () -> visible(Signal.LOGS), READ_BACK_TIMEOUT));
        // After the token check only, not the Tempo write check: traces through the OTLP gateway alone skip that one,
        // and this item's own reason (no Tempo host to search) is the one to show.
        checks.add(check("cloud-traces-visible", "check.cloud.tracesVisible", List.of("credentials-token"),
                () -> visible(Signal.TRACES), READ_BACK_TIMEOUT));
        checks.add(check("cloud-dashboard", "check.cloud.dashboard", List.of("credentials-token"), this::starterDashboard,
                DASHBOARD_TIMEOUT));
        return checks;
    }

    /** The items that are about Grafana Cloud, not about an Alloy on this computer: see {@link #forwarding(String)}. */
    private static final java.util.Set<String> FORWARDING = java.util.Set.of("credentials-token", "credentials-leaks",
            "config-valid", "config-endpoints", "cloud-metrics", "cloud-logs", "cloud-traces", "cloud-otlp",
            "alloy-metrics-sent", "alloy-spans-sent", "cloud-metrics-visible", "cloud-logs-visible", "cloud-traces-visible",
            "cloud-dashboard");

    /**
     * For a local stack whose Alloy also sends to Grafana Cloud ("both"): the Grafana Cloud items, about the stack's
     * Alloy (the {@link Setup}'s config and listen address are the stack's). What the local stack checklist proves
     * already (the Alloy running, its receiver) is left out; the items that waited on the agent wait on
     * {@code alloyReady}, the stack checklist's item for its Alloy, instead.
     */
    public List<Check> forwarding(String alloyReady) {
        List<Check> checks = new ArrayList<>();
        // The stack's Alloy runs in its container: its receiver listens on every interface of that container.
        CloudChecks stack = new CloudChecks(setup, services.withLint(services.lint().inContainer()),
                labels -> !STACK_OWN_COMPONENTS.contains(labels.getOrDefault("component_id", "")));
        for (Check check : stack.all()) {
            if (FORWARDING.contains(check.id())) {
                List<String> dependsOn = check.dependsOn().stream().map(id -> id.equals("agent-running") ? alloyReady : id).toList();
                checks.add(Check.of(check.id(), check.title().key(), dependsOn, check.timeout(), () -> {
                    // The Alloy that answers is the stack's: starting it is starting the stack. Its config is the
                    // stack folder's (named in the evidence), not the one the Config screen edits.
                    Check.Outcome outcome = check.run();
                    Optional<Fix> fix = outcome.fix().filter(found -> found != Fix.OPEN_CONFIG)
                            .map(found -> found == Fix.START_AGENT ? Fix.START_STACK : found);
                    return new Check.Outcome(outcome.status(), outcome.summary(), outcome.evidence(), fix);
                }));
            }
        }
        return checks;
    }

    // ---- the checks ------------------------------------------------------------------------------------------------

    private Check.Outcome alloyInstalled() throws InterruptedException {
        Optional<Path> binary = services.alloy().chooseToRun(setup.alloyBinary());
        if (binary.isEmpty()) {
            return Check.Outcome.fail(Text.of("check.alloy.installed.missing"), Map.of(), Fix.INSTALL_ALLOY);
        }
        AlloyBinary found = services.alloy().inspect(binary.get(), "check");
        if (found.version().isEmpty()) {
            return Check.Outcome.fail(Text.of("check.alloy.installed.broken", binary.get(), found.problem().orElse("")),
                    Check.evidence("path", binary.get().toString()), Fix.INSTALL_ALLOY);
        }
        return Check.Outcome.pass(Text.of("check.alloy.installed.found", found.version().get(), binary.get()),
                Check.evidence("path", binary.get().toString(), "version", found.version().get()));
    }

    private Optional<StackProfile> profile() throws Exception {
        return setup.profile().isPresent() ? Optional.of(services.credentials().require(setup.profile().get()))
                : services.credentials().profiles().activeProfile();
    }

    private Check.Outcome tokenStored() throws Exception {
        Optional<StackProfile> profile = profile();
        if (profile.isEmpty()) {
            return Check.Outcome.fail(Text.of("check.credentials.token.noProfile"), Map.of(), Fix.OPEN_CREDENTIALS);
        }
        Map<String, String> evidence = Check.evidence("profile", profile.get().name(),
                "store", profile.get().secret().map(ref -> ref.location().name().toLowerCase(java.util.Locale.ROOT)).orElse("none"));
        Optional<Secret> token;
        try {
            token = services.credentials().token(profile.get());
        } catch (Exception e) {
            return Check.Outcome.fail(Text.of("check.credentials.token.unreadable", profile.get().name(), e.getMessage()),
                    evidence, Fix.OPEN_CREDENTIALS);
        }
        if (token.isEmpty()) {
            return Check.Outcome.fail(Text.of("check.credentials.token.missing", profile.get().name()), evidence, Fix.OPEN_CREDENTIALS);
        }
        token.get().close();
        return Check.Outcome.pass(Text.of("check.credentials.token.stored", profile.get().name()), evidence);
    }

    private Check.Outcome noLeaks() throws Exception {
        Path folder = setup.project().orElse(setup.config().toAbsolutePath().getParent()).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            return Check.Outcome.skipped(Text.of("check.credentials.leaks.noFolder", folder));
        }
        Optional<Secret> token = Optional.empty();
        try {
            Optional<StackProfile> profile = profile();
            if (profile.isPresent()) {
                token = services.credentials().token(profile.get());
            }
        } catch (Exception e) {
            // Without the stored token only glc_ shapes are looked for.
        }
        LeakScanResult result;
        try {
            result = services.leaks().scan(folder, token, LeakScanner.Scope.TRACKED_FILES);
        } finally {
            token.ifPresent(Secret::close);
        }
        if (result instanceof LeakScanResult.NotInWorkTree) {
            return Check.Outcome.pass(Text.of("check.credentials.leaks.noGit", folder), Check.evidence("folder", folder.toString()));
        }
        if (result instanceof LeakScanResult.GitFailed failed) {
            return Check.Outcome.warn(Text.of("check.credentials.leaks.gitFailed", failed.problem()),
                    Check.evidence("folder", folder.toString()), Fix.SCAN_FOR_LEAKS);
        }
        LeakScanResult.Completed completed = (LeakScanResult.Completed) result;
        Map<String, String> evidence = Check.evidence("folder", folder.toString(),
                "filesScanned", String.valueOf(completed.filesScanned()));
        if (completed.leaks().isEmpty()) {
            return Check.Outcome.pass(Text.of("check.credentials.leaks.clean", completed.filesScanned(), folder), evidence);
        }
        Leak first = completed.leaks().get(0);
        evidence.put("leaks", completed.leaks().stream().map(leak -> leak.file() + ":" + leak.line())
                .collect(Collectors.joining(", ")));
        return Check.Outcome.fail(Text.of("check.credentials.leaks.found", completed.leaks().size(), first.file() + ":" + first.line()),
                evidence, Fix.SCAN_FOR_LEAKS);
    }

    private String configText() throws IOException {
        return Files.readString(setup.config(), StandardCharsets.UTF_8);
    }

    private Check.Outcome configValid() throws IOException {
        String text;
        try {
            text = configText();
        } catch (NoSuchFileException e) {
            return Check.Outcome.fail(Text.of("check.config.valid.missing", setup.config()),
                    Check.evidence("file", setup.config().toString()), Fix.OPEN_CONFIG);
        }
        Validation.Report report = Validation.validate(setup.config().toString(), text, services.lint());
        Map<String, String> evidence = Check.evidence("file", setup.config().toString(), "errors", String.valueOf(report.errors()),
                "warnings", String.valueOf(report.warnings()));
        Optional<Diagnostic> first = report.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).findFirst()
                .or(() -> report.diagnostics().stream().findFirst());
        first.ifPresent(diagnostic -> evidence.put("first", setup.config() + ":" + diagnostic.start().line() + ":"
                + diagnostic.start().column() + ": " + diagnostic.message()));
        if (report.errors() > 0) {
            return Check.Outcome.fail(Text.of("check.config.valid.errors", report.errors(), evidence.get("first")), evidence, Fix.OPEN_CONFIG);
        }
        if (report.warnings() > 0) {
            return Check.Outcome.warn(Text.of("check.config.valid.warnings", report.warnings(), evidence.get("first")), evidence, Fix.OPEN_CONFIG);
        }
        return Check.Outcome.pass(Text.of("check.config.valid.clean", setup.config()), evidence);
    }

    private Check.Outcome endpointsFilled() throws Exception {
        ConfigFacts facts = ConfigFacts.of(setup.config().toString(), configText());
        if (facts.writers.isEmpty()) {
            return Check.Outcome.fail(Text.of("check.config.endpoints.none"), Map.of(), Fix.OPEN_CONFIG);
        }
        Optional<StackProfile> profile = Optional.empty();
        try {
            profile = profile();
        } catch (Exception e) {
            // Compared with nothing: only "filled" is checked.
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (ConfigFacts.Writer writer : facts.writers) {
            int n = seen.merge(writer.component(), 1, Integer::sum);
            String where = writer.component() + (n > 1 || facts.writers.stream().filter(w -> w.component().equals(writer.component()))
                    .count() > 1 ? " #" + n : "");
            String userAttribute = writer.signal().equals("otlp") ? "client_auth.username" : "basic_auth.username";
            evidence.put(where, writer.url().map(Object::toString).orElse("?") + " " + userAttribute + "="
                    + writer.username().map(Object::toString).orElse("?"));
            Optional<ConfigFacts.Value> url = writer.url();
            if (url.isEmpty() || url.get().text().isBlank() || url.get().literal() && placeholder(url.get().text())) {
                problems.add(where + ": url = " + url.map(value -> "\"" + value.text() + "\"").orElse("?"));
                continue;
            }
            if (!url.get().literal()) {
                // Set by an expression (sys.env, local.file…): its value is only known to Alloy.
                continue;
            }
            Optional<Endpoint> expected = profile.flatMap(found -> found.endpoint(signalOf(writer.signal())));
            boolean profilesUrl = expected.map(endpoint -> trim(endpoint.url()).equals(trim(url.get().text()))).orElse(false);
            if (local(url.get().text()) && !profilesUrl) {
                continue;
            }
            Optional<ConfigFacts.Value> user = writer.username();
            if (user.isEmpty() || user.get().text().isBlank() || user.get().literal() && placeholder(user.get().text())) {
                problems.add(where + ": " + userAttribute + " = " + user.map(value -> "\"" + value.text() + "\"").orElse("?"));
                continue;
            }
            if (user.get().literal() && expected.isPresent() && expected.get().isComplete()
                    && !expected.get().username().equals(user.get().text())) {
                problems.add(where + ": " + userAttribute + " " + user.get().text() + " ≠ " + expected.get().username());
            }
        }
        if (!problems.isEmpty()) {
            return Check.Outcome.fail(Text.of("check.config.endpoints.problems", String.join("; ", problems)), evidence, Fix.OPEN_CONFIG);
        }
        return Check.Outcome.pass(Text.of("check.config.endpoints.filled", facts.writers.size()), evidence);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A value copied from documentation and not filled in: {@code <USERNAME>}, {@code <your-url>}. */
    private static boolean placeholder(String value) {
        return value.contains("<") && value.contains(">");
    }

    /**
     * Loopback destinations (a local Loki or Prometheus) and the local stack's services by their names on its Docker
     * network ({@code http://loki:3100}: a host name without a dot) need no Grafana Cloud username.
     */
    private static boolean local(String url) {
        try {
            String host = URI.create(url.contains("://") ? url : "http://" + url).getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")
                    || !host.contains(".") && !host.contains(":"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Signal signalOf(String id) {
        return switch (id) {
            case "logs" -> Signal.LOGS;
            case "otlp" -> Signal.OTLP;
            default -> Signal.METRICS;
        };
    }

    private AlloyApi api() {
        return new AlloyApi(services.loopback(), setup.listenAddress());
    }

    private Check.Outcome agentRunning() throws InterruptedException {
        Map<String, String> evidence = Check.evidence("address", "http://" + ListenAddress.forClients(setup.listenAddress()));
        try {
            AlloyApi.Answer ready = api().ready();
            evidence.put("ready", ready.status() + " " + ready.body().strip());
            if (!ready.ok()) {
                return Check.Outcome.fail(Text.of("check.agent.running.notReady", setup.listenAddress()), evidence, Fix.OPEN_LOGS);
            }
            api().version().ifPresent(version -> evidence.put("version", version));
            AlloyApi.Answer healthy = api().healthy();
            evidence.put("healthy", healthy.status() + " " + healthy.body().strip());
            if (!healthy.ok()) {
                return Check.Outcome.fail(Text.of("check.agent.running.unhealthy", healthy.body().strip()), evidence, Fix.OPEN_LOGS);
            }
            return Check.Outcome.pass(Text.of("check.agent.running.healthy", setup.listenAddress()), evidence);
        } catch (AlloyApi.Unreachable e) {
            return Check.Outcome.fail(Text.of("check.agent.running.down", setup.listenAddress()), evidence, Fix.START_AGENT);
        }
    }

    private Check.Outcome noErrorInsights() {
        if (setup.insights().isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.agent.errors.noLogs"));
        }
        List<Insight> recent = setup.insights().get().get();
        if (recent.isEmpty()) {
            return Check.Outcome.pass(Text.of("check.agent.errors.none"), Map.of());
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        for (Insight insight : recent) {
            evidence.put(insight.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + insight.component(), insight.detail());
        }
        Fix fix = recent.stream().anyMatch(insight -> insight.kind() == Insight.Kind.METRICS_CREDENTIALS_REJECTED
                || insight.kind() == Insight.Kind.LOGS_CREDENTIALS_REJECTED) ? Fix.OPEN_CREDENTIALS : Fix.OPEN_LOGS;
        return Check.Outcome.fail(Text.of("check.agent.errors.found", recent.size(), recent.get(0).component()), evidence, fix);
    }

    private Check.Outcome scrapeTargets() throws Exception {
        ConfigFacts facts = ConfigFacts.of(setup.config().toString(), configText());
        if (facts.targets.isEmpty()) {
            return Check.Outcome.skipped(facts.dynamicTargets.isEmpty() ? Text.of("check.scrape.targets.none")
                    : Text.of("check.scrape.targets.dynamic", String.join(", ", facts.dynamicTargets)));
        }
        // All targets at once: a few that hang must not use up the check's time for the others.
        Map<ConfigFacts.Target, java.util.concurrent.CompletableFuture<String>> answers = new LinkedHashMap<>();
        for (ConfigFacts.Target target : facts.targets) {
            java.util.concurrent.CompletableFuture<String> seen;
            try {
                seen = services.loopback().sendAsync(HttpRequest.newBuilder(URI.create(target.url())).timeout(HTTP_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                        .thenApply(answer -> answer.statusCode() + (answer.statusCode() == 200 ? ", " + samples(answer.body()) + " samples" : ""))
                        .exceptionally(e -> "no answer");
            } catch (IllegalArgumentException e) {
                seen = java.util.concurrent.CompletableFuture.completedFuture("not a URL");
            }
            answers.put(target, seen);
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        List<String> failing = new ArrayList<>();
        for (Map.Entry<ConfigFacts.Target, java.util.concurrent.CompletableFuture<String>> entry : answers.entrySet()) {
            String seen;
            try {
                seen = entry.getValue().get(HTTP_TIMEOUT.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                seen = "no answer";
            }
            evidence.put(entry.getKey().url(), seen);
            if (!seen.startsWith("200") || seen.endsWith(" 0 samples")) {
                failing.add(entry.getKey().url() + " (" + seen + ")");
            }
        }
        if (!failing.isEmpty()) {
            return Check.Outcome.fail(Text.of("check.scrape.targets.failing", String.join(", ", failing)), evidence, Fix.OPEN_CONFIG);
        }
        return Check.Outcome.pass(Text.of("check.scrape.targets.answer", facts.targets.size()), evidence);
    }

    private static long samples(String text) {
        return AlloyMetrics.parse(text).samples().size();
    }

    private Optional<HttpResponse<String>> get(String url) throws InterruptedException {
        try {
            return Optional.of(services.loopback().send(HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Check.Outcome otlpReceiver() throws Exception {
        List<ConfigListeners.Listener> http = ConfigListeners.of(setup.config().toString(), configText()).stream()
                .filter(listener -> listener.component().startsWith("otelcol.receiver.otlp") && listener.component().endsWith("(http)"))
                .toList();
        if (http.isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.otlp.receiver.none"));
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        List<String> silent = new ArrayList<>();
        for (ConfigListeners.Listener listener : http) {
            boolean listening = listener.port().map(port -> !services.ports().isFree(port)).orElse(false);
            evidence.put(listener.component(), listener.address() + (listening ? " listening" : " not listening"));
            if (!listening) {
                silent.add(listener.address());
            }
        }
        if (!silent.isEmpty()) {
            return Check.Outcome.fail(Text.of("check.otlp.receiver.silent", String.join(", ", silent)), evidence, Fix.START_AGENT);
        }
        // Something listens; that it is Alloy's receiver is for Alloy to say (another collector may hold the port).
        try {
            List<String> receivers = http.stream().map(listener -> listener.component().replace(" (http)", "")).toList();
            List<ComponentHealth> unhealthy = api().components().stream()
                    .filter(component -> receivers.contains(component.id()) && component.state() != ComponentHealth.State.HEALTHY)
                    .toList();
            if (!unhealthy.isEmpty()) {
                unhealthy.forEach(component -> evidence.put(component.id(), component.state().id() + ": " + component.message()));
                return Check.Outcome.fail(Text.of("check.otlp.receiver.unhealthy", unhealthy.get(0).id(), unhealthy.get(0).message()),
                        evidence, Fix.OPEN_LOGS);
            }
        } catch (AlloyApi.Unreachable e) {
            return Check.Outcome.fail(Text.of("check.otlp.receiver.notAlloy", http.get(0).address()), evidence, Fix.START_AGENT);
        }
        return Check.Outcome.pass(Text.of("check.otlp.receiver.listening", http.get(0).address()), evidence);
    }

    private Check.Outcome frontend() throws InterruptedException {
        if (setup.frontendUrl().isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.frontend.url.notSet"));
        }
        String typed = setup.frontendUrl().get().strip();
        String url = typed.contains("://") ? typed : "http://" + typed;
        Optional<HttpResponse<String>> answer = get(url);
        Map<String, String> evidence = Check.evidence("url", url, "answer", answer.map(a -> "HTTP " + a.statusCode()).orElse("none"));
        if (answer.isEmpty() || answer.get().statusCode() >= 500) {
            return Check.Outcome.fail(Text.of("check.frontend.url.down", url), evidence, null);
        }
        return Check.Outcome.pass(Text.of("check.frontend.url.answers", url, answer.get().statusCode()), evidence);
    }

    private Check.Outcome cloud(Signal signal) throws Exception {
        Optional<StackProfile> profile = profile();
        Optional<Endpoint> endpoint = profile.flatMap(found -> found.endpoint(signal)).filter(Endpoint::isComplete);
        if (endpoint.isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.cloud.notConfigured", signal.id()));
        }
        Optional<Secret> token = services.credentials().token(profile.get());
        if (token.isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.cloud.noToken"));
        }
        ProbeResult result;
        try (Secret secret = token.get()) {
            result = services.tester().probe(signal, endpoint.get(), secret);
        }
        Map<String, String> evidence = Check.evidence("url", result.url(), "username", result.username(),
                "status", result.status().map(String::valueOf).orElse("none"), "took", result.elapsed().toMillis() + " ms");
        result.note().ifPresent(note -> evidence.put("note", note));
        if (result.ok()) {
            return Check.Outcome.pass(Text.of("check.cloud.accepted", signal.id(), result.url()), evidence);
        }
        return Check.Outcome.fail(Text.of("check.cloud.rejected", signal.id(), result.message()), evidence, Fix.OPEN_CREDENTIALS);
    }

    /**
     * Data can be read back with the profile's read-only token: the proof that what Grafana Cloud accepted is stored
     * and queryable. Skipped without a read token; the user's own set-up passes or warns, credentials fail.
     */
    private Check.Outcome visible(Signal signal) throws Exception {
        Optional<StackProfile> profile = profile();
        Optional<Endpoint> endpoint = profile.flatMap(found -> found.endpoint(signal)).filter(Endpoint::isComplete);
        if (endpoint.isEmpty()) {
            boolean otlpOnly = signal == Signal.TRACES
                    && profile.flatMap(found -> found.endpoint(Signal.OTLP)).filter(Endpoint::isComplete).isPresent();
            return Check.Outcome.skipped(otlpOnly ? Text.of("check.cloud.tracesVisible.noTempo")
                    : Text.of("check.cloud.notConfigured", signal.id()));
        }
        String name = profile.get().name();
        if (profile.get().readSecret().isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.cloud.visible.noReadToken", name));
        }
        Map<String, String> where = Check.evidence("profile", name, "store",
                profile.get().readSecret().get().location().name().toLowerCase(java.util.Locale.ROOT));
        Optional<Secret> token;
        try {
            token = services.credentials().readToken(profile.get());
        } catch (SecretStoreException e) {
            return Check.Outcome.fail(Text.of("check.cloud.visible.readTokenUnreadable", name, e.getMessage()), where,
                    Fix.SET_READ_TOKEN);
        }
        if (token.isEmpty()) {
            if (profile.get().readSecret().get().location() == SecretLocation.ASK_EACH_TIME) {
                // Kept in memory only, and this run was not given it: nothing to query with, nothing wrong.
                return Check.Outcome.skipped(Text.of("check.cloud.visible.readTokenNotGiven", name));
            }
            return Check.Outcome.fail(Text.of("check.cloud.visible.readTokenMissing", name), where, Fix.SET_READ_TOKEN);
        }
        QueryResult result;
        try (Secret secret = token.get()) {
            result = switch (signal) {
                case METRICS -> services.queries().metrics(endpoint.get(), secret, scrapeJobs());
                case LOGS -> services.queries().logs(endpoint.get(), secret);
                default -> services.queries().traces(endpoint.get(), secret);
            };
        }
        return readBack(signal, result);
    }

    /**
     * The starter dashboard is in the stack's Grafana, looked up with the profile's Grafana service account token.
     * Skipped without the stack's Grafana address or without a Grafana token.
     */
    private Check.Outcome starterDashboard() throws Exception {
        Optional<StackProfile> profile = profile();
        if (profile.isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.credentials.token.noProfile"));
        }
        String name = profile.get().name();
        if (profile.get().stackUrl().isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.cloud.dashboard.noStackUrl", name));
        }
        if (profile.get().grafanaSecret().isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.cloud.dashboard.noGrafanaToken", name));
        }
        URI grafana;
        try {
            grafana = GrafanaClient.parseUrl(profile.get().stackUrl().get());
        } catch (IllegalArgumentException e) {
            return Check.Outcome.fail(Text.of("check.cloud.dashboard.badStackUrl", name, profile.get().stackUrl().get()),
                    Check.evidence("profile", name), Fix.OPEN_CREDENTIALS);
        }
        Map<String, String> evidence = Check.evidence("grafana", grafana.toString(), "uid", StackFiles.STARTER_DASHBOARD_UID,
                "profile", name, "store", profile.get().grafanaSecret().get().location().name().toLowerCase(java.util.Locale.ROOT));
        Optional<Secret> token;
        try {
            token = services.credentials().grafanaToken(profile.get());
        } catch (SecretStoreException e) {
            return Check.Outcome.fail(Text.of("check.cloud.dashboard.tokenUnreadable", name, e.getMessage()), evidence,
                    Fix.OPEN_CREDENTIALS);
        }
        if (token.isEmpty()) {
            if (profile.get().grafanaSecret().get().location() == SecretLocation.ASK_EACH_TIME) {
                return Check.Outcome.skipped(Text.of("check.cloud.dashboard.tokenNotGiven", name));
            }
            return Check.Outcome.fail(Text.of("check.cloud.dashboard.tokenMissing", name), evidence, Fix.OPEN_CREDENTIALS);
        }
        Optional<GrafanaDashboard> found;
        try (Secret secret = token.get()) {
            found = new GrafanaClient(grafana, Optional.of(secret), services.proxy()).dashboard(StackFiles.STARTER_DASHBOARD_UID);
        } catch (GrafanaException e) {
            return switch (e.reason()) {
                case UNAUTHORIZED -> Check.Outcome.fail(Text.of("check.cloud.dashboard.unauthorized", grafana, name),
                        evidence, Fix.OPEN_CREDENTIALS);
                case FORBIDDEN -> Check.Outcome.fail(Text.of("check.cloud.dashboard.forbidden", grafana), evidence,
                        Fix.OPEN_CREDENTIALS);
                default -> Check.Outcome.fail(Text.of("check.cloud.dashboard.failed", e.getMessage()), evidence, null);
            };
        }
        if (found.isEmpty()) {
            // The stored Grafana token this check used does the import too.
            evidence.put("import", "alloy-companion dashboards import --profile " + name + " --starter");
            return Check.Outcome.warn(Text.of("check.cloud.dashboard.missing", grafana), evidence, Fix.IMPORT_DASHBOARD);
        }
        evidence.put("title", found.get().title());
        evidence.put("folder", found.get().folderTitle());
        evidence.put("url", found.get().url());
        return Check.Outcome.pass(Text.of("check.cloud.dashboard.found", found.get().title(), found.get().folderTitle(),
                found.get().url()), evidence);
    }

    /** The {@code job} labels of the config's scrapes; none when the config cannot be read (the smoke metric is enough). */
    private List<String> scrapeJobs() {
        try {
            return List.copyOf(ConfigFacts.of(setup.config().toString(), configText()).scrapeJobs);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Check.Outcome readBack(Signal signal, QueryResult result) {
        Map<String, String> evidence = Check.evidence("url", result.url(), "query", result.query(),
                "username", result.username(), "status", result.status().map(String::valueOf).orElse("none"),
                "took", result.elapsed().toMillis() + " ms");
        String host = host(result.url());
        String scope = signal.id() + ":read";
        String status = result.status().map(String::valueOf).orElse("-");
        if (!result.detail().isEmpty()) {
            evidence.put("answer", result.detail());
        }
        return switch (result.problem()) {
            case NONE -> {
                evidence.put(switch (signal) {
                    case METRICS -> "series";
                    case LOGS -> "streams";
                    default -> "traces";
                }, String.valueOf(result.found()));
                if (result.found() == 0) {
                    yield Check.Outcome.warn(switch (signal) {
                        case METRICS -> Text.of("check.cloud.metricsVisible.none", host);
                        case LOGS -> Text.of("check.cloud.logsVisible.none", host);
                        default -> Text.of("check.cloud.tracesVisible.none", host);
                    }, evidence, Fix.SEND_TELEMETRY);
                }
                String newest = result.newest().map(at -> at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                        .orElse("?");
                evidence.put("newest", newest);
                evidence.put("found", String.join(", ", result.examples()));
                yield Check.Outcome.pass(switch (signal) {
                    case METRICS -> Text.of("check.cloud.metricsVisible.found", result.found(), newest);
                    case LOGS -> Text.of("check.cloud.logsVisible.found", result.found(), newest);
                    default -> Text.of("check.cloud.tracesVisible.found", result.found(), newest);
                }, evidence);
            }
            case UNAUTHORIZED -> Check.Outcome.fail(Text.of("check.cloud.visible.unauthorized", host, scope,
                    result.username(), signal.usernameField()), evidence, Fix.SET_READ_TOKEN);
            case FORBIDDEN -> Check.Outcome.fail(Text.of("check.cloud.visible.forbidden", host, scope), evidence,
                    Fix.SET_READ_TOKEN);
            // Verify: Tempo's query path on Grafana Cloud is not in FACTS, so a 404 there says "unknown", not "broken".
            case NOT_FOUND -> signal == Signal.TRACES
                    ? Check.Outcome.warn(Text.of("check.cloud.tracesVisible.unknownPath", result.url()), evidence, null)
                    : Check.Outcome.fail(Text.of("check.cloud.visible.notFound", result.url()), evidence, Fix.OPEN_CREDENTIALS);
            case INVALID_URL -> Check.Outcome.warn(Text.of("check.cloud.visible.noQueryUrl", result.url()), evidence,
                    Fix.OPEN_CREDENTIALS);
            case RATE_LIMITED -> Check.Outcome.warn(Text.of("check.cloud.visible.rateLimited", host), evidence, null);
            case SERVER_ERROR -> Check.Outcome.warn(Text.of("check.cloud.visible.serverError", host, status), evidence, null);
            // The same words as the Credentials screen's connection test for the same network failures.
            case DNS -> Check.Outcome.fail(Text.of("credentials.problem.dns", hostPort(result.url())), evidence, null);
            case REFUSED -> Check.Outcome.fail(Text.of("credentials.problem.refused", hostPort(result.url())), evidence, null);
            case TIMEOUT -> Check.Outcome.fail(Text.of("credentials.problem.timeout", hostPort(result.url())), evidence, null);
            case TLS -> Check.Outcome.fail(Text.of("credentials.problem.tls", hostPort(result.url()), result.detail()), evidence, null);
            case PROXY_AUTH -> Check.Outcome.fail(Text.of("credentials.problem.proxyAuth"), evidence, null);
            default -> Check.Outcome.fail(Text.of("check.cloud.visible.unexpected", host, status, result.detail()), evidence, null);
        };
    }

    private static String hostPort(String url) {
        try {
            URI uri = URI.create(url);
            int port = uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
            return uri.getHost() == null ? url : uri.getHost() + ":" + port;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private Check.Outcome metricsSent() throws InterruptedException {
        AlloyMetrics metrics;
        try {
            metrics = AlloyMetrics.parse(api().metrics());
        } catch (AlloyApi.Unreachable e) {
            return Check.Outcome.fail(Text.of("check.agent.running.down", setup.listenAddress()), Map.of(), Fix.START_AGENT);
        }
        Optional<Double> sent = metrics.sum("prometheus_remote_storage_samples_total", counted);
        if (sent.isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.alloy.metricsSent.noWriter"));
        }
        double failed = metrics.sum("prometheus_remote_storage_samples_failed_total", counted).orElse(0.0);
        Map<String, String> evidence = Check.evidence("prometheus_remote_storage_samples_total", format(sent.get()),
                "prometheus_remote_storage_samples_failed_total", format(failed));
        // The counters add up since Alloy started: a few failures long ago are a warning, not a failing set-up.
        if (failed > 0 && (sent.get() == 0 || failed >= sent.get())) {
            return Check.Outcome.fail(Text.of("check.alloy.metricsSent.failed", format(failed), format(sent.get())), evidence, Fix.OPEN_LOGS);
        }
        if (failed > 0) {
            return Check.Outcome.warn(Text.of("check.alloy.metricsSent.someFailed", format(failed), format(sent.get())), evidence, Fix.OPEN_LOGS);
        }
        if (sent.get() == 0) {
            return Check.Outcome.warn(Text.of("check.alloy.metricsSent.none"), evidence, Fix.OPEN_LOGS);
        }
        return Check.Outcome.pass(Text.of("check.alloy.metricsSent.sent", format(sent.get())), evidence);
    }

    private Check.Outcome spansSent() throws InterruptedException {
        AlloyMetrics metrics;
        try {
            metrics = AlloyMetrics.parse(api().metrics());
        } catch (AlloyApi.Unreachable e) {
            return Check.Outcome.fail(Text.of("check.agent.running.down", setup.listenAddress()), Map.of(), Fix.START_AGENT);
        }
        Optional<Double> sent = metrics.sum("otelcol_exporter_sent_spans", counted);
        if (sent.isEmpty()) {
            return Check.Outcome.skipped(Text.of("check.alloy.spansSent.noExporter"));
        }
        double failed = metrics.sum("otelcol_exporter_send_failed_spans", counted).orElse(0.0);
        Map<String, String> evidence = Check.evidence("otelcol_exporter_sent_spans", format(sent.get()),
                "otelcol_exporter_send_failed_spans", format(failed));
        metrics.sum("otelcol_receiver_accepted_spans").ifPresent(accepted -> evidence.put("otelcol_receiver_accepted_spans", format(accepted)));
        if (failed > 0 && (sent.get() == 0 || failed >= sent.get())) {
            return Check.Outcome.fail(Text.of("check.alloy.spansSent.failed", format(failed), format(sent.get())), evidence, Fix.OPEN_LOGS);
        }
        if (failed > 0) {
            return Check.Outcome.warn(Text.of("check.alloy.spansSent.someFailed", format(failed), format(sent.get())), evidence, Fix.OPEN_LOGS);
        }
        if (sent.get() == 0) {
            return Check.Outcome.warn(Text.of("check.alloy.spansSent.none"), evidence, null);
        }
        return Check.Outcome.pass(Text.of("check.alloy.spansSent.sent", format(sent.get())), evidence);
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    private static Check check(String id, String titleKey, List<String> dependsOn, Check.Body body) {
        return Check.of(id, titleKey, dependsOn, Duration.ofSeconds(15), body);
    }

    private static Check check(String id, String titleKey, List<String> dependsOn, Check.Body body, Duration timeout) {
        return Check.of(id, titleKey, dependsOn, timeout, body);
    }
}
