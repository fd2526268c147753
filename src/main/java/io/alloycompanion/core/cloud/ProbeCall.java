package io.alloycompanion.core.cloud;

import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.secrets.Redactor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Sends one probe request and turns what happened — an exception or a status — into a {@link ProbeResult} with
 * a precise {@link Problem}. Network failures are told apart by their exception types, not by guessing.
 */
final class ProbeCall {

    private static final int MAX_DETAIL = 300;
    private static final long MAX_BODY = 1 << 20;

    /** Decides how a probe reads a status code (a 422 is a pass for Loki and a failure elsewhere). */
    interface Reading {
        /** The problem for this answer ({@code body}: up to 1 MB of it); {@link Problem#NONE} to pass. */
        Problem problem(int status, Response response, String body);

        /** A fact worth showing with the result ({@code excerpt}: one short, redacted line of the answer). */
        default Optional<String> note(int status, String body) {
            return Optional.empty();
        }
    }

    private final String target;
    private final String url;
    private final String username;

    ProbeCall(String target, String url, String username) {
        this.target = target;
        this.url = url;
        this.username = username;
    }

    ProbeResult execute(OkHttpClient http, Request request, Reading reading, CallRegistry calls) {
        long started = System.nanoTime();
        Call call = http.newCall(request);
        calls.add(call);
        try (Response response = call.execute()) {
            String body = read(response.body());
            String detail = excerpt(body);
            int status = response.code();
            Problem problem = status == 407 ? Problem.PROXY_AUTH : reading.problem(status, response, body);
            Optional<Duration> retryAfter = problem == Problem.RATE_LIMITED ? retryAfter(response) : Optional.empty();
            Optional<String> suggested = problem == Problem.NOT_FOUND ? suggestedUrl(target, request.url()) : Optional.empty();
            return result(problem, Optional.of(status), elapsed(started), detail, suggested, retryAfter,
                    reading.note(status, detail), request.url());
        } catch (IOException e) {
            if (calls.cancelled()) {
                return skipped("cancelled", request.url(), elapsed(started));
            }
            return result(classify(e), Optional.empty(), elapsed(started), describe(e), Optional.empty(),
                    Optional.empty(), Optional.empty(), request.url());
        } finally {
            calls.remove(call);
        }
    }

    ProbeResult failed(Problem problem, String detail) {
        return new ProbeResult(target, ProbeResult.Outcome.FAILED, problem, url, username, Optional.empty(), Duration.ZERO,
                detail, Optional.empty(), Optional.empty(), ProbeMessages.english(target, problem, url, username,
                Optional.empty(), detail, Optional.empty(), Optional.empty(), hostOf(url)), Optional.empty());
    }

    /** Nothing to test: a skip, not a failure, but with the same sentence so the user knows what is missing. */
    ProbeResult notConfigured() {
        return new ProbeResult(target, ProbeResult.Outcome.SKIPPED, Problem.NOT_CONFIGURED, url, username,
                Optional.empty(), Duration.ZERO, "", Optional.empty(), Optional.empty(), ProbeMessages.english(target,
                Problem.NOT_CONFIGURED, url, username, Optional.empty(), "", Optional.empty(), Optional.empty(), ""),
                Optional.empty());
    }

    ProbeResult skipped(String why, HttpUrl at, Duration elapsed) {
        return new ProbeResult(target, ProbeResult.Outcome.SKIPPED, Problem.NONE, url, username, Optional.empty(),
                elapsed, why, Optional.empty(), Optional.empty(), ProbeMessages.label(target) + ": " + why + ".",
                Optional.empty());
    }

    ProbeResult result(Problem problem, Optional<Integer> status, Duration elapsed, String detail,
                       Optional<String> suggested, Optional<Duration> retryAfter, Optional<String> note, HttpUrl at) {
        String host = at.host() + ":" + at.port();
        String message = ProbeMessages.english(target, problem, url, username, status, detail, suggested,
                retryAfter.map(Duration::toSeconds), host);
        return new ProbeResult(target, problem == Problem.NONE ? ProbeResult.Outcome.OK : ProbeResult.Outcome.FAILED,
                problem, url, username, status, elapsed, detail, suggested, retryAfter, message, note);
    }

    static Problem classify(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return Problem.DNS;
            }
            if (cause instanceof SSLException) {
                return Problem.TLS;
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return Problem.REFUSED;
            }
            if (cause instanceof SocketTimeoutException) {
                return Problem.TIMEOUT;
            }
            String message = String.valueOf(cause.getMessage());
            // OkHttp's wording when a CONNECT through an HTTPS proxy gets 407 and no credentials are configured.
            if (message.contains("Failed to authenticate with proxy")) {
                return Problem.PROXY_AUTH;
            }
            // OkHttp's call timeout surfaces as an InterruptedIOException("timeout").
            if (cause instanceof InterruptedIOException && message.contains("timeout")) {
                return Problem.TIMEOUT;
            }
        }
        return Problem.UNEXPECTED;
    }

    /** Problems every probe reads the same way. */
    static Problem common(int status) {
        if (status == 401) {
            return Problem.UNAUTHORIZED;
        }
        if (status == 403) {
            return Problem.FORBIDDEN;
        }
        if (status == 404) {
            return Problem.NOT_FOUND;
        }
        if (status == 400) {
            return Problem.BAD_REQUEST;
        }
        if (status == 429) {
            return Problem.RATE_LIMITED;
        }
        if (status >= 500) {
            return Problem.SERVER_ERROR;
        }
        return status >= 200 && status < 300 ? Problem.NONE : Problem.UNEXPECTED;
    }

    /** The path each signal's push endpoint must have, built on the host the user gave. */
    static Optional<String> suggestedUrl(String target, HttpUrl used) {
        String base = used.scheme() + "://" + used.host() + (used.port() == HttpUrl.defaultPort(used.scheme()) ? "" : ":" + used.port());
        String path = used.encodedPath();
        return switch (target) {
            case "metrics" -> path.endsWith("/api/prom/push") ? Optional.empty() : Optional.of(base + "/api/prom/push");
            case "logs" -> path.endsWith("/loki/api/v1/push") ? Optional.empty() : Optional.of(base + "/loki/api/v1/push");
            case "otlp" -> path.startsWith("/otlp") ? Optional.empty() : Optional.of(base + "/otlp");
            default -> Optional.empty();
        };
    }

    private static Optional<Duration> retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The answer, up to {@link #MAX_BODY} bytes, so an endless body never holds the probe. */
    private static String read(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        BufferedSource source = body.source();
        source.request(MAX_BODY);
        return source.getBuffer().readUtf8(Math.min(source.getBuffer().size(), MAX_BODY));
    }

    /** One short, redacted line of the answer for messages. */
    private static String excerpt(String body) {
        String text = Redactor.global().redact(body.strip().replaceAll("\\s+", " "));
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }

    private static String describe(IOException e) {
        return Redactor.global().redact(Errors.rootMessage(e));
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    static String hostOf(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        return parsed == null ? url : parsed.host() + ":" + parsed.port();
    }
}
