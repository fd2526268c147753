package io.alloycompanion.core.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Dashboards written back look as Grafana writes them, or as the file was laid out before. */
class DashboardJsonTest {

    private static String roundTrip(String text) throws IOException {
        return DashboardJson.write(DashboardJson.parse(text), DashboardJson.Layout.of(text));
    }

    @Test
    void aGrafanaExportIsWrittenBackByteForByte() throws IOException {
        for (Path file : new Path[] {Path.of("resources/stack/dashboards/starter.json"),
                DashboardMigrationTest.FIXTURES.resolve("dashboards/services/checkout.json"),
                DashboardMigrationTest.FIXTURES.resolve("dashboards/prometheus-only.json")}) {
            String text = Files.readString(file);
            assertThat(roundTrip(text)).as(file.toString()).isEqualTo(text);
        }
    }

    @Test
    void anotherIndentationLineEndingOrAMinifiedFileKeepsItsLayout() throws IOException {
        assertThat(roundTrip("{\n    \"a\": [\n        1,\n        {}\n    ],\n    \"b\": []\n}"))
                .isEqualTo("{\n    \"a\": [\n        1,\n        {}\n    ],\n    \"b\": []\n}");
        assertThat(roundTrip("{\r\n\t\"a\": {\r\n\t\t\"b\": true\r\n\t}\r\n}\r\n"))
                .isEqualTo("{\r\n\t\"a\": {\r\n\t\t\"b\": true\r\n\t}\r\n}\r\n");
        assertThat(roundTrip("{\"a\":[1,2],\"b\":{\"c\":null}}\n")).isEqualTo("{\"a\":[1,2],\"b\":{\"c\":null}}\n");
    }

    @Test
    void numbersUnicodeAndKeyOrderAreKept() throws IOException {
        String text = "{\n  \"z\": 1.50,\n  \"a\": 0.95,\n  \"big\": 12345678901234567890,\n  \"title\": \"Café — ü <b>&amp;</b> / \\\"q\\\"\"\n}";
        assertThat(roundTrip(text)).isEqualTo(text);
        assertThat(roundTrip("\uFEFF{\n  \"a\": 1\n}")).isEqualTo("\uFEFF{\n  \"a\": 1\n}");
    }

    @Test
    void pointersEscapeSlashesAndTildes() {
        assertThat(DashboardJson.pointer(DashboardJson.pointer("", "a/b"), "c~d")).isEqualTo("/a~1b/c~0d");
        assertThat(DashboardJson.pointer("/panels", 3)).isEqualTo("/panels/3");
    }
}
