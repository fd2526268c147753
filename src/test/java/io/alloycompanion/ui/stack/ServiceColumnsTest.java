package io.alloycompanion.ui.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.ui.common.Localization;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ServiceColumnsTest {

    @Test
    void dockersContainerStatesAreSaidInTheUsersLanguageAndAnUnknownOneAsDockerWroteIt() {
        Localization es = new Localization(Locale.forLanguageTag("es"));
        assertThat(ServiceColumns.stateText(es, "running")).isEqualTo("en marcha");
        assertThat(ServiceColumns.stateText(es, "exited")).isEqualTo("terminado");
        assertThat(ServiceColumns.stateText(new Localization(Locale.forLanguageTag("pt-BR")), "missing")).isEqualTo("não existe");
        assertThat(ServiceColumns.stateText(es, "—")).isEqualTo("—");
    }
}
