package io.alloycompanion.cli;

import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.ListenAddress;
import io.alloycompanion.core.checks.Check;
import io.alloycompanion.core.checks.CheckResult;
import io.alloycompanion.core.checks.CheckRunner;
import io.alloycompanion.core.checks.CheckStatus;
import io.alloycompanion.core.checks.ChecklistReport;
import io.alloycompanion.core.checks.CloudChecks;
import io.alloycompanion.core.checks.LocalStackChecks;
import io.alloycompanion.core.checks.Texts;
import io.alloycompanion.core.cloud.ConnectionTester;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.DataQueries;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretStoreException;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.platform.EnvironmentProxySelector;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.secrets.LeakScanner;
import io.alloycompanion.core.stack.StackFolder;
import io.alloycompanion.core.stack.StackLayout;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check",
        description = "Check the whole set-up the way the setup guide's checklist does, with evidence: Alloy installed, "
                + "token stored and not in the project's files, config valid with its endpoints, Alloy running and "
                + "healthy, scrape targets and the OTLP receiver answering, Grafana Cloud accepting each signal, Alloy "
                + "sending, and — when the profile has a read token (credentials read-token) — the data readable back "
                + "from Grafana Cloud, and — with a Grafana token (credentials grafana-token) — the starter dashboard in "
                + "the stack's Grafana. With --stack or --stack-dir, the local Docker stack instead: each service ready, Grafana's data "
                + "sources and their links between logs and traces, RED metrics from traces, exporters scraped, trace ids "
                + "in the logs, and — when the stack also sends to Grafana Cloud (stack init --cloud-profile) — the Grafana "
                + "Cloud items for the stack's Alloy. Exit 0 when nothing failed, 1 when something did, 2 on a usage error.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
    private boolean json;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Run only these checks (ids as listed by "
            + "a run without it, e.g. config-valid,agent-running).")
    private List<String> only;

    @Option(names = "--frontend", paramLabel = "URL", description = "Your web front end, e.g. http://localhost:3000 (default: the one set in the app).")
    private String frontend;

    @Option(names = "--project", paramLabel = "DIR", description = "The project whose git-tracked files must hold no "
            + "token (default: the current folder).")
    private Path project;

    @Option(names = "--stack", description = "Check the local Docker stack on its default ports instead of the Grafana "
            + "Cloud set-up.")
    private boolean stack;

    @Option(names = "--stack-dir", paramLabel = "DIR", description = "Check the local Docker stack kept in DIR instead of "
            + "the Grafana Cloud set-up: its ports and exporters from DIR/" + StackLayout.SETTINGS_FILE + " (the defaults when that "
            + "file does not exist).")
    private Path stackDir;

    @Mixin
    private AgentOptions agent = new AgentOptions();

    @Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    private final CliContext context;

    CheckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (stack || stackDir != null) {
            return checkStack(out, err);
        }
        if (!agent.validListen(err)) {
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        CloudChecks.Setup setup = new CloudChecks.Setup(AgentLaunches.config(context, agent.config), agent.listen,
                Optional.ofNullable(agent.alloyBinary).map(Path::toAbsolutePath).or(() -> context.settings().alloyBinary().map(Path::of)),
                Optional.ofNullable(agent.profile), Optional.ofNullable(frontend).or(() -> context.settings().frontendUrl()), Optional.empty(),
                Optional.of(project == null ? Path.of("") : project).map(Path::toAbsolutePath));
        CredentialManager credentials = passphrase.credentials(context);
        try {
            // A profile that does not exist is a usage error; reading the tokens here also asks for the encrypted
            // file's passphrase now, on the terminal, rather than inside a check with a time limit.
            Optional<StackProfile> chosen = agent.profile != null ? Optional.of(credentials.require(agent.profile))
                    : credentials.profiles().activeProfile();
            if (chosen.isPresent()) {
                readTokens(credentials, chosen.get());
            }
        } catch (ProfileException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        List<Check> checks = only(new CloudChecks(setup, services(credentials)).all(), err);
        if (checks == null) {
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("mode", "grafana-cloud");
        described.put("config", setup.config().toString());
        described.put("listen", setup.listenAddress());
        return report(checks, described, out);
    }

    /** The local stack's checklist, on the ports its folder's settings give (or the defaults). */
    private int checkStack(PrintWriter out, PrintWriter err) throws InterruptedException {
        StackSettings settings = StackSettings.DEFAULTS;
        Optional<Path> file = Optional.empty();
        if (stackDir != null) {
            Path dir = stackDir.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                err.println("error: " + dir + " is not a folder. Give the folder the stack was set up in, or --stack for the default ports.");
                return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
            try {
                Optional<StackSettings> read = new StackFolder(dir).readSettings();
                if (read.isPresent()) {
                    settings = read.get();
                    file = Optional.of(StackLayout.settingsFile(dir));
                }
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
        }
        List<Check> all = new ArrayList<>(new LocalStackChecks(settings, AlloyApi.loopbackClient()).all());
        if (settings.cloud().isPresent()) {
            // "Both": the stack's Alloy also sends to Grafana Cloud, which is checked as in the Grafana Cloud mode.
            CredentialManager credentials = passphrase.credentials(context);
            try {
                readTokens(credentials, credentials.require(settings.cloud().get().profile()));
            } catch (ProfileException e) {
                err.println("error: the stack sends to Grafana Cloud with the profile " + settings.cloud().get().profile() + ": "
                        + e.getMessage() + ". Add the profile, or `alloy-companion stack init --dir " + stackDir + " --no-cloud`.");
                return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
            Path dir = stackDir.toAbsolutePath().normalize();
            all.addAll(new CloudChecks(CloudChecks.Setup.forLocalStack(dir, settings, Optional.ofNullable(project).map(Path::toAbsolutePath)),
                    services(credentials)).forwarding(LocalStackChecks.ALLOY_READY));
        }
        List<Check> checks = only(all, err);
        if (checks == null) {
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("mode", settings.cloud().isPresent() ? "both" : "local-stack");
        described.put("stackDir", stackDir == null ? null : stackDir.toAbsolutePath().normalize().toString());
        described.put("stackSettings", file.map(Path::toString).orElse("defaults"));
        settings.cloud().ifPresent(cloud -> described.put("profile", cloud.profile()));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (StackService service : StackService.values()) {
            ports.put(service.id(), settings.hostPort(service));
        }
        described.put("hostPorts", ports);
        if (!json) {
            out.println(file.map(found -> "Local stack, ports from " + found)
                    .orElse("Local stack, default ports" + (stackDir == null ? "" : " (no " + StackLayout.SETTINGS_FILE + " in " + stackDir.toAbsolutePath().normalize() + ")")));
        }
        return report(checks, described, out);
    }

    /**
     * Reads the profile's tokens once before the checks: the encrypted file's passphrase is asked for now, on the
     * terminal, rather than inside a check with a time limit. A token that cannot be read is the token checks' to report.
     */
    private static void readTokens(CredentialManager credentials, StackProfile profile) {
        try {
            credentials.token(profile).ifPresent(Secret::close);
            credentials.readToken(profile).ifPresent(Secret::close);
            credentials.grafanaToken(profile).ifPresent(Secret::close);
        } catch (SecretStoreException e) {
            // Reported by the token checks with their fixes.
        }
    }

    private CloudChecks.Services services(CredentialManager credentials) {
        return new CloudChecks.Services(
                new AlloyDetector(context.env(), context.runner(), context.directories().data().resolve("alloy")),
                credentials, new ConnectionTester(EnvironmentProxySelector.forMachine(context.env())),
                new LeakScanner(context.runner()), AlloyApi.loopbackClient(), new PortProbe(),
                LintContext.fromEnvironment(context.env()::variable),
                new DataQueries(EnvironmentProxySelector.forMachine(context.env())),
                EnvironmentProxySelector.forMachine(context.env()));
    }

    /** The checks --only names, or all; null (after saying why) when it names one that does not exist. */
    private List<Check> only(List<Check> checks, PrintWriter err) {
        if (only == null || only.isEmpty()) {
            return checks;
        }
        Set<String> known = checks.stream().map(Check::id).collect(Collectors.toSet());
        List<String> unknown = only.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            err.println("error: no check called " + String.join(", ", unknown) + ". The checks: "
                    + checks.stream().map(Check::id).collect(Collectors.joining(", ")));
            return null;
        }
        return checks.stream().filter(check -> only.contains(check.id())).toList();
    }

    private int report(List<Check> checks, Map<String, Object> described, PrintWriter out) throws InterruptedException {
        Texts texts = new Texts(Locale.ENGLISH);
        List<CheckResult> results = new CheckRunner().run(checks, new CheckRunner.Listener() { });
        boolean failed = results.stream().anyMatch(result -> result.status() == CheckStatus.FAIL);
        if (json) {
            out.println(Json.write(ChecklistReport.document(results, texts::render, described, Instant.now())));
        } else {
            int width = Math.max(20, checks.stream().mapToInt(check -> check.id().length()).max().orElse(0));
            for (CheckResult result : results) {
                out.printf("%-5s %-" + width + "s %s%n", mark(result.status()), result.id(), texts.render(result.title()));
                out.println("      " + texts.render(result.summary()));
                result.fix().ifPresent(fix -> out.println("      fix: " + fix.command()));
            }
            Map<CheckStatus, Long> counts = results.stream().collect(Collectors.groupingBy(CheckResult::status, Collectors.counting()));
            out.println(Arrays.stream(CheckStatus.values()).map(status -> counts.getOrDefault(status, 0L) + " " + status.id())
                    .collect(Collectors.joining(", ")));
        }
        out.flush();
        return failed ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private static String mark(CheckStatus status) {
        return switch (status) {
            case PASS -> "ok";
            case WARN -> "warn";
            case FAIL -> "FAIL";
            case SKIPPED -> "skip";
        };
    }

}
