package io.alloycompanion.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.agent.AgentState;
import io.alloycompanion.core.doctor.DoctorReport;
import io.alloycompanion.ui.common.Localization;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class MainViewModelTest {

    @Test
    void statusBarTextsFollowStateAndLanguage() {
        Localization l10n = new Localization(Locale.ENGLISH);
        var report = new SimpleObjectProperty<DoctorReport>();
        MainViewModel model = new MainViewModel(l10n, Screen.SETUP, Optional.empty(), report);

        assertThat(model.agentText().get()).isEqualTo("Agent: stopped");
        assertThat(model.profileText().get()).isEqualTo("No Grafana Cloud profile yet");
        assertThat(model.alloyText().get()).isEqualTo("Alloy: checking…");

        model.agentStateProperty().set(AgentState.READY);
        model.activeProfileProperty().set(Optional.of("prod"));
        l10n.setLocale(Locale.forLanguageTag("es"));

        assertThat(model.agentText().get()).isEqualTo("Agente: listo");
        assertThat(model.profileText().get()).isEqualTo("Perfil: prod");
    }
}
