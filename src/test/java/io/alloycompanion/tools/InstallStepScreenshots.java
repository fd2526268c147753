package io.alloycompanion.tools;

import io.alloycompanion.core.install.AlloyInstaller;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.install.Downloader;
import io.alloycompanion.core.install.PackageManagers;
import io.alloycompanion.core.install.ReleaseSource;
import io.alloycompanion.core.install.ServiceSetup;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.core.settings.WizardState;
import io.alloycompanion.testsupport.ReleaseServer;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import io.alloycompanion.ui.wizard.InstallStep;
import io.alloycompanion.ui.wizard.InstallStepController;
import io.alloycompanion.ui.wizard.WizardController;
import io.alloycompanion.ui.wizard.WizardViewModel;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Test tool, not a test: takes docs/screenshots/install-progress-*.png, the "Install Alloy" step mid-download with
 * its progress bar, in each language. A throttled release server on loopback serves a padded stand-in release.
 * Run by scripts/screenshots.sh (needs a display, e.g. Xvfb).
 */
public final class InstallStepScreenshots {

    private InstallStepScreenshots() {
    }

    /**
     * Arguments: the output folder, a language tag (en, es, pt-BR), and optionally {@code apt} for the package-manager
     * choice with the root commands shown instead of a download; one screenshot per run.
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Locale locale = Locale.forLanguageTag(args.length > 1 ? args[1] : "en");
        Files.createDirectories(out);
        try (ReleaseServer server = new ReleaseServer().publish("v1.18.0", 2_000_000, "alloy-linux-amd64.zip")) {
            server.throttle("/releases/v1.18.0/alloy-linux-amd64.zip", 2);
            Platform.startup(() -> { });
            boolean apt = args.length > 2 && args[2].equals("apt");
            shoot(server, locale, out.resolve((apt ? "install-apt-" : "install-progress-") + locale.getLanguage() + ".png"), apt);
            Platform.exit();
        }
    }

    private static void shoot(ReleaseServer server, Locale locale, Path file, boolean apt) throws Exception {
        Path home = Files.createTempDirectory("install-shot");
        Localization l10n = new Localization(locale);
        var runner = new ProcessCommandRunner();
        Downloader downloader = new Downloader(ProxySelector.of(null));
        Environment env = Environment.current();
        InstallStep step = new InstallStep(home.resolve("alloy"), new AlloyDetector(
                new Environment(env.os(), env.arch(), Map.of("PATH", home.toString()), home), runner, home.resolve("alloy"),
                home.resolve("root")),
                mirror -> new AlloyInstaller(downloader, ReleaseSource.mirror(server.base(), downloader), runner, env.os(), env.arch()),
                new FxTaskExecutor(Throwable::printStackTrace), l10n, Optional::empty, Optional.empty(),
                Optional.of(new InstallStep.OtherModes(new ServiceSetup(env, runner), new PackageManagers(runner),
                        () -> home.resolve("config.alloy"), home.resolve("alloy-data"), env.os(), Optional::empty, home)));
        WizardViewModel wizard = new WizardViewModel(List.of(step), state -> { });
        ViewLoader[] views = new ViewLoader[1];
        Map<Class<?>, Supplier<?>> controllers = Map.of(
                WizardController.class, () -> new WizardController(wizard, views[0], l10n),
                InstallStepController.class, () -> new InstallStepController(step, wizard, l10n));
        views[0] = new ViewLoader(l10n, controllers);
        CountDownLatch shown = new CountDownLatch(1);
        Stage[] stage = new Stage[1];
        Platform.runLater(() -> {
            ThemeManager themes = new ThemeManager(() -> false);
            themes.readOsAppearance();
            themes.apply(ThemePreference.LIGHT);
            wizard.start(WizardState.NOT_STARTED);
            Scene scene = new Scene(views[0].load(FxmlView.WIZARD).root(), 900, 620);
            themes.style(scene);
            scene.getRoot().setStyle("-fx-padding: 20px 24px 16px 24px;");
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
            step.mirrorProperty().set(server.base());
            step.versionProperty().set("v1.18.0");
            if (apt) {
                step.modeProperty().set(InstallStep.Mode.PACKAGE_MANAGER);
                step.managerProperty().set(PackageManagers.Manager.APT);
            } else {
                step.install();
            }
            shown.countDown();
        });
        shown.await(10, TimeUnit.SECONDS);
        // Wait until the download is under way and its progress bar shows a part done.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!apt && System.nanoTime() < deadline && step.progressProperty().get() < 0.3) {
            Thread.sleep(50);
        }
        CountDownLatch taken = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                write(stage[0].getScene().snapshot(null), file.toFile());
                System.out.println("wrote " + file);
            } finally {
                step.cancel();
                stage[0].close();
                taken.countDown();
            }
        });
        if (!taken.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no screenshot taken for " + file);
        }
    }

    /** Writes a JavaFX snapshot as a PNG (shared by the screenshot tools). */
    static void write(WritableImage image, File file) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            ImageIO.write(out, "png", file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
