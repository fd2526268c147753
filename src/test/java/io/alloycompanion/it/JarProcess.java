package io.alloycompanion.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code target/alloy-companion.jar} as a user would, in its own JVM. */
final class JarProcess {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private JarProcess() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("app.jar", "target/alloy-companion.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `mvn package`");
        }
        return jar;
    }

    static ProcessBuilder builder(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs a CLI command with no display and waits for it. */
    static Result run(Path home, String... args) throws IOException, InterruptedException {
        return run(home, new byte[0], args);
    }

    /** Runs a CLI command with {@code stdin} piped in (never through a file, so a token leaves no copy on disk). */
    static Result run(Path home, byte[] stdin, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = builder(Map.of("ALLOY_COMPANION_HOME", home.toString()), args);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Path out = Files.createTempFile(home.getParent(), "stdout", ".txt");
        Path err = Files.createTempFile(home.getParent(), "stderr", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var input = process.getOutputStream()) {
            input.write(stdin);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("`alloy-companion " + String.join(" ", args) + "` did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
