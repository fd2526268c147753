package io.alloycompanion.cli;

import io.alloycompanion.core.agent.PortOwners;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.stack.DockerEngineLocator;
import io.alloycompanion.core.stack.HostSourcesText;
import io.alloycompanion.core.stack.ServiceStatus;
import io.alloycompanion.core.stack.StackEvent;
import io.alloycompanion.core.stack.StackException;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackOrchestrator;
import io.alloycompanion.core.stack.StackSecrets;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import io.alloycompanion.core.stack.StackStatus;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stack",
        description = "The local observability stack in Docker (Alloy, Tempo, Loki, Prometheus, Grafana): generate its "
                + "folder, bring it up and down, see its health and logs.",
        subcommands = {StackCommand.Init.class, StackCommand.Up.class, StackCommand.Down.class, StackCommand.Status.class,
                StackCommand.Logs.class, StackCommand.Restart.class, StackCommand.Stop.class})
final class StackCommand {

    @Command(name = "init", description = "Create or regenerate the stack's folder: configs for every service, Grafana "
            + "provisioning, a starter dashboard and an equivalent docker-compose.yml. Files you edited keep your edits; "
            + "when an edit collides with a change, your file stays and the new one is written beside it as <file>.generated.")
    static final class Init extends StackSubcommand {
        @Option(names = "--project", paramLabel = "NAME", description = "Prefix of containers, network and volumes (default alloy-companion).")
        private String project;
        @Option(names = "--image", paramLabel = "SERVICE=IMAGE", description = "Image of a service, e.g. tempo=grafana/tempo:2.8.2.")
        private Map<String, String> images = new LinkedHashMap<>();
        @Option(names = "--port", paramLabel = "SERVICE=PORT", description = "Host port of a service (published on 127.0.0.1), e.g. grafana=3001.")
        private Map<String, Integer> ports = new LinkedHashMap<>();
        @Option(names = "--otlp-port", paramLabel = "PORT", description = "Host port of Alloy's OTLP HTTP receiver (default 4318).")
        private Integer otlpPort;
        @Option(names = "--retention-days", paramLabel = "DAYS", description = "How long Tempo, Loki and Prometheus keep data (default 7).")
        private Integer retentionDays;
        @Option(names = "--mysql", negatable = true, description = "Scrape a MySQL exporter at mysqld-exporter:9104.")
        private Boolean mysql;
        @Option(names = "--redis", negatable = true, description = "Scrape a Redis exporter at redis-exporter:9121.")
        private Boolean redis;
        @Option(names = "--health-timeout", paramLabel = "SECONDS", description = "How long `up` waits for each service (default 90).")
        private Integer healthTimeout;
        @Option(names = "--cloud-profile", paramLabel = "PROFILE", description = "Also send everything the stack receives "
                + "to Grafana Cloud, with this profile's endpoints; `up` hands its token to the Alloy container from the "
                + "keychain (never written to the folder).")
        private String cloudProfile;
        @Option(names = "--no-cloud", description = "Stop sending to Grafana Cloud: the stack keeps everything locally.")
        private boolean noCloud;
        @Option(names = "--scrape", paramLabel = "JOB=HOST:PORT[/PATH]", description = "A Prometheus endpoint of this "
                + "computer the stack's Alloy scrapes, e.g. worker=localhost:8787/metrics (localhost is reached as "
                + "host.docker.internal). Repeat for more; given at all, they replace the stack's list; --scrape '' empties it.")
        private List<String> scrapes;
        @Option(names = "--log-file", paramLabel = "PATTERN", description = "A log file of this computer the stack's Alloy "
                + "tails, an absolute path that may end in a glob, e.g. /var/log/myapp/*.log (its folder is mounted "
                + "read-only). Repeat for more; given at all, they replace the stack's list; --log-file '' empties it.")
        private List<String> logFiles;
        @Option(names = "--dry-run", description = "Show what would change, as diffs, without writing.")
        private boolean dryRun;
        @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
        private boolean json;

