package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.install.PackageManagers;
import io.alloycompanion.core.install.ServiceSetup;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.settings.ThemePreference;
import io.alloycompanion.core.settings.WizardState;
import io.alloycompanion.testsupport.FakeCommandRunner;
import io.alloycompanion.ui.common.FxTaskExecutor;
import io.alloycompanion.ui.common.FxmlView;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.ThemeManager;
import io.alloycompanion.ui.common.ViewLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The install step's choice of way, in Spanish: the ways are named, the package manager shows only when chosen. */
@ExtendWith(ApplicationExtension.class)
class InstallStepUiTest {

    @TempDir
    Path temp;

    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    private final FakeCommandRunner runner = new FakeCommandRunner();

    @Start
    void start(Stage stage) {
        Localization l10n = new Localization(Locale.forLanguageTag("es"));
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("PATH", temp.resolve("empty").toString()),
                temp.resolve("home"));
        InstallStep step = new InstallStep(temp.resolve("alloy"), new AlloyDetector(env, runner, temp.resolve("alloy"),
                temp.resolve("root")), mirror -> { throw new IllegalStateException("this test downloads nothing"); },
                new FxTaskExecutor(unexpected::add), l10n, Optional::empty, Optional.empty(),
                Optional.of(new InstallStep.OtherModes(new ServiceSetup(env, runner), new PackageManagers(runner),
                        () -> temp.resolve("config.alloy"), temp.resolve("alloy-data"), OperatingSystem.LINUX, Optional::empty,
                        temp)));
        WizardViewModel wizard = new WizardViewModel(List.of(step), state -> { });
        ViewLoader[] views = new ViewLoader[1];
        Map<Class<?>, Supplier<?>> controllers = Map.of(
                WizardController.class, () -> new WizardController(wizard, views[0], l10n),
                InstallStepController.class, () -> new InstallStepController(step, wizard, l10n));
        views[0] = new ViewLoader(l10n, controllers);
        ThemeManager themes = new ThemeManager(() -> false);
        themes.readOsAppearance();
        themes.apply(ThemePreference.LIGHT);
        wizard.start(WizardState.NOT_STARTED);
        Scene scene = new Scene(views[0].load(FxmlView.WIZARD).root(), 900, 620);
        themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void choosingAptShowsItsRootCommandsAndInstallRunsThemThroughPkexec(FxRobot robot) throws Exception {
        ComboBox<InstallStep.Mode> mode = robot.lookup("#install-mode").queryComboBox();
        ComboBox<PackageManagers.Manager> manager = robot.lookup("#install-manager").queryComboBox();
        assertThat(mode.getItems()).extracting(item -> mode.getConverter().toString(item)).containsExactly(
                "Solo para mí (recomendado)", "Como servicio que arranca con el equipo", "Con un gestor de paquetes");
        assertThat(mode.getValue()).isEqualTo(InstallStep.Mode.PER_USER);
        assertThat(manager.isVisible()).isFalse();

        robot.clickOn(mode).clickOn("Con un gestor de paquetes");
        assertThat(manager.isVisible()).isTrue();
        assertThat(manager.getValue()).isEqualTo(PackageManagers.Manager.APT);
        assertThat(robot.lookup("#install-version").queryAs(TextField.class).isDisabled()).isTrue();

        TextArea commands = robot.lookup("#install-root-commands").queryAs(TextArea.class);
        assertThat(commands.isVisible()).as("the root commands are shown before anything runs").isTrue();
        assertThat(commands.getText()).contains("https://apt.grafana.com").endsWith("apt-get install -y alloy");
        assertThat(runner.commands()).noneMatch(command -> command.get(0).equals("pkexec"));

        robot.clickOn("#install-start");
        Label message = robot.lookup("#install-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message.getText().contains("pkexec"));
        assertThat(message.getText()).startsWith("La instalación falló: pkexec is not available here");
        assertThat(runner.commands()).as("agreed by pressing Install: the script goes through pkexec, nothing else")
                .filteredOn(command -> !command.get(0).equals("systemctl")).containsExactly(List.of("pkexec", "/bin/sh", "-c", PackageManagers.Manager.APT.rootScript().orElseThrow()));
        robot.clickOn("#install-manager").clickOn("dnf");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(commands.getText()).contains("rpm.grafana.com");
        assertThat(unexpected).isEmpty();
    }
}
