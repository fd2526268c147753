package io.alloycompanion.cli;

import io.alloycompanion.core.doctor.DoctorReport;
import io.alloycompanion.core.doctor.DoctorReport.Finding;
import io.alloycompanion.core.platform.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "doctor",
        description = "Report what this machine has for Alloy Companion: OS, Java, display, Docker, keychain, "
                + "ports 12345/4317/4318 and any Alloy on PATH.%n"
                + "Exit 0 when the app can work here, 1 when something stops it.")
final class DoctorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion) instead of text.")
    private boolean json;

    @Option(names = "--alloy-binary", paramLabel = "PATH",
            description = "Also check this Alloy binary, listed first (default: the one chosen in the app's settings).")
    private Path alloyBinary;

    private final CliContext context;

    DoctorCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<Path> fromSettings = context.settings().alloyBinary().map(Path::of);
        DoctorReport report = alloyBinary != null
                ? context.doctor().run((probe, done, total) -> { }, Optional.of(alloyBinary), "--alloy-binary")
                : context.doctor().run((probe, done, total) -> { }, fromSettings, "setting");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            printText(report, out);
        }
        out.flush();
        return report.hasFailures() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private static void printText(DoctorReport report, PrintWriter out) {
        out.printf("Alloy Companion %s on %s %s (%s), Java %s (%s)%n", report.appVersion(), report.system().osName(),
                report.system().osVersion(), report.system().arch(), report.java().version(), report.java().vendor());
        out.println();
        for (Finding finding : report.findings()) {
            out.printf("  %-5s %-12s %s%n", finding.severity(), finding.subject().name().toLowerCase(Locale.ROOT),
                    finding.message());
        }
        out.println();
        out.printf("App folders: config %s, data %s, logs %s%n", report.directories().config(),
                report.directories().data(), report.directories().logs());
    }
}
