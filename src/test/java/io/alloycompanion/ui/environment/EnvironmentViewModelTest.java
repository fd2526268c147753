package io.alloycompanion.ui.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.doctor.DoctorReport.Severity;
import io.alloycompanion.core.doctor.DoctorService;
import io.alloycompanion.core.doctor.DoctorServiceTestProbes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentViewModelTest {

    @TempDir
    Path temp;

    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    private final Localization l10n = new Localization(Locale.ENGLISH);

    private EnvironmentViewModel model() {
        var env = new Environment(OperatingSystem.LINUX, Architecture.AMD64, Map.of("ALLOY_COMPANION_HOME", temp.toString()), temp);
        var doctor = new DoctorService(env, AppDirectories.resolve(env), DoctorServiceTestProbes.healthy());
        return new EnvironmentViewModel(doctor, executor, l10n,
                Clock.fixed(Instant.parse("2026-11-21T09:05:00Z"), ZoneOffset.UTC));
    }

    @Test
    void refreshShowsLocalizedRowsAndTheTime() {
        EnvironmentViewModel model = model();
        List<Double> progress = new ArrayList<>();
        model.progressProperty().addListener((obs, old, value) -> progress.add(value.doubleValue()));

        model.refresh();
        assertThat(model.busyProperty().get()).isTrue();
        executor.runAll();
        assertThat(model.busyProperty().get()).isFalse();

        assertThat(model.rows()).hasSize(7);
        assertThat(model.rows().get(0).title()).isEqualTo("System");
        assertThat(model.rows()).extracting(EnvironmentRow::severity).containsOnly(Severity.OK);
        assertThat(model.rows()).extracting(EnvironmentRow::text)
                .contains("Docker 27.3.1 answers at unix:///var/run/docker.sock.", "Alloy v1.18.0 at /usr/bin/alloy (PATH).");
        // The JDK's own short time format: "9:05 AM" on 17, with a narrow no-break space on 20+.
        assertThat(model.statusProperty().get()).isEqualTo("Checked at "
                + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(Locale.ENGLISH).format(LocalTime.of(9, 5)));
        assertThat(progress).contains(1.0);
        assertThat(model.reportJson()).hasValueSatisfying(json -> assertThat(json).contains("\"schemaVersion\" : 1"));
    }

    @Test
    void rowsFollowALanguageSwitch() {
        EnvironmentViewModel model = model();
        model.refresh();
        executor.runAll();
        l10n.setLocale(Locale.forLanguageTag("pt-BR"));
        assertThat(model.rows().get(3).title()).isEqualTo("Chaveiro");
        assertThat(model.rows().get(3).text()).isEqualTo("O chaveiro do sistema funciona (GNOME_KEYRING).");
    }

    @Test
    void cancelKeepsTheLastReportAndSaysSo() {
        EnvironmentViewModel model = model();
        model.refresh();
        executor.runAll();
        var first = model.reportProperty().get();

        model.refresh();
        model.cancel();

        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("Check cancelled.");
        assertThat(model.reportProperty().get()).isSameAs(first);
        assertThat(model.rows()).hasSize(7);
    }

    @Test
    void oneCheckAtATimeWhoeverAsks() {
        EnvironmentViewModel model = model();
        List<String> heard = new ArrayList<>();
        var wizardHandle = model.check((fraction, message) -> heard.add("wizard " + fraction), () -> heard.add("wizard done"));
        model.refresh();
        var screenHandle = model.check((fraction, message) -> { }, () -> heard.add("screen done"));

        assertThat(executor.pending()).isEqualTo(1);
        assertThat(screenHandle).isSameAs(wizardHandle);
        executor.runAll();
        assertThat(heard).contains("wizard 1.0").containsSubsequence("wizard done", "screen done");
    }

    @Test
    void theScreensCancelStopsACheckTheWizardStarted() {
        EnvironmentViewModel model = model();
        List<String> heard = new ArrayList<>();
        model.check((fraction, message) -> { }, () -> heard.add("wizard done"));
        model.cancel();
        assertThat(heard).containsExactly("wizard done");
        assertThat(executor.pending()).isZero();
        assertThat(model.busyProperty().get()).isFalse();
    }
}
