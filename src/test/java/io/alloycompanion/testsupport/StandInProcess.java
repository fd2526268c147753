package io.alloycompanion.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Test code only: the Alloy stand-in started as {@code alloy run --server.http.listen-addr=ADDR CONFIG} in a process
 * of its own (the release script, which execs a JVM), ready when {@code /-/ready} answers 200; closing it sends
 * SIGTERM, then kills what is left.
 */
public final class StandInProcess implements AutoCloseable {

    private final Process process;
    private final String listen;
    private final Path config;
    private final Path log;

    private StandInProcess(Process process, String listen, Path config, Path log) {
        this.process = process;
        this.listen = listen;
        this.config = config;
        this.log = log;
    }

    /** Writes {@code configText} to {@code folder/config.alloy} and runs the stand-in on a free port until ready. */
    public static StandInProcess start(Path folder, String configText) throws IOException, InterruptedException {
        Path binary = AlloyStandIn.install(folder.resolve("bin"), "v1.18.0");
        Path config = Files.writeString(folder.resolve("config.alloy"), configText);
        String listen = "127.0.0.1:" + freePort();
        Path log = folder.resolve("alloy.log");
        Process process = new ProcessBuilder(binary.toString(), "run", "--server.http.listen-addr=" + listen,
                "--storage.path=" + folder.resolve("data"), config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        StandInProcess standIn = new StandInProcess(process, listen, config, log);
        try {
            standIn.awaitReady(Duration.ofSeconds(30));
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            standIn.close();
            throw e;
        }
        return standIn;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String listen() {
        return listen;
    }

    public Path config() {
        return config;
    }

    /** What the stand-in wrote (logfmt) so far. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Alloy's /metrics text. */
    public String metrics() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://" + listen + "/metrics")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitReady(Duration limit) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the stand-in exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://" + listen + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the stand-in was not ready within " + limit.toSeconds() + " s:\n" + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