        Init(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            StackFolder stackFolder = new StackFolder(folder.dir);
            if (cloudProfile != null && noCloud) {
                return failure(spec, json, "usage", "--cloud-profile and --no-cloud cannot be used together");
            }
            try {
                StackSettings settings = apply(stackFolder.readSettings().orElse(StackSettings.DEFAULTS));
                if (cloudProfile != null) {
                    // Only the profile's endpoints are read here (no token): `up` reads the token.
                    settings = settings.withCloud(Optional.of(StackSettings.CloudForwarding.of(
                            passphrase.credentials(context).require(cloudProfile))));
                } else if (noCloud) {
                    settings = settings.withCloud(Optional.empty());
                } else if (settings.cloud().isPresent()) {
                    // The profile's endpoints as they are now (it may have changed since the stack was generated).
                    CredentialManager credentials = passphrase.credentials(context);
                    settings = settings.withCloudRefreshed(name -> {
                        try {
                            return credentials.profiles().find(name);
                        } catch (io.alloycompanion.core.cloud.ProfileException e) {
                            return Optional.empty();
                        }
                    });
                }
                StackFolder.Report report = dryRun ? stackFolder.plan(settings) : stackFolder.write(settings);
                if (json) {
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("schemaVersion", 1);
                    document.put("dir", report.dir().toString());
                    document.put("written", report.written());
                    document.put("settings", settings);
                    List<Map<String, Object>> files = new ArrayList<>();
                    for (StackFolder.FileChange change : report.files()) {
                        Map<String, Object> file = new LinkedHashMap<>();
                        file.put("path", change.path());
                        file.put("outcome", change.outcome().name().toLowerCase(java.util.Locale.ROOT));
                        file.put("diff", String.join("\n", change.diff()));
                        files.add(file);
                    }
                    document.put("files", files);
                    out.println(Json.write(document));
                } else {
                    out.println((dryRun ? "Would write " : "Stack folder ") + report.dir() + ":");
                    for (StackFolder.FileChange change : report.files()) {
                        out.printf("  %-11s %s%n", change.outcome().name().toLowerCase(java.util.Locale.ROOT), change.path());
                        if (dryRun || change.outcome() == StackFolder.Outcome.CONFLICT) {
                            change.diff().forEach(line -> out.println("      " + line));
                        }
                    }
                    for (StackFolder.FileChange conflict : report.conflicts()) {
                        err.println("note: your edits to " + conflict.path() + " overlap the new version; yours is kept and "
                                + "the new one is " + conflict.path() + ".generated");
                    }
                    settings.cloud().ifPresent(cloud -> out.println("Also sends to Grafana Cloud with the profile " + cloud.profile()
                            + "; `stack up` gives its Alloy the token from the keychain."));
                    if (!dryRun) {
                        out.println("Next: alloy-companion stack up --dir " + report.dir());
                    }
                }
                out.flush();
                err.flush();
                return ExitCodes.OK;
            } catch (IllegalArgumentException | io.alloycompanion.core.cloud.ProfileException e) {
                return failure(spec, json, "usage", e.getMessage());
            } catch (IOException e) {
                return failure(spec, json, "settings", e.getMessage());
            }
        }

