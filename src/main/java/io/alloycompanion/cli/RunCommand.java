package io.alloycompanion.cli;

import io.alloycompanion.core.agent.AgentLaunch;
import io.alloycompanion.core.agent.AgentState;
import io.alloycompanion.core.agent.AgentStatus;
import io.alloycompanion.core.agent.AgentSupervisor;
import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.Insight;
import io.alloycompanion.core.agent.ListenAddress;
import io.alloycompanion.core.agent.LogBuffer;
import io.alloycompanion.core.agent.LogRecord;
import io.alloycompanion.core.agent.PortOwners;
import io.alloycompanion.core.agent.Preflight;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.platform.ThreadPools;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run",
        description = "Run Alloy in the foreground with readable logs (coloured on a terminal). The config is checked "
                + "first (the app's validator, then alloy validate) and so are the ports; the profile's token goes into "
                + "Alloy's environment only (GCLOUD_RW_API_KEY). Ctrl+C stops Alloy cleanly and exits with its exit "
                + "code; 1 when the checks refuse to start.")
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--stability-level", paramLabel = "LEVEL",
            description = "generally-available (default), public-preview or experimental.")
    private String stability;

    @Option(names = "--restart-on-crash", description = "Start Alloy again when it crashes, after 1 s, then 2 s, 4 s… "
            + "up to 1 min between tries; runs until Ctrl+C (default: exit with Alloy's code, as the app's setting).")
    private boolean restartOnCrash;

    @Mixin
    private AgentOptions agent = new AgentOptions();

    @Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    private final CliContext context;

    RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!agent.validListen(err)) {
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Optional<Path> binary = AgentLaunches.binary(context, agent.alloyBinary);
        if (binary.isEmpty()) {
            err.println("error: no Alloy found. Install it with: alloy-companion install (or pass --alloy-binary PATH)");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Path configFile = AgentLaunches.config(context, agent.config);
        Preflight preflight = new Preflight(context.runner(), new PortProbe(), new PortOwners(context.env().os(),
                context.runner()), LintContext.fromEnvironment(context.env()::variable));
        Preflight.Report report = preflight.beforeStart(binary.get(), configFile, agent.listen);
        report.warnings().forEach(warning -> err.println("warning: " + warning));
        if (!report.passed()) {
            report.problems().forEach(problem -> err.println("error: " + problem.message()));
            err.println("Alloy was not started.");
            err.flush();
            return ExitCodes.CHECK_FAILED;
        }
        Map<String, String> environment = AgentLaunches.environment(passphrase.credentials(context), agent.profile, err);
        LogPrinter printer = new LogPrinter(out, LogPrinter.colourWanted(context.env().variables()));
        CountDownLatch ended = new CountDownLatch(1);
        // The listener asks the supervisor whether a crash will be restarted; it exists once constructed.
        AgentSupervisor[] running = new AgentSupervisor[1];
        AgentSupervisor supervisor = new AgentSupervisor(new LogBuffer(2_000), AlloyApi.loopbackClient(),
                restartOnCrash ? AgentSupervisor.RestartPolicy.on() : AgentSupervisor.RestartPolicy.OFF,
                new AgentSupervisor.Listener() {
                    private AgentState last;

                    @Override
                    public void changed(AgentStatus status) {
                        if (status.state() != last) {
                            last = status.state();
                            describe(status, err);
                        }
                        if (status.state() == AgentState.STOPPED || status.state() == AgentState.CRASHED
                                && !running[0].restartPending()) {
                            ended.countDown();
                        }
                    }

                    @Override
                    public void record(LogRecord record) {
                        printer.print(record);
                    }

                    @Override
                    public void insight(Insight insight) {
                        err.println("alloy-companion: " + CliInsights.describe(insight));
                        err.flush();
                    }
                }, context.env().os());
        running[0] = supervisor;
        // The supervisor's own shutdown hook runs beside this one: it waits as long before forcing Alloy.
        Duration stopGrace = Duration.ofSeconds(15);
        supervisor.setExitGrace(stopGrace);
        Thread stopper = ThreadPools.shutdownHook("run-ctrl-c", () -> {
            try {
                Optional<Integer> code = supervisor.stop(stopGrace);
                err.flush();
                out.flush();
                Runtime.getRuntime().halt(code.orElse(130));
            } catch (InterruptedException e) {
                Runtime.getRuntime().halt(130);
            }
        });
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            supervisor.start(new AgentLaunch(binary.get(), configFile, agent.listen, context.directories().data().resolve("alloy-data"),
                    Optional.ofNullable(stability), environment));
        } catch (IOException e) {
            Runtime.getRuntime().removeShutdownHook(stopper);
            err.println("error: cannot start " + binary.get() + ": " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        ended.await();
        Runtime.getRuntime().removeShutdownHook(stopper);
        AgentStatus last = supervisor.status();
        supervisor.close();
        if (last.state() == AgentState.CRASHED && !last.lastLines().isEmpty()) {
            err.println("alloy-companion: its last error lines:");
            last.lastLines().forEach(line -> err.println("  " + line));
        }
        err.flush();
        return last.exitCode().orElse(1);
    }

    private static void describe(AgentStatus status, PrintWriter err) {
        String address = "http://" + ListenAddress.forClients(status.listenAddress());
        String text = switch (status.state()) {
            case STARTING -> "starting Alloy (" + status.config().map(Path::toString).orElse("") + ")";
            case READY -> "Alloy is ready" + status.pid().map(pid -> " (pid " + pid + ")").orElse("") + "; its UI: " + address;
            case DEGRADED -> "Alloy runs, but " + status.detail();
            case CRASHED -> status.detail();
            case STOPPING -> "stopping Alloy";
            case STOPPED -> "Alloy stopped" + status.exitCode().map(code -> " (exit code " + code + ")").orElse("");
        };
        err.println("alloy-companion: " + text);
        err.flush();
    }
}
