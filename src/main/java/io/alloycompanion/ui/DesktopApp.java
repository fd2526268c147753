package io.alloycompanion.ui;

import io.alloycompanion.core.cloud.ConnectionTester;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.cloud.StackDiscovery;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.install.AlloyInstaller;
import io.alloycompanion.core.install.Downloader;
import io.alloycompanion.core.install.PackageManagers;
import io.alloycompanion.core.install.ReleaseSource;
import io.alloycompanion.core.install.ServiceSetup;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.EnvironmentProxySelector;
import io.alloycompanion.core.platform.OsAppearance;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.secrets.EncryptedFileSecretStore;
import io.alloycompanion.core.secrets.KeychainProbe;
import io.alloycompanion.core.secrets.KeychainSecretStore;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.settings.Settings;
import io.alloycompanion.core.settings.SettingsStore;
import io.alloycompanion.core.settings.WindowBounds;
import io.alloycompanion.core.stack.DockerEngineLocator;
import io.alloycompanion.ui.common.ErrorDialog;
import io.alloycompanion.ui.credentials.CredentialsServices;
import io.alloycompanion.ui.credentials.DesktopSecretStores;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.SettingsWriter;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.wizard.InstallStep;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: reads settings off the FX thread, then shows the main window. */
public final class DesktopApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    private static final double DEFAULT_WIDTH = 1100;
    private static final double DEFAULT_HEIGHT = 720;

    private static Environment environment;
    private static AppDirectories directories;

    private SettingsStore store;
    private SettingsWriter settings;
    private Optional<SettingsStore.Problem> settingsProblem = Optional.empty();
    private UiContext context;
    private Stage stage;

    public static void launchApp(Environment env, AppDirectories dirs) {
        environment = env;
        directories = dirs;
        Application.launch(DesktopApp.class);
    }

    /** Runs on the launcher thread, not the FX thread: the place for start-up I/O. */
    @Override
    public void init() {
        store = new SettingsStore(directories.settingsFile());
        SettingsStore.LoadResult loaded = store.load();
        settingsProblem = loaded.problem();
        var runner = new ProcessCommandRunner();
        ThemeManager themes = new ThemeManager(() -> new OsAppearance(environment, runner).prefersDark().orElse(false));
        // Asked up front (it may run a command) so switching to "follow the OS" later never blocks the FX thread.
        themes.readOsAppearance();
        Localization localization = new Localization(loaded.settings().language().resolve(Locale.getDefault()));
        ErrorDialog errors = new ErrorDialog(localization);
        settings = new SettingsWriter(store, errors::show);
        var alloy = new AlloyDetector(environment, runner, directories.data().resolve("alloy"));
        var probes = DoctorService.realProbes(environment, new DockerEngineLocator(environment), new KeychainProbe(),
                alloy, new PortProbe());
        Downloader downloader = new Downloader(EnvironmentProxySelector.forMachine(environment));
        Function<Optional<String>, AlloyInstaller> installers = mirror -> new AlloyInstaller(downloader,
                mirror.map(url -> ReleaseSource.mirror(url, downloader)).orElseGet(() -> ReleaseSource.github(downloader)),
                runner, environment.os(), environment.arch());
        CredentialsServices credentials = credentialServices();
        context = new UiContext(directories, settings, new DoctorService(environment, directories, probes), alloy,
                installers, LintContext.fromEnvironment(environment::variable), themes, localization, errors,
                new FxTaskExecutor(errors::show), Optional.of(new InstallStep.OtherModes(new ServiceSetup(environment, runner),
                        new PackageManagers(runner),
                        () -> settings.current().configFile().map(Path::of).orElse(directories.data().resolve("config.alloy")),
                        directories.data().resolve("alloy-data"), environment.os(), credentials.manager()::activeToken,
                        directories.data())), credentials);
    }

    /** Tokens in the OS keychain (or the encrypted file, or memory), probes through the user's proxy. */
    private CredentialsServices credentialServices() {
        DesktopSecretStores stores = new DesktopSecretStores(new KeychainSecretStore(), new MemorySecretStore(),
                passphrase -> new EncryptedFileSecretStore(directories.data().resolve(EncryptedFileSecretStore.FILE_NAME), passphrase));
        ConnectionTester tester = new ConnectionTester(EnvironmentProxySelector.forMachine(environment));
        return new CredentialsServices(new CredentialManager(new ProfileStore(directories.config().resolve("profiles.json")),
                stores), stores, tester, () -> new StackDiscovery(tester, settings.current().grafanaComApiBase()));
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        context.errors().installAsDefaultHandler();
        context.errors().setOwner(primaryStage);
        Settings current = settings.current();
        context.themes().apply(current.theme());
        context.openLinksWith(url -> getHostServices().showDocument(url));
        context.start();

        context.attach(stage, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        stage.getIcons().add(new Image(DesktopApp.class.getResourceAsStream("/icons/app-icon-256.png")));
        stage.setMinWidth(760);
        stage.setMinHeight(520);
        current.window().ifPresent(this::restore);
        stage.show();
        Platform.runLater(() -> {
            LOG.info("Startup: main window shown {} ms after JVM start",
                    System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
            if (Boolean.getBoolean(EXIT_WHEN_SHOWN)) {
                // A training start for the class-data archive (the installer build records the classes it loaded).
                Platform.exit();
            }
        });
        LOG.info("JVM: Java {}, collectors {}, max heap {} MiB", Runtime.version(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(bean -> bean.getName()).toList(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        settingsProblem.ifPresent(this::reportSettingsProblem);
    }

    /**
     * A system property for the installer build: start to the main window, then quit, so that
     * {@code -XX:DumpLoadedClassList} records the classes a start needs.
     */
    public static final String EXIT_WHEN_SHOWN = "alloycompanion.exitWhenShown";

    private void restore(WindowBounds bounds) {
        boolean onAScreen = !Screen.getScreensForRectangle(bounds.x(), bounds.y(), bounds.width(), bounds.height()).isEmpty();
        // A window saved on a monitor that is gone opens at the default place instead of off-screen.
        if (onAScreen && bounds.width() >= stage.getMinWidth() && bounds.height() >= stage.getMinHeight()) {
            stage.setX(bounds.x());
            stage.setY(bounds.y());
            stage.setWidth(bounds.width());
            stage.setHeight(bounds.height());
        }
        stage.setMaximized(bounds.maximized());
    }

    private void reportSettingsProblem(SettingsStore.Problem problem) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.initOwner(stage);
        alert.setTitle(context.localization().get("app.title"));
        alert.setHeaderText(context.localization().get("settings.corrupt.header"));
        alert.setContentText(problem.movedTo()
                .map(movedTo -> context.localization().get("settings.corrupt.text", movedTo, problem.reason()))
                .orElseGet(() -> context.localization().get("settings.unreadable.text", store.file(), problem.reason())));
        alert.show();
    }

    @Override
    public void stop() {
        try {
            context.agent().shutdown(); // Alloy ends with the app; the supervisor's shutdown hook covers a crash
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stage == null) {
            return;
        }
        WindowBounds bounds = new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized());
        try {
            if (!settings.updateAndFinish(current -> current.withWindow(bounds), Duration.ofSeconds(5))) {
                LOG.warn("Settings were still being written when the app closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