        private StackSettings apply(StackSettings settings) {
            if (scrapes != null || logFiles != null) {
                // Only the lists given are checked and replaced; the other keeps what the folder has.
                StackSettings.HostSources now = settings.hostSources();
                HostSourcesText.Result parsed = HostSourcesText.parse(scrapes != null ? scrapes : List.of(),
                        logFiles != null ? logFiles : List.of(), now);
                List<String> problems = new ArrayList<>();
                parsed.targetProblems().forEach(problem -> problems.add(problem.describe("--scrape")));
                parsed.logProblems().forEach(problem -> problems.add(problem.describe("--log-file")));
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException(String.join("; ", problems));
                }
                settings = settings.withHostSources(new StackSettings.HostSources(
                        scrapes != null ? parsed.sources().scrapes() : now.scrapes(),
                        logFiles != null ? parsed.sources().logFiles() : now.logFiles()));
            }
            if (project != null) {
                settings = settings.withProject(project);
            }
            for (Map.Entry<String, String> entry : images.entrySet()) {
                settings = settings.withImage(service(entry.getKey()), entry.getValue());
            }
            for (Map.Entry<String, Integer> entry : ports.entrySet()) {
                settings = settings.withHostPort(service(entry.getKey()), entry.getValue());
            }
            if (otlpPort != null) {
                settings = settings.withOtlpHttpHostPort(otlpPort);
            }
            if (retentionDays != null) {
                settings = settings.withRetentionDays(retentionDays);
            }
            if (mysql != null || redis != null) {
                settings = settings.withExporters(mysql != null ? mysql : settings.mysqlExporter(),
                        redis != null ? redis : settings.redisExporter());
            }
            if (healthTimeout != null) {
                settings = settings.withHealthTimeoutSeconds(healthTimeout);
            }
            return settings;
        }
    }

    @Command(name = "up", description = "Start the stack (or the named services) in order, each waited on by its health "
            + "endpoint. Exit 0 all healthy, 1 a service failed (its last log lines are shown), 2 no engine or no stack folder.")
    static final class Up extends StackSubcommand {
        @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "tempo, loki, prometheus, alloy, grafana (default all).")
        private List<String> services = new ArrayList<>();
        @Option(names = "--json", description = "Print the final status as one JSON document (with schemaVersion).")
        private boolean json;
        Up(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            Optional<Set<StackService>> named = chosen(services, json);
            if (named.isEmpty()) {
                return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
            Set<StackService> chosen = named.get();
            return withStack(context, spec, folder.dir, json, passphrase, orchestrator -> {
                StackStatus status = orchestrator.up(chosen, event -> progress(err, event));
                print(spec, status, json);
                return status.services().stream().filter(service -> chosen.contains(service.service()))
                        .allMatch(service -> service.health() == ServiceStatus.Health.HEALTHY) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
            });
        }
    }

    @Command(name = "down", description = "Stop and remove the stack's containers and network. Data volumes are kept "
            + "unless --volumes is given.")
    static final class Down extends StackSubcommand {
        @Option(names = "--volumes", description = "Also delete the data volumes (traces, logs, metrics, Grafana's database).")
        private boolean volumes;
        @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
        private boolean json;
        Down(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            return withStack(context, spec, folder.dir, json, passphrase, orchestrator -> {
                orchestrator.down(volumes, event -> progress(err, event));
                StackStatus status = orchestrator.status();
                print(spec, status, json);
                return status.anyContainer() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
            });
        }
    }

    @Command(name = "status", description = "Each service's container state and health. Exit 0 all healthy, 1 otherwise.")
    static final class Status extends StackSubcommand {
        @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
        private boolean json;
        Status(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            return withStack(context, spec, folder.dir, json, passphrase, orchestrator -> {
                StackStatus status = orchestrator.status();
                print(spec, status, json);
                return status.allHealthy() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
            });
        }
    }

    @Command(name = "logs", description = "The services' log lines, each prefixed with its service; --follow keeps "
            + "printing until Ctrl+C.")
    static final class Logs extends StackSubcommand {
        @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "tempo, loki, prometheus, alloy, grafana (default all).")
        private List<String> services = new ArrayList<>();
        @Option(names = {"-f", "--follow"}, description = "Keep printing new lines.")
        private boolean follow;
        @Option(names = "--tail", paramLabel = "N", defaultValue = "100", description = "Earlier lines per service (default ${DEFAULT-VALUE}).")
        private int tail;
        Logs(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            Optional<Set<StackService>> named = chosen(services, false);
            if (named.isEmpty()) {
                return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
            Set<StackService> chosen = named.get();
            return withStack(context, spec, folder.dir, false, passphrase, orchestrator -> {
                List<Closeable> streams = new ArrayList<>();
                try {
                    for (StackService service : chosen) {
                        try {
                            streams.add(orchestrator.logs(service, tail, follow, (from, time, line, stderr) -> {
                                synchronized (out) {
                                    out.printf("%-10s | %s%n", from.id(), line);
                                    out.flush();
                                }
                            }));
                        } catch (StackException e) {
                            if (chosen.size() == 1) {
                                throw e;
                            }
                        }
                    }
                    // Until every stream ended: at once without --follow, when the containers stop (or Ctrl+C) with it.
                    for (Closeable stream : streams) {
                        if (stream instanceof com.github.dockerjava.api.async.ResultCallback.Adapter) {
                            ((com.github.dockerjava.api.async.ResultCallback.Adapter<?>) stream).awaitCompletion();
                        }
                    }
                } finally {
                    for (Closeable stream : streams) {
                        try {
                            stream.close();
                        } catch (IOException e) {
                            // closing a finished stream
                        }
                    }
                }
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "restart", description = "Restart one service and wait until it is healthy again.")
    static final class Restart extends StackSubcommand {
        @Parameters(paramLabel = "SERVICE", description = "tempo, loki, prometheus, alloy or grafana.")
        private String service;
        Restart(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            Optional<Set<StackService>> named = chosen(List.of(service), false);
            if (named.isEmpty()) {
                return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
            StackService chosen = named.get().iterator().next();
            return withStack(context, spec, folder.dir, false, passphrase, orchestrator -> {
                orchestrator.restart(chosen, event -> progress(err, event));
                err.println(chosen.id() + " restarted and healthy");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "stop", description = "Stop services (all by default) without removing them; `up` starts them again.")
    static final class Stop extends StackSubcommand {
        @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "tempo, loki, prometheus, alloy, grafana (default all).")
        private List<String> services = new ArrayList<>();
        Stop(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            Optional<Set<StackService>> named = chosen(services, false);
            if (named.isEmpty()) {
                return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
            Set<StackService> chosen = named.get();
            return withStack(context, spec, folder.dir, false, passphrase, orchestrator -> {
                List<StackService> order = new ArrayList<>(chosen);
                java.util.Collections.reverse(order);
                for (StackService service : order) {
                    orchestrator.stop(service);
                    err.println(service.id() + " stopped");
                }
                return ExitCodes.OK;
            });
        }
    }

    /** The {@code --dir} option as a mixin. */
    static final class FolderOptionMixin {
        @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The stack's folder.")
        Path dir;
    }

    /** What every stack command has: its spec, the stack's folder and the machine's context. */
    abstract static class StackSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        FolderOptionMixin folder;
        /** A stack that also sends to Grafana Cloud reads its token when a container is made. */
        @picocli.CommandLine.Mixin
        PassphraseOption passphrase = new PassphraseOption();
        final CliContext context;

        StackSubcommand(CliContext context) {
            this.context = context;
        }

        /** The named services (all when none are named); empty once an unknown name was reported. */
        Optional<Set<StackService>> chosen(List<String> names, boolean json) {
            try {
                return Optional.of(services(names));
            } catch (IllegalArgumentException e) {
                failure(spec, json, "usage", e.getMessage());
                return Optional.empty();
            }
        }
    }

    @FunctionalInterface
    private interface StackWork {
        int run(StackOrchestrator orchestrator) throws StackException, InterruptedException;
    }

    private static int withStack(CliContext context, CommandSpec spec, Path dir, boolean json, PassphraseOption passphrase,
                                 StackWork work) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var endpoint = new DockerEngineLocator(context.env()).locate();
        try (StackOrchestrator orchestrator = StackOrchestrator.open(endpoint, new StackFolder(dir),
                Optional.of(new PortOwners(context.env().os(), context.runner())),
                StackSecrets.fromCredentials(passphrase.credentials(context)))) {
            return work.run(orchestrator);
        } catch (StackException e) {
            if (json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("schemaVersion", 1);
                document.put("error", e.kind().name().toLowerCase(java.util.Locale.ROOT));
                document.put("service", e.service().map(StackService::id).orElse(null));
                document.put("message", e.getMessage());
                document.put("lastLogLines", e.lastLogLines());
                out.println(Json.write(document));
                out.flush();
            }
            err.println("error: " + e.getMessage());
            if (!e.lastLogLines().isEmpty()) {
                err.println("last lines of " + e.service().map(StackService::id).orElse("the service") + ":");
                e.lastLogLines().forEach(line -> err.println("  " + line));
            }
            err.flush();
            switch (e.kind()) {
                case UNHEALTHY:
                case EXITED:
                case DOCKER_ERROR:
                case CANCELLED:
                    // the stack itself failed
                    return ExitCodes.CHECK_FAILED;
                default:
                    // no engine, no stack folder, a taken port, an image that cannot be had: the environment
                    return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
        } catch (IOException e) {
            return failure(spec, json, "settings", e.getMessage());
        }
    }

    /** An error before any stack work: on stderr, and with --json also as the one document on stdout. */
    static int failure(CommandSpec spec, boolean json, String kind, String message) {
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("schemaVersion", 1);
            document.put("error", kind);
            document.put("message", message);
            spec.commandLine().getOut().println(Json.write(document));
            spec.commandLine().getOut().flush();
        }
        spec.commandLine().getErr().println("error: " + message);
        spec.commandLine().getErr().flush();
        return ExitCodes.USAGE_OR_ENVIRONMENT;
    }

    private static void progress(PrintWriter err, StackEvent event) {
        err.printf("[%3d%%] %s%s%n", Math.round(event.fraction() * 100),
                event.service().map(service -> service.id() + ": ").orElse(""), event.message());
        err.flush();
    }

    static void print(CommandSpec spec, StackStatus status, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("schemaVersion", 1);
            document.put("project", status.project());
            document.put("engineVersion", status.engineVersion().orElse(null));
            document.put("allHealthy", status.allHealthy());
            List<Map<String, Object>> services = new ArrayList<>();
            for (ServiceStatus service : status.services()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("service", service.service().id());
                entry.put("container", service.container());
                entry.put("state", service.state());
                entry.put("health", service.health().name().toLowerCase(java.util.Locale.ROOT));
                entry.put("image", service.image());
                Map<String, Integer> ports = new LinkedHashMap<>();
                service.ports().forEach((host, container) -> ports.put(String.valueOf(host), container));
                entry.put("ports", ports);
                entry.put("detail", service.detail().orElse(null));
                services.add(entry);
            }
            document.put("services", services);
            out.println(Json.write(document));
        } else {
            Map<ServiceStatus, String> ports = new LinkedHashMap<>();
            for (ServiceStatus service : status.services()) {
                ports.put(service, service.ports().entrySet().stream().map(entry -> "127.0.0.1:" + entry.getKey() + "->" + entry.getValue())
                        .collect(java.util.stream.Collectors.joining(",")));
            }
            int width = Math.max(5, ports.values().stream().mapToInt(String::length).max().orElse(0));
            String row = "%-11s %-9s %-10s %-" + width + "s  %s%n";
            out.printf(row, "SERVICE", "STATE", "HEALTH", "PORTS", "IMAGE");
            for (ServiceStatus service : status.services()) {
                out.printf(row, service.service().id(), service.state(),
                        service.health().name().toLowerCase(java.util.Locale.ROOT), ports.get(service), service.image());
            }
        }
        out.flush();
    }

    private static Set<StackService> services(List<String> names) {
        if (names.isEmpty()) {
            return EnumSet.allOf(StackService.class);
        }
        Set<StackService> chosen = EnumSet.noneOf(StackService.class);
        for (String name : names) {
            chosen.add(service(name));
        }
        return chosen;
    }

    private static StackService service(String name) {
        return StackService.byId(name).orElseThrow(() -> new IllegalArgumentException("unknown service " + name
                + " (expected tempo, loki, prometheus, alloy or grafana)"));
    }
}
