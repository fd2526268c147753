package io.alloycompanion.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.core.stack.DockerEngineStatus;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.environment.EnvironmentViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentStepTest {

    @TempDir
    Path temp;

    private EnvironmentStep step(boolean dockerReachable, ModeStep mode, ControlledTaskExecutor executor) {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("ALLOY_COMPANION_HOME", temp.toString()), temp);
        var healthy = DoctorServiceTestProbes.healthy();
        var probes = new DoctorService.Probes(healthy.dockerEndpoint(), dockerReachable ? healthy.docker()
                : () -> new DockerEngineStatus(healthy.dockerEndpoint().get(), false, Optional.empty(), Optional.empty(),
                        Optional.of("connection refused")),
                healthy.keychain(), healthy.alloy(), healthy.inspectAlloy(), healthy.portFree(), healthy.display());
        var doctor = new DoctorService(env, AppDirectories.resolve(env), probes);
        var environment = new EnvironmentViewModel(doctor, executor, new Localization(Locale.ENGLISH), Clock.systemUTC());
        return new EnvironmentStep(environment, mode);
    }

    @Test
    void validOnceTheCheckHasRun() {
        var executor = new ControlledTaskExecutor();
        var mode = new ModeStep();
        mode.modeProperty().set(SetupMode.GRAFANA_CLOUD);
        EnvironmentStep step = step(false, mode, executor);
        assertThat(step.valid().get()).isFalse();

        step.enterAction().orElseThrow().start((fraction, message) -> { }, () -> { });
        executor.runAll();

        assertThat(step.valid().get()).isTrue();
        assertThat(step.dockerMissingForStack().get()).isFalse();
    }

    @Test
    void theLocalStackNeedsDocker() {
        var executor = new ControlledTaskExecutor();
        var mode = new ModeStep();
        mode.modeProperty().set(SetupMode.LOCAL_STACK);
        EnvironmentStep step = step(false, mode, executor);
        step.enterAction().orElseThrow().start((fraction, message) -> { }, () -> { });
        executor.runAll();

        assertThat(step.valid().get()).isFalse();
        assertThat(step.dockerMissingForStack().get()).isTrue();

        mode.modeProperty().set(SetupMode.BOTH);
        assertThat(step.dockerMissingForStack().get()).as("both runs the local stack too").isTrue();
        assertThat(step.valid().get()).isFalse();
        mode.modeProperty().set(SetupMode.GRAFANA_CLOUD);
        assertThat(step.valid().get()).isTrue();
    }

    @Test
    void theLocalStackWithDockerIsValid() {
        var executor = new ControlledTaskExecutor();
        var mode = new ModeStep();
        mode.modeProperty().set(SetupMode.LOCAL_STACK);
        EnvironmentStep step = step(true, mode, executor);
        step.enterAction().orElseThrow().start((fraction, message) -> { }, () -> { });
        executor.runAll();
        assertThat(step.valid().get()).isTrue();
    }

    @Test
    void theModeIsSavedAndRestored() {
        var mode = new ModeStep();
        assertThat(mode.valid().get()).isFalse();
        mode.modeProperty().set(SetupMode.LOCAL_STACK);
        assertThat(mode.saveState()).isEqualTo(Map.of("mode", "LOCAL_STACK"));
        var restored = new ModeStep();
        restored.restoreState(Map.of("mode", "LOCAL_STACK"));
        assertThat(restored.modeProperty().get()).isEqualTo(SetupMode.LOCAL_STACK);
        restored.restoreState(Map.of("mode", "BOTH"));
        assertThat(restored.localStack().get()).isTrue();
        assertThat(restored.cloud().get()).isTrue();
        restored.restoreState(Map.of("mode", "SOMETHING_OLD"));
        assertThat(restored.modeProperty().get()).isNull();
    }
}
