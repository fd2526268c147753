package io.alloycompanion.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void systemMapsTheOsLocaleOntoAShippedLanguage() {
        assertThat(Language.SYSTEM.resolve(Locale.forLanguageTag("es-MX"))).isEqualTo(Locale.forLanguageTag("es"));
        assertThat(Language.SYSTEM.resolve(Locale.forLanguageTag("pt-PT"))).isEqualTo(Locale.forLanguageTag("pt-BR"));
        assertThat(Language.SYSTEM.resolve(Locale.forLanguageTag("pt-BR"))).isEqualTo(Locale.forLanguageTag("pt-BR"));
        assertThat(Language.SYSTEM.resolve(Locale.GERMANY)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void anExplicitChoiceWinsOverTheOs() {
        assertThat(Language.SPANISH.resolve(Locale.US)).isEqualTo(Locale.forLanguageTag("es"));
        assertThat(Language.ENGLISH.resolve(Locale.forLanguageTag("pt-BR"))).isEqualTo(Locale.ENGLISH);
    }
}
