package io.alloycompanion.core.cloud;

import io.alloycompanion.core.platform.ThreadPools;
import io.alloycompanion.core.secrets.Secret;
import java.io.IOException;
import java.net.ProxySelector;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Proves each signal's endpoint accepts the profile's credentials without pushing real data (FACTS §8): metrics —
 * a remote-write request whose body is the snappy encoding of an empty WriteRequest; logs — a Loki push of one
 * labelled stream with no entries; OTLP — {@code {}} to {@code /v1/traces}; traces — an empty OTLP gRPC export to
 * Tempo. All signals run in parallel, each within {@link #LIMIT}; the system proxy and HTTPS_PROXY are honoured.
 */
public final class ConnectionTester {

    public static final Duration LIMIT = Duration.ofSeconds(10);
    /** The snappy block encoding of an empty protobuf message: a single zero length byte. */
    private static final byte[] EMPTY_WRITE_REQUEST = {0};
    /** A gRPC frame: not compressed, length 0 (an empty ExportTraceServiceRequest). */
    private static final byte[] EMPTY_GRPC_FRAME = {0, 0, 0, 0, 0};
    private static final String LOKI_PROBE = "{\"streams\":[{\"stream\":{\"service_name\":\"alloy-companion\"},\"values\":[]}]}";
    private static final ExecutorService PROBES = ThreadPools.cached("connection-test");

    private final OkHttpClient http;

    public ConnectionTester(ProxySelector proxies) {
        this(new OkHttpClient.Builder().proxySelector(proxies).build());
    }

    /** For tests: a client that trusts a test certificate authority. */
    public ConnectionTester(OkHttpClient client) {
        this(client, LIMIT);
    }

    ConnectionTester(OkHttpClient client, Duration limit) {
        this.http = client.newBuilder().callTimeout(limit).connectTimeout(limit).readTimeout(limit)
                .retryOnConnectionFailure(false).followRedirects(false).build();
    }

    OkHttpClient http() {
        return http;
    }

    /**
     * Tests every signal the profile has an endpoint for, in parallel, handing each result to {@code each} as it
     * arrives (on a background thread). Signals without an endpoint are reported as not configured.
     */
    public List<ProbeResult> testAll(StackProfile profile, Optional<Secret> token, Consumer<ProbeResult> each,
                                     BooleanSupplier cancelled) throws InterruptedException {
        CallRegistry calls = new CallRegistry();
        List<Future<ProbeResult>> running = new ArrayList<>();
        List<ProbeResult> results = new ArrayList<>();
        for (Signal signal : Signal.values()) {
            Optional<Endpoint> endpoint = profile.endpoint(signal);
            if (endpoint.isEmpty() || !endpoint.get().isComplete()) {
                ProbeResult skipped = new ProbeCall(signal.id(), endpoint.map(Endpoint::url).orElse(""),
                        endpoint.map(Endpoint::username).orElse("")).notConfigured();
                results.add(skipped);
                each.accept(skipped);
                continue;
            }
            running.add(PROBES.submit(() -> {
                ProbeResult result = token.map(secret -> probe(signal, endpoint.get(), secret, calls))
                        .orElseGet(() -> new ProbeCall(signal.id(), endpoint.get().url(), endpoint.get().username())
                                .failed(Problem.NO_TOKEN, ""));
                each.accept(result);
                return result;
            }));
        }
        for (Future<ProbeResult> future : running) {
            results.add(await(future, calls, cancelled));
        }
        results.sort((a, b) -> Integer.compare(order(a.target()), order(b.target())));
        return List.copyOf(results);
    }

    private static int order(String target) {
        return ProbeMessages.signal(target).map(Enum::ordinal).orElse(Integer.MAX_VALUE);
    }

    private static ProbeResult await(Future<ProbeResult> future, CallRegistry calls, BooleanSupplier cancelled)
            throws InterruptedException {
        while (true) {
            if (cancelled.getAsBoolean()) {
                calls.cancelAll();
            }
            try {
                return future.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll the cancel flag again
            } catch (ExecutionException e) {
                throw new IllegalStateException("connection test failed unexpectedly", e.getCause());
            } catch (InterruptedException e) {
                calls.cancelAll();
                throw e;
            }
        }
    }

    /** Tests one signal. */
    public ProbeResult probe(Signal signal, Endpoint endpoint, Secret token) {
        return probe(signal, endpoint, token, new CallRegistry());
    }

    private ProbeResult probe(Signal signal, Endpoint endpoint, Secret token, CallRegistry calls) {
        ProbeCall call = new ProbeCall(signal.id(), endpoint.url(), endpoint.username());
        if (signal == Signal.FLEET) {
            return call.skipped("no probe that sends no data is known for Fleet Management; Alloy's remotecfg "
                    + "status shows whether it connects once the agent runs", HttpUrl.get("https://grafana.com"), Duration.ZERO);
        }
        Optional<HttpUrl> url = signal == Signal.TRACES ? grpcUrl(endpoint.url()) : httpUrl(endpoint.url());
        if (url.isEmpty()) {
            return call.failed(Problem.INVALID_URL, signal == Signal.TRACES
                    ? "expected host:443 or https://host:443" : "expected https://host/path");
        }
        String auth = basicAuth(endpoint.username(), token);
        return switch (signal) {
            case METRICS -> call.execute(http, new Request.Builder().url(url.get()).header("Authorization", auth)
                            .header("Content-Encoding", "snappy")
                            .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                            .post(RequestBody.create(EMPTY_WRITE_REQUEST, MediaType.get("application/x-protobuf"))).build(),
                    (status, response, body) -> ProbeCall.common(status), calls);
            case LOGS -> call.execute(http, new Request.Builder().url(url.get()).header("Authorization", auth)
                    .post(RequestBody.create(LOKI_PROBE, MediaType.get("application/json"))).build(), new ProbeCall.Reading() {
                        @Override
                        public Problem problem(int status, Response response, String body) {
                            // Loki ≥ 3.4 answers an entry-less push with 422 — after authenticating it.
                            return status == 422 ? Problem.NONE : ProbeCall.common(status);
                        }

                        @Override
                        public Optional<String> note(int status, String body) {
                            return status == 422 ? Optional.of("Loki answered 422 (no entries to store), which it only "
                                    + "does after accepting the credentials") : Optional.empty();
                        }
                    }, calls);
            case OTLP -> call.execute(http, new Request.Builder().url(otlpTraces(url.get())).header("Authorization", auth)
                    .post(RequestBody.create("{}", MediaType.get("application/json"))).build(), new ProbeCall.Reading() {
                        @Override
                        public Problem problem(int status, Response response, String body) {
                            // FACTS §8: any 4xx but 401/403/404 means the gateway authenticated and read the request.
                            if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 404
                                    && status != 429) {
                                return Problem.NONE;
                            }
                            return ProbeCall.common(status);
                        }

                        @Override
                        public Optional<String> note(int status, String body) {
                            return problem(status, null, body) == Problem.NONE && status >= 400
                                    ? Optional.of("the gateway answered " + status + ": " + body) : Optional.empty();
                        }
                    }, calls);
            case TRACES -> call.execute(http.newBuilder().protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1)).build(),
                    new Request.Builder().url(url.get().newBuilder()
                                    .encodedPath("/opentelemetry.proto.collector.trace.v1.TraceService/Export").build())
                            .header("Authorization", auth).header("TE", "trailers")
                            .post(RequestBody.create(EMPTY_GRPC_FRAME, MediaType.get("application/grpc"))).build(),
                    ConnectionTester::readGrpc, calls);
            case FLEET -> throw new IllegalStateException("handled above");
        };
    }

    /**
     * gRPC answers HTTP 200 and puts its verdict in {@code grpc-status} (a header for an immediate error, else a
     * trailer). An HTTP/1.1 answer means the address is not a gRPC endpoint.
     */
    private static Problem readGrpc(int status, Response response, String body) {
        if (status != 200) {
            return ProbeCall.common(status);
        }
        if (response.protocol() != Protocol.HTTP_2) {
            return Problem.UNEXPECTED;
        }
        String grpcStatus = response.header("grpc-status");
        if (grpcStatus == null) {
            try {
                grpcStatus = response.trailers().get("grpc-status");
            } catch (IOException e) {
                return Problem.UNEXPECTED;
            }
        }
        return switch (grpcStatus == null ? "" : grpcStatus.trim()) {
            case "0" -> Problem.NONE;
            case "16" -> Problem.UNAUTHORIZED;
            case "7" -> Problem.FORBIDDEN;
            case "12" -> Problem.NOT_FOUND;
            case "8" -> Problem.RATE_LIMITED;
            case "14", "13" -> Problem.SERVER_ERROR;
            // INVALID_ARGUMENT and friends come after authentication, like the OTLP gateway's 4xx.
            case "3", "9", "11" -> Problem.NONE;
            default -> Problem.UNEXPECTED;
        };
    }

    static Optional<HttpUrl> httpUrl(String url) {
        return Optional.ofNullable(HttpUrl.parse(url.strip()));
    }

    /** Tempo's OTLP gRPC address is written {@code host:443}; a scheme, if given, is tolerated. */
    static Optional<HttpUrl> grpcUrl(String address) {
        String value = address.strip();
        if (!value.contains("://")) {
            value = "https://" + value;
        }
        return Optional.ofNullable(HttpUrl.parse(value)).map(url -> url.newBuilder().encodedPath("/").build());
    }

    /** {@code <otlp url>/v1/traces}, keeping the {@code /otlp} prefix the gateway needs. */
    static HttpUrl otlpTraces(HttpUrl base) {
        String path = base.encodedPath().endsWith("/") ? base.encodedPath() : base.encodedPath() + "/";
        return base.newBuilder().encodedPath(path + "v1/traces").build();
    }

    static String basicAuth(String username, Secret token) {
        return token.reveal(chars -> {
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
            byte[] user = (username + ":").getBytes(StandardCharsets.UTF_8);
            byte[] joined = new byte[user.length + encoded.remaining()];
            System.arraycopy(user, 0, joined, 0, user.length);
            encoded.get(joined, user.length, encoded.remaining());
            try {
                return "Basic " + Base64.getEncoder().encodeToString(joined);
            } finally {
                Arrays.fill(joined, (byte) 0);
                Arrays.fill(encoded.array(), (byte) 0);
            }
        });
    }
}
