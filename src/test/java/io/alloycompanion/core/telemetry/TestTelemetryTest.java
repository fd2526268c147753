package io.alloycompanion.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.platform.OperatingSystem;
import com.sun.net.httpserver.HttpServer;
import io.alloycompanion.testsupport.StandInProcess;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test telemetry through the Alloy stand-in's OTLP receiver: a real SDK, real sockets, a real separate process. */
class TestTelemetryTest {

    @TempDir
    Path temp;

    static String otlpConfig(int port, String extra) {
        return "otelcol.receiver.otlp \"default\" {\n  http {\n    endpoint = \"127.0.0.1:" + port + "\"\n  }\n\n"
                + "  output {\n    traces  = []\n    logs    = []\n    metrics = []\n  }\n}\n" + extra;
    }

    private static AlloyApi api(String listen) {
        return new AlloyApi(AlloyApi.loopbackClient(), listen);
    }

    @Test
    void allThreeAreAcceptedAndTheCountersGrowByExactlyWhatWasSent() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        int port = StandInProcess.freePort();
        try (StandInProcess alloy = StandInProcess.start(temp, otlpConfig(port, ""))) {
            URI otlp = OtlpEndpoints.fromConfig("config.alloy", java.nio.file.Files.readString(alloy.config())).orElseThrow();
            assertThat(otlp).hasToString("http://127.0.0.1:" + port);

            TelemetryReport first = new TestTelemetry(otlp, api(alloy.listen())).send();

            assertThat(first.allAccepted()).as(first.toString()).isTrue();
            assertThat(first.alloyProblem()).isEmpty();
            assertThat(first.serviceName()).isEqualTo("alloy-companion-smoke");
            assertThat(first.signals()).extracting(SignalResult::signal).containsExactly(TelemetrySignal.values());
            for (SignalResult result : first.signals()) {
                assertThat(result.delivery()).as(result.signal().id()).isEqualTo(new Delivery.Sent(1));
                assertThat(result.accepted()).isEqualTo(Acceptance.YES);
                assertThat(result.acceptedDelta()).contains(1.0);
                assertThat(result.refusedDelta()).contains(0.0);
                assertThat(result.explanation()).startsWith("Alloy accepted it: " + result.signal().acceptedCounter());
            }
            assertThat(alloy.metrics()).contains(
                    "otelcol_receiver_accepted_spans{component_id=\"otelcol.receiver.otlp.default\",component_path=\"/\","
                            + "receiver=\"otlp\",transport=\"http\"} 1");

            TelemetryReport second = new TestTelemetry(otlp, api(alloy.listen())).send();

            assertThat(second.allAccepted()).as(second.toString()).isTrue();
            assertThat(second.runId()).isNotEqualTo(first.runId());
            for (SignalResult result : second.signals()) {
                assertThat(result.before().accepted()).as("counted from the first run").contains(1.0);
                assertThat(result.after().accepted()).contains(2.0);
                assertThat(result.acceptedDelta()).contains(1.0);
            }
        }
    }

    @Test
    void nothingListeningOnTheReceiverPortGivesAClearErrorPerSignalQuickly() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        String noReceiver = "prometheus.scrape \"default\" {\n  targets    = []\n  forward_to = []\n}\n";
        int port = StandInProcess.freePort();
        try (StandInProcess alloy = StandInProcess.start(temp, noReceiver)) {
            long start = System.nanoTime();

            TelemetryReport report = new TestTelemetry(URI.create("http://127.0.0.1:" + port), api(alloy.listen())).send();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no hang").isLessThan(Duration.ofSeconds(15));
            assertThat(report.allAccepted()).isFalse();
            assertThat(report.alloyProblem()).as("Alloy itself answered").isEmpty();
            for (SignalResult result : report.signals()) {
                assertThat(result.delivery()).isInstanceOf(Delivery.Failed.class);
                Delivery.Failed failed = (Delivery.Failed) result.delivery();
                assertThat(failed.reason()).isEqualTo("nothing listens on 127.0.0.1:" + port
                        + ": is the agent running with an otelcol.receiver.otlp?");
                assertThat(failed.httpStatus()).isEmpty();
                assertThat(result.accepted()).isEqualTo(Acceptance.NO);
                assertThat(result.explanation()).startsWith("Not sent: nothing listens on 127.0.0.1:" + port);
            }
        }
    }

    @Test
    void withNoAlloyAtAllTheSendFailsAndAcceptanceIsUnknownWithoutWaiting() throws Exception {
        int otlpPort = StandInProcess.freePort();
        String listen = "127.0.0.1:" + StandInProcess.freePort();
        long start = System.nanoTime();

        TelemetryReport report = new TestTelemetry(URI.create("http://127.0.0.1:" + otlpPort), api(listen)).send();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(report.alloyProblem()).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("Nothing answers on http://" + listen).contains("Alloy's receiver counters could not be read from http://" + listen));
        assertThat(report.signals()).allSatisfy(result -> {
            assertThat(result.delivery().sent()).isFalse();
            assertThat(result.accepted()).isEqualTo(Acceptance.UNKNOWN);
            assertThat(result.before()).isEqualTo(ReceiverCounters.NONE);
        });
    }

    @Test
    void aReceiverThatRefusesIsReportedAsNotAcceptedWithItsAnswerAndTheRefusedCounter() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        int port = StandInProcess.freePort();
        try (StandInProcess alloy = StandInProcess.start(temp, otlpConfig(port, "// standin: refuse-otlp\n"))) {
            TelemetryReport report = new TestTelemetry(URI.create("http://127.0.0.1:" + port), api(alloy.listen())).send();

            assertThat(report.allAccepted()).isFalse();
            for (SignalResult result : report.signals()) {
                Delivery.Failed failed = (Delivery.Failed) result.delivery();
                assertThat(failed.httpStatus()).contains(503);
                assertThat(failed.reason()).isEqualTo("http://127.0.0.1:" + port + result.signal().path()
                        + " answered HTTP 503: data refused due to high memory usage (the receiver is refusing data for "
                        + "now)");
                assertThat(result.accepted()).isEqualTo(Acceptance.NO);
                assertThat(result.refusedDelta()).contains(1.0);
                assertThat(result.acceptedDelta()).contains(0.0);
                assertThat(result.explanation()).startsWith("Alloy refused it: " + result.signal().refusedCounter() + " 0 → 1");
            }
        }
    }

    @Test
    void anotherProgramAnsweringOnThePortIsNotTakenForAlloy() throws Exception {
        assumeTrue(OperatingSystem.current() != OperatingSystem.WINDOWS, "the stand-in is a POSIX script");
        int port = StandInProcess.freePort();
        HttpServer impostor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        impostor.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        impostor.start();
        try (StandInProcess alloy = StandInProcess.start(temp, otlpConfig(port, ""))) {
            TestTelemetry.Timing quick = new TestTelemetry.Timing(Duration.ofSeconds(5), Duration.ofSeconds(2),
                    Duration.ofSeconds(1), Duration.ofMillis(100));
            assertThat(new TestTelemetry(URI.create("http://127.0.0.1:" + port), api(alloy.listen()), quick).send()
                    .allAccepted()).as("Alloy's series exist now").isTrue();
            URI elsewhere = URI.create("http://127.0.0.1:" + impostor.getAddress().getPort());

            TelemetryReport report = new TestTelemetry(elsewhere, api(alloy.listen()), quick).send();

            assertThat(report.allAccepted()).isFalse();
            assertThat(report.signals()).allSatisfy(result -> {
                assertThat(result.delivery()).isEqualTo(new Delivery.Sent(1));
                assertThat(result.accepted()).isEqualTo(Acceptance.NO);
                assertThat(result.acceptedDelta()).contains(0.0);
                assertThat(result.explanation()).isEqualTo("Sent, and " + elsewhere + " answered OK, but "
                        + result.signal().acceptedCounter() + " did not grow within 1 s: another program (or another "
                        + "Alloy) may be listening on 127.0.0.1:" + impostor.getAddress().getPort() + ".");
            });
        } finally {
            impostor.stop(0);
        }
    }

    @Test
    void aReceiverThatNeverAnswersIsBoundedAndAnInterruptEndsTheSendAtOnce() throws Exception {
        String listen = "127.0.0.1:" + StandInProcess.freePort();
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // accepted, never answered
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "silent-receiver");
            acceptor.setDaemon(true);
            acceptor.start();
            URI otlp = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            TestTelemetry.Timing quick = new TestTelemetry.Timing(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofMillis(100));

            long start = System.nanoTime();
            TelemetryReport report = new TestTelemetry(otlp, api(listen), quick).send();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the timeouts").isLessThan(Duration.ofSeconds(8));
            assertThat(report.signals()).allSatisfy(result -> assertThat(((Delivery.Failed) result.delivery()).reason())
                    .isEqualTo("127.0.0.1:" + silent.getLocalPort() + " accepted the connection but did not answer within "
                            + "1 s: is the agent busy or stuck?"));

            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    new TestTelemetry(otlp, api(listen)).send(); // default timing: 5 s per request
                    ended.set(new AssertionError("finished without being interrupted"));
                } catch (Throwable e) {
                    ended.set(e);
                }
            }, "test-send");
            sender.start();
            Thread.sleep(700);
            long interrupted = System.nanoTime();
            sender.interrupt();
            sender.join(10_000);
            assertThat(sender.isAlive()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).as("ends soon after the interrupt")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void exportErrorBodiesAreReadAsGoogleRpcStatusOrText() {
        byte[] status = {0x08, 0x0e, 0x12, 0x03, 'b', 'a', 'd'};
        assertThat(ExportFailures.statusMessage(status)).contains("bad");
        assertThat(ExportFailures.statusMessage("Service Unavailable\n".getBytes())).contains("Service Unavailable");
        assertThat(ExportFailures.statusMessage(new byte[0])).isEmpty();
        assertThat(ExportFailures.statusMessage(new byte[] {(byte) 0xff, 0x01, 0x02})).isEmpty();
        assertThat(Optional.of(OtlpEndpoints.hostPort(URI.create("https://example.test/otlp")))).contains("example.test:443");
    }
}
