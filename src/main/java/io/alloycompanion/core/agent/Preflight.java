package io.alloycompanion.core.agent;

import io.alloycompanion.core.config.Validation;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.PortProbe;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is checked before Alloy starts or reloads: the binary exists, the config is valid (the app's own validator,
 * then {@code alloy validate} when the binary has it), and every port it will listen on is free — naming who holds one.
 */
public final class Preflight {

    private static final Duration VALIDATE_TIMEOUT = Duration.ofSeconds(30);

    /** One reason not to start. */
    public record Problem(Kind kind, String message, Optional<Insight.ConfigLocation> location) {
        public enum Kind { BINARY_MISSING, CONFIG_MISSING, CONFIG_INVALID, ALLOY_VALIDATE_FAILED, PORT_IN_USE }
    }

    /** @param warnings lint warnings: shown, never blocking */
    public record Report(List<Problem> problems, List<Diagnostic> warnings) {
        public boolean passed() {
            return problems.isEmpty();
        }

        public String summary() {
            return problems.stream().map(Problem::message).reduce((a, b) -> a + "\n" + b).orElse("ready to start");
        }
    }

    private final CommandRunner runner;
    private final PortProbe ports;
    private final PortOwners owners;
    private final LintContext lint;

    public Preflight(CommandRunner runner, PortProbe ports, PortOwners owners, LintContext lint) {
        this.runner = runner;
        this.ports = ports;
        this.owners = owners;
        this.lint = lint;
    }

    /** Everything before a start. */
    public Report beforeStart(Path binary, Path config, String listenAddress) throws InterruptedException {
        List<Problem> problems = new ArrayList<>();
        if (!Files.isRegularFile(binary)) {
            problems.add(new Problem(Problem.Kind.BINARY_MISSING, "There is no Alloy at " + binary
                    + ". Install it (alloy-companion install) or choose another binary in Settings.", Optional.empty()));
        }
        Report configReport = validateConfig(binary, config, problems.isEmpty());
        problems.addAll(configReport.problems());
        Map<Integer, String> wanted = new LinkedHashMap<>();
        ListenAddress.port(listenAddress).ifPresent(port -> wanted.put(port, "Alloy's HTTP server (" + listenAddress + ")"));
        if (configReport.problems().isEmpty()) {
            try {
                for (ConfigListeners.Listener listener : ConfigListeners.of(config.toString(), Files.readString(config))) {
                    listener.port().ifPresent(port -> wanted.putIfAbsent(port, listener.component() + " (" + listener.address() + ")"));
                }
            } catch (IOException e) {
                // Reported by validateConfig already.
            }
        }
        for (Map.Entry<Integer, String> entry : wanted.entrySet()) {
            if (!ports.isFree(entry.getKey())) {
                String who = owners.of(entry.getKey()).map(owner -> ", held by " + owner).orElse("");
                problems.add(new Problem(Problem.Kind.PORT_IN_USE, "Port " + entry.getKey() + " for " + entry.getValue()
                        + " is in use" + who + ". Stop that program, or change the address in the config (or the agent's "
                        + "listen address in Settings).", Optional.empty()));
            }
        }
        return new Report(problems, configReport.warnings());
    }

    /**
     * The config alone, as before a reload: own validator (syntax and lint errors block, with line:col), then
     * {@code alloy validate} when {@code runAlloyValidate} and the binary knows the command (v1.9+).
     */
    public Report validateConfig(Path binary, Path config, boolean runAlloyValidate) throws InterruptedException {
        List<Problem> problems = new ArrayList<>();
        String text;
        try {
            text = Files.readString(config);
        } catch (MalformedInputException e) {
            return new Report(List.of(new Problem(Problem.Kind.CONFIG_INVALID, config + " is not UTF-8 text.",
                    Optional.empty())), List.of());
        } catch (IOException e) {
            return new Report(List.of(new Problem(Problem.Kind.CONFIG_MISSING, "Cannot read the config " + config + ": "
                    + e.getMessage() + ". Write one on the Config screen or with alloy-companion config generate --out "
                    + config + ".", Optional.empty())), List.of());
        }
        Validation.Report report = Validation.validate(config.toString(), text, lint);
        List<Diagnostic> warnings = new ArrayList<>();
        for (Diagnostic diagnostic : report.diagnostics()) {
            if (diagnostic.severity() == Diagnostic.Severity.ERROR) {
                problems.add(new Problem(Problem.Kind.CONFIG_INVALID, diagnostic.toString(), Optional.of(
                        new Insight.ConfigLocation(config.toString(), diagnostic.start().line(),
                                diagnostic.start().column(), diagnostic.message()))));
            } else {
                warnings.add(diagnostic);
            }
        }
        if (problems.isEmpty() && runAlloyValidate) {
            alloyValidate(binary, config).ifPresent(problems::add);
        }
        return new Report(problems, warnings);
    }

    private Optional<Problem> alloyValidate(Path binary, Path config) throws InterruptedException {
        CommandResult result;
        try {
            result = runner.run(List.of(binary.toString(), "validate", config.toString()), VALIDATE_TIMEOUT);
        } catch (IOException e) {
            return Optional.empty(); // the binary check reports a binary that cannot run
        }
        if (result.succeeded() || result.timedOut()) {
            return Optional.empty();
        }
        String output = (result.stderr() + result.stdout()).strip();
        if (output.contains("unknown command")) {
            return Optional.empty(); // before v1.9: no validate command
        }
        Optional<Insight.ConfigLocation> location = output.lines().map(Insights::location).flatMap(Optional::stream).findFirst();
        return Optional.of(new Problem(Problem.Kind.ALLOY_VALIDATE_FAILED, "alloy validate refused the config: "
                + output.lines().limit(12).reduce((a, b) -> a + "\n" + b).orElse("exit " + result.exitCode()), location));
    }
}
