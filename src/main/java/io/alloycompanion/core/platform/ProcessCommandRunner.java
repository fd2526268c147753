package io.alloycompanion.core.platform;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Runs commands as real child processes; each output stream is drained on its own thread. */
public final class ProcessCommandRunner implements CommandRunner {

    private static final ExecutorService READERS = ThreadPools.cached("command-output");
    private static final int MAX_CAPTURE_BYTES = 4 * 1024 * 1024;

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(command, new byte[0], timeout);
    }

    @Override
    public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        feed(process.getOutputStream(), stdin);
        boolean finished = waitOrKill(process, timeout);
        return new CommandResult(finished ? process.exitValue() : -1, collect(stdout), collect(stderr), !finished);
    }

    /**
     * Writes the input on its own thread, then closes the pipe so the command sees end of input. Off the caller's
     * thread because a command that does not read would otherwise block us on a full pipe, past the timeout.
     */
    private static void feed(OutputStream in, byte[] stdin) throws IOException {
        if (stdin.length == 0) {
            in.close();
            return;
        }
        READERS.execute(() -> {
            try (in) {
                in.write(stdin);
            } catch (IOException e) {
                // The command exited without reading it all (a broken pipe); its exit code says what happened.
            }
        });
    }

    @Override
    public CommandResult stream(List<String> command, Consumer<String> lines, Duration timeout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        StringBuilder all = new StringBuilder();
        Thread reader = ThreadPools.start("command-lines", () -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), Charset.defaultCharset()))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (all) {
                        if (all.length() < MAX_CAPTURE_BYTES) { // every line is handed on; the result keeps the start
                            all.append(line).append('\n');
                        }
                    }
                    lines.accept(line);
                }
            } catch (IOException e) {
                // The process was killed; what was read was handed on already.
            }
        });
        boolean finished = waitOrKill(process, timeout);
        reader.join(TimeUnit.SECONDS.toMillis(5));
        synchronized (all) {
            return new CommandResult(finished ? process.exitValue() : -1, all.toString(), "", !finished);
        }
    }

    /** Waits for the process; kills it (and its children) on timeout or interrupt. */
    private static boolean waitOrKill(Process process, Duration timeout) throws InterruptedException {
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        if (!finished) {
            kill(process);
        }
        return finished;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            var buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            try (stream) {
                int read;
                while ((read = stream.read(chunk)) >= 0) {
                    // Keep reading past the cap so the child never blocks on a full pipe.
                    if (buffer.size() < MAX_CAPTURE_BYTES) {
                        buffer.write(chunk, 0, Math.min(read, MAX_CAPTURE_BYTES - buffer.size()));
                    }
                }
            } catch (IOException e) {
                // The stream closes when the process is killed; what was read so far is still worth keeping.
            }
            return buffer.toString(Charset.defaultCharset());
        }, READERS);
    }

    private static String collect(CompletableFuture<String> output) throws InterruptedException {
        try {
            return output.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }
}
