package io.alloycompanion.cli;

import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.ListenAddress;
import io.alloycompanion.core.checks.Check;
import io.alloycompanion.core.checks.CheckResult;
import io.alloycompanion.core.checks.CheckRunner;
import io.alloycompanion.core.checks.CheckStatus;
import io.alloycompanion.core.checks.ChecklistReport;
import io.alloycompanion.core.checks.CloudChecks;
import io.alloycompanion.core.checks.Texts;
import io.alloycompanion.core.cloud.ConnectionTester;
import io.alloycompanion.core.cloud.CredentialManager;
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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
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
                + "sending. Exit 0 when nothing failed, 1 when something did, 2 on a usage error.")
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
        if (!agent.validListen(err)) {
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        CloudChecks.Setup setup = new CloudChecks.Setup(AgentLaunches.config(context, agent.config), agent.listen,
                Optional.ofNullable(agent.alloyBinary).map(Path::toAbsolutePath).or(() -> context.settings().alloyBinary().map(Path::of)),
                Optional.ofNullable(agent.profile), Optional.ofNullable(frontend).or(() -> context.settings().frontendUrl()), Optional.empty(),
                Optional.of(project == null ? Path.of("") : project).map(Path::toAbsolutePath));
        CredentialManager credentials = passphrase.credentials(context);
        try {
            // A profile that does not exist is a usage error; reading the token here also asks for the encrypted
            // file's passphrase now, on the terminal, rather than inside a check with a time limit.
            Optional<StackProfile> chosen = agent.profile != null ? Optional.of(credentials.require(agent.profile))
                    : credentials.profiles().activeProfile();
            if (chosen.isPresent()) {
                credentials.token(chosen.get()).ifPresent(Secret::close);
            }
        } catch (ProfileException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        } catch (SecretStoreException e) {
            // Reported by the token check with its fix.
        }
        CloudChecks.Services services = new CloudChecks.Services(
                new AlloyDetector(context.env(), context.runner(), context.directories().data().resolve("alloy")),
                credentials, new ConnectionTester(EnvironmentProxySelector.forMachine(context.env())),
                new LeakScanner(context.runner()), AlloyApi.loopbackClient(), new PortProbe(),
                LintContext.fromEnvironment(context.env()::variable));
        List<Check> checks = new CloudChecks(setup, services).all();
        if (only != null && !only.isEmpty()) {
            Set<String> known = checks.stream().map(Check::id).collect(Collectors.toSet());
            List<String> unknown = only.stream().filter(id -> !known.contains(id)).toList();
            if (!unknown.isEmpty()) {
                err.println("error: no check called " + String.join(", ", unknown) + ". The checks: "
                        + checks.stream().map(Check::id).collect(Collectors.joining(", ")));
                return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
            checks = checks.stream().filter(check -> only.contains(check.id())).toList();
        }
        Texts texts = new Texts(Locale.ENGLISH);
        List<CheckResult> results = new CheckRunner().run(checks, new CheckRunner.Listener() { });
        boolean failed = results.stream().anyMatch(result -> result.status() == CheckStatus.FAIL);
        if (json) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("mode", "grafana-cloud");
            context.put("config", setup.config().toString());
            context.put("listen", setup.listenAddress());
            out.println(Json.write(ChecklistReport.document(results, texts::render, context, Instant.now())));
        } else {
            for (CheckResult result : results) {
                out.printf("%-5s %-20s %s%n", mark(result.status()), result.id(), texts.render(result.title()));
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
