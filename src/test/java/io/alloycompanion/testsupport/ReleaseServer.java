package io.alloycompanion.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Test code only: a real HTTP server on loopback serving Alloy's release layout, {@code /releases/<tag>/<file>} and
 * {@code /releases/latest}, with switches to misbehave the ways real networks do.
 */
public final class ReleaseServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Set<String> html = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> cutAfter = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> delayPerKilobyte = new ConcurrentHashMap<>();

    public ReleaseServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** Publishes a release with the stand-in for each asset, and a correct SHA256SUMS. */
    public ReleaseServer publish(String tag, String... zips) {
        return publish(tag, 0, zips);
    }

    /** Like {@link #publish(String, String...)}, with {@code padding} extra bytes in each zip (a bigger download). */
    public ReleaseServer publish(String tag, int padding, String... zips) {
        StringBuilder sums = new StringBuilder();
        for (String zip : zips) {
            byte[] content = AlloyStandIn.releaseZip(zip.substring(0, zip.length() - 4), tag, padding);
            files.put("/releases/" + tag + "/" + zip, content);
            sums.append(sha256(content)).append("  ").append(zip).append('\n');
        }
        files.put("/releases/" + tag + "/SHA256SUMS", sums.toString().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public ReleaseServer latest(String tag) {
        files.put("/releases/latest", (tag + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public void put(String path, byte[] content) {
        files.put(path, content);
    }

    public byte[] get(String path) {
        return files.get(path);
    }

    /** Serves an HTML login page instead of this file, as a captive portal does. */
    public void serveHtmlFor(String path) {
        html.add(path);
    }

    /** The first request for this file is cut after {@code bytes} bytes. */
    public void cutFirstDownloadAfter(String path, int bytes) {
        cutAfter.put(path, bytes);
    }

    /** Serves this file slowly: a pause of {@code millis} after every kilobyte. */
    public void throttle(String path, int millis) {
        delayPerKilobyte.put(path, millis);
    }

    public List<String> requests() {
        return requests;
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/releases";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(path + (range == null ? "" : " " + range));
        try (exchange) {
            if (html.contains(path)) {
                byte[] page = "<!DOCTYPE html><html><body>Please sign in</body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                return;
            }
            byte[] content = files.get(path);
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int start = 0;
            if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
                start = Integer.parseInt(range.substring(6, range.length() - 1));
                exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
            }
            exchange.getResponseHeaders().set("Content-Type", path.endsWith(".zip") ? "application/zip" : "text/plain");
            exchange.sendResponseHeaders(start > 0 ? 206 : 200, content.length - start);
            OutputStream body = exchange.getResponseBody();
            Integer cut = cutAfter.remove(path);
            if (cut != null) {
                body.write(content, start, Math.min(cut, content.length - start));
                body.flush();
                // Drop the connection mid-body, as a flaky network does.
                throw new IOException("cut on purpose");
            }
            Integer delay = delayPerKilobyte.get(path);
            if (delay == null) {
                body.write(content, start, content.length - start);
                return;
            }
            for (int at = start; at < content.length; at += 1024) {
                body.write(content, at, Math.min(1024, content.length - at));
                body.flush();
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
