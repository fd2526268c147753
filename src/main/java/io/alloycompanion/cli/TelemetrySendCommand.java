package io.alloycompanion.cli;

import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.ListenAddress;
import io.alloycompanion.core.config.ConfigText;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.telemetry.Delivery;
import io.alloycompanion.core.telemetry.OtlpEndpoints;
import io.alloycompanion.core.telemetry.SignalResult;
import io.alloycompanion.core.telemetry.TelemetryReport;
import io.alloycompanion.core.telemetry.TestTelemetry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "send",
        description = "Send one span, one log record and one metric point (service.name=" + TestTelemetry.SERVICE_NAME
                + ", plus a run id) with the OpenTelemetry SDK over OTLP/HTTP to Alloy's otelcol.receiver.otlp, then "
                + "read Alloy's receiver counters (/metrics) to show it accepted each. Exit 0 all three accepted, 1 any "
                + "not sent or not accepted, 2 usage or environment error.")
final class TelemetrySendCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"--otlp", "--endpoint"}, paramLabel = "URL", description = "The OTLP/HTTP base URL, e.g. "
            + "http://127.0.0.1:4318 (default: the http endpoint of the config's otelcol.receiver.otlp, else "
            + "http://127.0.0.1:4318).")
    private String otlp;

    @Option(names = "--config", paramLabel = "FILE", description = "Take the URL from this config's "
            + "otelcol.receiver.otlp http block (default: the config in the settings, when it has one).")
    private Path config;

    @Option(names = "--listen", paramLabel = "ADDR", defaultValue = ListenAddress.DEFAULT,
            description = "Alloy's HTTP address, whose /metrics has the receiver counters (default ${DEFAULT-VALUE}).")
    private String listen;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
    private boolean json;

    private final CliContext context;

    TelemetrySendCommand(CliContext context) {
        this.context = context;
    }

    /** The URL to send to and where it came from, or the reason there is none (a usage error). */
    private record Target(URI url, String source) {
    }

    private static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Target target;
        try {
            if (!ListenAddress.valid(listen)) {
                throw new UsageError("--listen must be host:port (e.g. 127.0.0.1:12345), not " + listen);
            }
            target = target();
        } catch (UsageError e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        AlloyApi alloy = new AlloyApi(AlloyApi.loopbackClient(), listen);
        if (!json) {
            out.println("Sending a span, a log record and a metric point (service.name=" + TestTelemetry.SERVICE_NAME
                    + ") to " + target.url() + " (" + target.source() + "); Alloy's counters from " + alloy.base() + ".");
            out.flush();
        }
        TelemetryReport report = new TestTelemetry(target.url(), alloy).send();
        if (json) {
            out.println(Json.write(document(report, target)));
        } else {
            print(out, report);
        }
        out.flush();
        return report.allAccepted() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private Target target() throws UsageError {
        if (otlp != null && config != null) {
            throw new UsageError("give --otlp or --config, not both");
        }
        if (otlp != null) {
            try {
                return new Target(OtlpEndpoints.parse(otlp), "--otlp");
            } catch (IllegalArgumentException e) {
                throw new UsageError("--otlp: " + e.getMessage());
            }
        }
        if (config != null) {
            String text = read(config).orElseThrow(() -> new UsageError("cannot read " + config));
            return OtlpEndpoints.fromConfig(config.toString(), text).map(url -> new Target(url, "from " + config))
                    .orElseThrow(() -> new UsageError(config + " has no otelcol.receiver.otlp with an http block "
                            + "(this command speaks OTLP/HTTP): add http { endpoint = \"127.0.0.1:4318\" } to the "
                            + "receiver, or give --otlp URL"));
        }
        Path fromSettings = AgentLaunches.config(context, null);
        if (Files.isRegularFile(fromSettings)) {
            Optional<URI> url = read(fromSettings).flatMap(text -> OtlpEndpoints.fromConfig(fromSettings.toString(), text));
            if (url.isPresent()) {
                return new Target(url.get(), "from " + fromSettings);
            }
        }
        return new Target(OtlpEndpoints.DEFAULT, "the default");
    }

    private static Optional<String> read(Path file) {
        try {
            ConfigText.Decoded decoded = ConfigText.read(file);
            return decoded.problem().isPresent() ? Optional.empty() : Optional.of(decoded.text());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void print(PrintWriter out, TelemetryReport report) {
        for (SignalResult result : report.signals()) {
            String mark = result.ok() ? "✔" : switch (result.accepted()) {
                case UNKNOWN -> "?";
                default -> "✖";
            };
            out.printf("  %s %-8s %s%n", mark, result.signal().id(), result.explanation());
            if (result.delivery() instanceof Delivery.Failed failed && !result.explanation().contains(failed.reason())) {
                out.println("             export: " + failed.reason());
            }
        }
        report.alloyProblem().ifPresent(problem -> out.println("  " + problem));
        long ok = report.signals().stream().filter(SignalResult::ok).count();
        out.println(report.allAccepted()
                ? "All three accepted by Alloy (run " + report.runId() + ", " + report.took().toMillis() + " ms)."
                : ok + " of " + report.signals().size() + " accepted by Alloy (run " + report.runId() + ", "
                        + report.took().toMillis() + " ms).");
    }

    private static Map<String, Object> document(TelemetryReport report, Target target) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", 1);
        document.put("otlpEndpoint", report.otlpEndpoint().toString());
        document.put("otlpEndpointSource", target.source());
        document.put("alloyApi", report.alloyApi().toString());
        document.put("serviceName", report.serviceName());
        document.put("runId", report.runId());
        document.put("allAccepted", report.allAccepted());
        document.put("alloyProblem", report.alloyProblem());
        document.put("tookMs", report.took().toMillis());
        document.put("signals", report.signals().stream().map(TelemetrySendCommand::describe).toList());
        return document;
    }

    private static Map<String, Object> describe(SignalResult result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("signal", result.signal().id());
        document.put("sent", result.delivery().sent());
        document.put("exportError", result.delivery() instanceof Delivery.Failed failed
                ? Optional.of(failed.reason()) : Optional.empty());
        document.put("httpStatus", result.delivery() instanceof Delivery.Failed failed
                ? failed.httpStatus() : Optional.empty());
        document.put("accepted", result.accepted().id());
        document.put("acceptedCounter", result.signal().acceptedCounter());
        document.put("acceptedBefore", result.before().accepted());
        document.put("acceptedAfter", result.after().accepted());
        document.put("acceptedDelta", result.acceptedDelta());
        document.put("refusedCounter", result.signal().refusedCounter());
        document.put("refusedBefore", result.before().refused());
        document.put("refusedAfter", result.after().refused());
        document.put("refusedDelta", result.refusedDelta());
        document.put("explanation", result.explanation());
        return document;
    }
}
