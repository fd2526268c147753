package io.alloycompanion.testsupport;

import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.install.AlloyInstaller;
import io.alloycompanion.core.install.Downloader;
import io.alloycompanion.core.install.ReleaseSource;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.settings.Settings;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.ui.UiContext;
import io.alloycompanion.ui.common.ErrorDialog;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.ThemeManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A newcomer's computer for walking the whole wizard against real programs and sockets: nothing installed (no Alloy
 * on PATH), Alloy releases on a local server (the stand-in, verified like a real download), a "Grafana Cloud" whose
 * metrics endpoint is a real Prometheus with basic auth when {@code scripts/test-services.sh} runs (else a local
 * server that checks basic auth the same way), a Loki push endpoint, and the user's app with a {@code /metrics}
 * page and a front end. The app itself is the real {@link UiContext} with in-memory token stores.
 */
public final class NewcomerScenario implements AutoCloseable {

    /** What the metrics endpoint accepts: the "token" is Prometheus' basic-auth password. */
    public record MetricsEndpoint(String url, String username, String password, boolean realPrometheus) {
    }

    private final Path home;
    private final ReleaseServer releases;
    private final MockWebServer cloud = new MockWebServer();
    private final MockWebServer app = new MockWebServer();
    private final MetricsEndpoint metrics;
    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    private SettingsWriter writer;

    public NewcomerScenario(Path home) throws IOException {
        this.home = home;
        releases = new ReleaseServer().publish("v1.18.0", "alloy-linux-amd64.zip").latest("v1.18.0");
        Optional<String> prometheus = TestServices.optional("ALLOY_COMPANION_TEST_PROMETHEUS_URL");
        String fakePassword = "local" + Long.toHexString(System.nanoTime());
        cloud.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath() == null ? "" : request.getPath();
                if (path.startsWith("/loki/api/v1/push")) {
                    return new MockResponse().setResponseCode(204);
                }
                if (path.startsWith("/api/v1/write")) {
                    String expected = okhttp3.Credentials.basic("1234567", fakePassword);
                    return new MockResponse().setResponseCode(expected.equals(request.getHeader("Authorization")) ? 204 : 401);
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        cloud.start(InetAddress.getLoopbackAddress(), 0);
        metrics = prometheus.isPresent()
                ? new MetricsEndpoint(prometheus.get() + "/api/v1/write", TestServices.optional("ALLOY_COMPANION_TEST_PROMETHEUS_USER").orElseThrow(),
                        TestServices.optional("ALLOY_COMPANION_TEST_PROMETHEUS_PASSWORD").orElseThrow(), true)
                : new MetricsEndpoint(cloud.url("/api/v1/write").toString(), "1234567", fakePassword, false);
        app.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return "/metrics".equals(request.getPath())
                        ? new MockResponse().setBody("# TYPE worker_jobs_total counter\nworker_jobs_total 42\nup 1\n")
                        : new MockResponse().setBody("<html><body>the app</body></html>");
            }
        });
        app.start(InetAddress.getLoopbackAddress(), 0);
    }

    public MetricsEndpoint metrics() {
        return metrics;
    }

    public String lokiUrl() {
        return cloud.url("/loki/api/v1/push").toString();
    }

    /**
     * What a newcomer types on the Credentials form for this scenario's Grafana Cloud (profile {@code dev}), by field
     * id, in the form's order.
     */
    public java.util.Map<String, String> credentialsForm(String token) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("#credentials-name", "dev");
        fields.put("#credentials-token", token);
        fields.put("#credentials-url-metrics", metrics.url());
        fields.put("#credentials-user-metrics", metrics.username());
        fields.put("#credentials-url-logs", lokiUrl());
        fields.put("#credentials-user-logs", "765432");
        return fields;
    }

    /** The user's app: {@code host:port} of its {@code /metrics} page. */
    public String appAddress() {
        return "127.0.0.1:" + app.getPort();
    }

    public String frontendUrl() {
        return app.url("/").toString();
    }

    public String releasesBase() {
        return releases.base();
    }

    public Path home() {
        return home;
    }

    public List<Throwable> unexpected() {
        return unexpected;
    }

    /**
     * The app as it starts on this computer: settings in {@code home}, the releases mirror set, nothing on PATH.
     * Call on the FX thread.
     */
    public UiContext app(Locale locale, ThemeManager themes) throws IOException {
        return app(locale, themes, UnaryOperator.identity());
    }

    /** The same, with more settings made before the app starts (e.g. the local stack's folder). */
    public UiContext app(Locale locale, ThemeManager themes, UnaryOperator<Settings> more) throws IOException {
        var env = new Environment(OperatingSystem.current(), Architecture.AMD64, Map.of("ALLOY_COMPANION_HOME", home.toString()), home);
        AppDirectories dirs = AppDirectories.resolve(env);
        Files.createDirectories(dirs.config());
        var store = new SettingsStore(dirs.settingsFile());
        store.load();
        store.update(settings -> more.apply(settings.withMirror(Optional.of(releases.base())).withTheme(ThemePreference.LIGHT)));
        writer = new SettingsWriter(store, unexpected::add);
        var runner = new ProcessCommandRunner();
        var pathEnv = new Environment(OperatingSystem.current(), Architecture.AMD64,
                Map.of("PATH", Files.createDirectories(home.resolve("empty-path")).toString()), home);
        Downloader downloader = new Downloader(ProxySelector.of(null));
        Localization l10n = new Localization(locale);
        return new UiContext(dirs, writer, new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                new AlloyDetector(pathEnv, runner, dirs.data().resolve("alloy"), home.resolve("root")),
                mirror -> new AlloyInstaller(downloader, ReleaseSource.mirror(mirror.orElse(releases.base()), downloader), runner,
                        OperatingSystem.current(), Architecture.AMD64),
                LintContext.NONE, themes, l10n, new ErrorDialog(l10n), new FxTaskExecutor(unexpected::add), Optional.empty(),
                TestCredentials.inMemory(home, "http://127.0.0.1:1"));
    }

    public Settings settings() {
        return writer.current();
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.updateAndFinish(settings -> settings, Duration.ofSeconds(5));
        }
        releases.close();
        cloud.shutdown();
        app.shutdown();
    }
}
