package io.alloycompanion.core.install;

import io.alloycompanion.core.install.InstallException.Kind;
import io.alloycompanion.core.platform.ThreadPools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads release files over HTTP(S): with the proxy rules of the environment, timeouts, progress, cancellation,
 * and automatic resume (HTTP Range) when the connection breaks mid-way.
 */
public final class Downloader {

    static final int MAX_RESUMES = 3;
    private static final int CHUNK = 64 * 1024;
    /** Checks for a cancel while a read may be blocked, and aborts the call then: cancel never waits for a timeout. */
    private static final ScheduledExecutorService CANCEL_WATCH = ThreadPools.scheduler("download-cancel");
    private static final long CANCEL_POLL_MILLIS = 100;

    /** Opens the file a download is written to; tests pass one that fails like a full disk. */
    @FunctionalInterface
    interface FileOpener {
        OutputStream open(Path target, StandardOpenOption mode) throws IOException;
    }

    private final OkHttpClient http;
    private final FileOpener files;

    public Downloader(ProxySelector proxies) {
        this(new OkHttpClient.Builder()
                .proxySelector(proxies)
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(30))
                .followRedirects(true)
                .build());
    }

    Downloader(OkHttpClient http) {
        this(http, (target, mode) -> Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode));
    }

    Downloader(OkHttpClient http, FileOpener files) {
        this.http = http;
        this.files = files;
    }

    /** For tests: the proxy rules of {@link #Downloader(ProxySelector)} with another way to open files. */
    Downloader(ProxySelector proxies, FileOpener files) {
        this(new OkHttpClient.Builder().proxySelector(proxies).connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(30)).followRedirects(true).build(), files);
    }

    /**
     * A small text file (SHA256SUMS, a mirror's "latest"); fails on anything but 200, and names a web page that
     * came back instead (a captive portal). Works with and without Content-Length (chunked, gzip).
     */
    public String fetchText(String url, int maxBytes) throws InstallException {
        try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
            checkStatus(response, url);
            ResponseBody body = response.body();
            if (body == null) {
                return "";
            }
            byte[] bytes;
            try (InputStream in = body.byteStream()) {
                bytes = in.readNBytes(maxBytes + 1);
            }
            if (bytes.length > maxBytes) {
                throw new InstallException(Kind.NETWORK, url + " is larger than expected (over " + maxBytes + " bytes).");
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (response.header("Content-Type", "").toLowerCase(Locale.ROOT).startsWith("text/html")
                    || text.stripLeading().startsWith("<")) {
                throw notAZip(url);
            }
            return text;
        } catch (IOException e) {
            throw network(url, e);
        }
    }

    /**
     * Downloads {@code url} into {@code target}, resuming with a Range request when the connection breaks. On
     * failure or cancellation the partial file is deleted.
     */
    public void download(String url, Path target, DownloadProgress progress, BooleanSupplier cancelled) throws InstallException {
        boolean done = false;
        try {
            Files.deleteIfExists(target);
            for (int attempt = 0; ; attempt++) {
                try {
                    transfer(url, target, progress, cancelled);
                    done = true;
                    return;
                } catch (IOException e) {
                    if (cancelled.getAsBoolean()) {
                        throw new InstallException(Kind.CANCELLED, "Download cancelled.");
                    }
                    if (attempt >= MAX_RESUMES) {
                        throw network(url, e);
                    }
                    // Loop: the next request asks only for the missing bytes.
                }
            }
        } catch (IOException e) {
            throw new InstallException(Kind.FILESYSTEM, "Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException ignored) {
                    // Best effort: the folder may be gone too.
                }
            }
        }
    }

    private void transfer(String url, Path target, DownloadProgress progress, BooleanSupplier cancelled)
            throws IOException, InstallException {
        long existing = Files.exists(target) ? Files.size(target) : 0;
        Request.Builder request = new Request.Builder().url(url);
        if (existing > 0) {
            request.header("Range", "bytes=" + existing + "-");
        }
        Call call = http.newCall(request.build());
        ScheduledFuture<?> watch = CANCEL_WATCH.scheduleWithFixedDelay(() -> {
            if (cancelled.getAsBoolean()) {
                call.cancel();
            }
        }, CANCEL_POLL_MILLIS, CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            boolean partial = response.code() == 206;
            if (response.code() == 416) {
                Files.deleteIfExists(target); // what we have does not match the server's file: start over
                throw new IOException("range not satisfiable");
            }
            checkStatus(response, url);
            String type = response.header("Content-Type", "");
            if (type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
                throw notAZip(url);
            }
            ResponseBody body = response.body();
            if (body == null) {
                throw new IOException("empty response");
            }
            long start = partial ? existing : 0;
            long total = body.contentLength() < 0 ? -1 : start + body.contentLength();
            StandardOpenOption mode = partial ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            long began = System.nanoTime();
            long received = 0;
            try (InputStream in = body.byteStream();
                 OutputStream out = files.open(target, mode)) {
                byte[] buffer = new byte[CHUNK];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                        throw new InstallException(Kind.CANCELLED, "Download cancelled.");
                    }
                    try {
                        out.write(buffer, 0, read);
                    } catch (IOException e) {
                        throw new InstallException(Kind.FILESYSTEM, "Cannot write " + target + ": " + e.getMessage()
                                + ". Is the disk full? Free some space or choose another folder (--dir).", e);
                    }
                    received += read;
                    double seconds = Math.max(1e-3, (System.nanoTime() - began) / 1e9);
                    progress.progress(start + received, total, received / seconds);
                }
            }
            if (total >= 0 && Files.size(target) < total) {
                throw new IOException("connection closed after " + Files.size(target) + " of " + total + " bytes");
            }
        } finally {
            watch.cancel(false);
        }
    }

    private static void checkStatus(Response response, String url) throws InstallException {
        if (response.code() == 404) {
            throw new InstallException(Kind.NOT_FOUND, "Not found (HTTP 404): " + url
                    + ". Check the version, and the mirror address if you use one.");
        }
        if (!response.isSuccessful()) {
            throw new InstallException(Kind.NETWORK, "The server answered HTTP " + response.code() + " for " + url + ".");
        }
    }

    static InstallException notAZip(String url) {
        return new InstallException(Kind.NOT_A_ZIP, "A web page came back instead of the file " + url
                + ". A captive portal or a company login page may be in the way: open a browser, sign in, and try again.");
    }

    private static InstallException network(String url, IOException e) {
        return new InstallException(Kind.NETWORK, "Cannot download " + url + ": " + e.getMessage()
                + ". Check the network or the proxy (HTTPS_PROXY), or use a mirror (--mirror).", e);
    }
}
