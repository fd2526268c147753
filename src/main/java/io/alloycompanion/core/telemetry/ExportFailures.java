package io.alloycompanion.core.telemetry;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.export.HttpResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns what the OTLP exporter failed with into a sentence that says what failed and what to do. The HTTP status
 * comes from the SDK's {@code FailedExportException} (an internal class of the pinned SDK version: check this class
 * when upgrading OpenTelemetry).
 */
final class ExportFailures {

    private static final int MAX_BODY = 300;

    private ExportFailures() {
    }

    static Delivery.Failed explain(Throwable failure, URI endpoint, Duration timeout) {
        String where = OtlpEndpoints.hostPort(endpoint);
        if (failure == null) {
            return new Delivery.Failed("the exporter reported a failure without details (the log file may say more)",
                    Optional.empty());
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FailedExportException.HttpExportException http && http.getResponse() != null) {
                return answered(http.getResponse(), endpoint);
            }
            if (cause instanceof ConnectException) {
                return new Delivery.Failed("nothing listens on " + where
                        + ": is the agent running with an otelcol.receiver.otlp?", Optional.empty());
            }
            if (cause instanceof HttpConnectTimeoutException) {
                return new Delivery.Failed("no connection to " + where + " within the connect timeout: is a firewall "
                        + "dropping it, or is the host down?", Optional.empty());
            }
            if (cause instanceof HttpTimeoutException) {
                return new Delivery.Failed(where + " accepted the connection but did not answer within "
                        + timeout.toSeconds() + " s: is the agent busy or stuck?", Optional.empty());
            }
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return new Delivery.Failed("cannot resolve " + endpoint.getHost() + ": check the host name in the URL",
                        Optional.empty());
            }
            if (cause instanceof SSLException) {
                return new Delivery.Failed("TLS with " + where + " failed (" + cause.getMessage() + "): an Alloy "
                        + "receiver without a tls block speaks plain http://", Optional.empty());
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root
                && !(root instanceof IOException)) {
            root = root.getCause();
        }
        return new Delivery.Failed("the request to " + endpoint + " failed: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()), Optional.empty());
    }

    private static Delivery.Failed answered(HttpResponse response, URI endpoint) {
        int status = response.getStatusCode();
        String body = statusMessage(response.getResponseBody()).map(text -> ": " + text).orElse("");
        String hint;
        if (status == 404) {
            hint = " (no such path: is this an OTLP/HTTP receiver, and is the base URL right?)";
        } else if (status == 401 || status == 403) {
            hint = " (the receiver wants credentials: the local Alloy receiver normally does not)";
        } else if (status == 429 || status == 503) {
            hint = " (the receiver is refusing data for now)";
        } else {
            hint = "";
        }
        return new Delivery.Failed(endpoint + " answered HTTP " + status + body + hint, Optional.of(status));
    }

    /**
     * The message of an OTLP error answer: a {@code google.rpc.Status} ({@code message} is field 2) for protobuf
     * requests, else printable text; empty for an empty or binary body.
     */
    static Optional<String> statusMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        Optional<String> fromProto = protoField2(body);
        if (fromProto.isPresent()) {
            return fromProto.map(ExportFailures::shorten);
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        boolean printable = text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t')
                && !text.contains("\uFFFD");
        return printable && !text.isEmpty() ? Optional.of(shorten(text)) : Optional.empty();
    }

    /** Field 2 (length-delimited) of a protobuf message when the whole body parses as one; else empty. */
    private static Optional<String> protoField2(byte[] body) {
        int i = 0;
        String found = null;
        try {
            while (i < body.length) {
                long key = 0;
                int shift = 0;
                while (true) {
                    byte b = body[i++];
                    key |= (long) (b & 0x7f) << shift;
                    if ((b & 0x80) == 0) {
                        break;
                    }
                    shift += 7;
                    if (shift > 63) {
                        return Optional.empty();
                    }
                }
                int field = (int) (key >>> 3);
                int wire = (int) (key & 7);
                if (field == 0) {
                    return Optional.empty();
                }
                switch (wire) {
                    case 0 -> {
                        while ((body[i++] & 0x80) != 0) {
                            // skip a varint
                        }
                    }
                    case 1 -> i += 8;
                    case 5 -> i += 4;
                    case 2 -> {
                        long length = 0;
                        shift = 0;
                        while (true) {
                            byte b = body[i++];
                            length |= (long) (b & 0x7f) << shift;
                            if ((b & 0x80) == 0) {
                                break;
                            }
                            shift += 7;
                            if (shift > 63) {
                                return Optional.empty();
                            }
                        }
                        if (length < 0 || i + length > body.length) {
                            return Optional.empty();
                        }
                        if (field == 2) {
                            found = new String(body, i, (int) length, StandardCharsets.UTF_8);
                        }
                        i += (int) length;
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
        return i == body.length && found != null && !found.isBlank() ? Optional.of(found.strip()) : Optional.empty();
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_BODY ? oneLine : oneLine.substring(0, MAX_BODY) + "…";
    }
}
