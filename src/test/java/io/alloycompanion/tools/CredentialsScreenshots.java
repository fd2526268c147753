package io.alloycompanion.tools;

import io.alloycompanion.testsupport.FakeTokens;
import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.cloud.StackProfile;
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
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.testsupport.FakeCommandRunner;
import io.alloycompanion.testsupport.TestCredentials;
import io.alloycompanion.ui.UiContext;
import io.alloycompanion.ui.common.ErrorDialog;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.credentials.CredentialsServices;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Test tool, not a test: takes docs/screenshots/credentials-*.png — the Credentials screen (or the wizard's
 * credentials step) of the real main window after "Test all", against a local server answering like Grafana Cloud
 * does when metrics are accepted, the logs username is wrong (401) and the OTLP URL lacks /otlp (404), with a Tempo
 * host that does not resolve. Tokens stay in memory. Run by scripts/screenshots.sh (needs a display).
 */
public final class CredentialsScreenshots {

    // {"o":"1234567","n":"laptop-alloy","k":"…","m":{"r":"prod-us-east-0"}} — a made-up token, valid nowhere.
    private static final String TOKEN = FakeTokens.cloud("1234567", "laptop-alloy", "prod-us-east-0");

    private CredentialsScreenshots() {
    }

    /** Arguments: output folder, language tag (en, es, pt-BR), screen (CREDENTIALS or SETUP). */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Locale locale = Locale.forLanguageTag(args[1]);
        String screen = args[2];
        Files.createDirectories(out);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return switch (request.getPath()) {
                        case "/api/prom/push" -> new MockResponse().setResponseCode(200);
                        case "/loki/api/v1/push" -> new MockResponse().setResponseCode(401)
                                .setBody("{\"status\":\"error\",\"error\":\"authentication error: invalid token\"}");
                        default -> new MockResponse().setResponseCode(404).setBody("404 page not found");
                    };
                }
            });
            server.start(InetAddress.getLoopbackAddress(), 0);
            Platform.startup(() -> { });
            String name = "credentials-" + (screen.equals("SETUP") ? "wizard-" : "") + locale.getLanguage() + ".png";
            shoot(server, locale, screen, out.resolve(name));
            Platform.exit();
        }
    }

    private static void shoot(MockWebServer server, Locale locale, String screen, Path file) throws Exception {
        Path home = Files.createTempDirectory("credentials-shot");
        Environment env = new Environment(OperatingSystem.LINUX, Architecture.AMD64,
                Map.of("ALLOY_COMPANION_HOME", home.toString()), home);
        AppDirectories dirs = AppDirectories.resolve(env);
        Files.createDirectories(dirs.config());
        Files.writeString(dirs.settingsFile(), "{\"schemaVersion\":1,\"screen\":\"" + screen + "\",\"wizard\":{\"currentStep\":"
                + "\"credentials\",\"values\":{\"mode.mode\":\"GRAFANA_CLOUD\"},\"completed\":" + !screen.equals("SETUP") + "}}");
        CredentialsServices services = TestCredentials.inMemory(dirs.config(), server.url("/").toString());
        String base = server.url("/").toString();
        StackProfile profile = StackProfile.named("dev").withStack(Optional.of("mystack"), Optional.empty())
                .withEndpoint(Signal.METRICS, new Endpoint(base + "api/prom/push", "1234567"))
                .withEndpoint(Signal.LOGS, new Endpoint(base + "loki/api/v1/push", "1234567"))
                .withEndpoint(Signal.TRACES, new Endpoint("tempo-prod-04-prod-us-east-0.grafana.invalid:443", "345678"))
                .withEndpoint(Signal.OTLP, new Endpoint(base.substring(0, base.length() - 1), "123456"));
        services.manager().save(profile, Optional.of(Secret.of(TOKEN.toCharArray())), SecretLocation.KEYCHAIN);

        var store = new SettingsStore(dirs.settingsFile());
        store.load();
        Localization l10n = new Localization(locale);
        ErrorDialog errors = new ErrorDialog(l10n);
        Downloader downloader = new Downloader(ProxySelector.of(null));
        var runner = new FakeCommandRunner();
        Stage[] stage = new Stage[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            ThemeManager themes = new ThemeManager(() -> false);
            themes.readOsAppearance();
            var context = new UiContext(dirs, new SettingsWriter(store, Throwable::printStackTrace),
                    new DoctorService(env, dirs, DoctorServiceTestProbes.healthy()),
                    new AlloyDetector(env, runner, home.resolve("alloy"), home.resolve("root")),
                    mirror -> new AlloyInstaller(downloader, ReleaseSource.mirror("http://127.0.0.1:1/releases", downloader),
                            runner, OperatingSystem.LINUX, Architecture.AMD64),
                    LintContext.NONE, themes, l10n, errors, new FxTaskExecutor(Throwable::printStackTrace),
                    Optional.empty(), services);
            themes.apply(store.load().settings().theme());
            context.start();
            stage[0] = new Stage();
            context.attach(stage[0], 1100, 800);
            stage[0].show();
            shown.countDown();
        });
        shown.await(10, TimeUnit.SECONDS);
        Thread.sleep(1500); // the profile loads from the (memory) keychain
        Platform.runLater(() -> ((Button) stage[0].getScene().lookup("#credentials-test")).fire());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            String[] text = new String[1];
            CountDownLatch read = new CountDownLatch(1);
            Platform.runLater(() -> {
                text[0] = ((Label) stage[0].getScene().lookup("#credentials-message")).getText();
                read.countDown();
            });
            read.await();
            if (text[0].matches(".*\\d.*") && !stage[0].getScene().lookup("#credentials-cancel").isVisible()) {
                break;
            }
        }
        CountDownLatch taken = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                InstallStepScreenshots.write(stage[0].getScene().snapshot(null), file.toFile());
                System.out.println("wrote " + file);
            } finally {
                stage[0].close();
                taken.countDown();
            }
        });
        if (!taken.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no screenshot taken for " + file);
        }
    }
}
