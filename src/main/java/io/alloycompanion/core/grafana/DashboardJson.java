package io.alloycompanion.core.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * Reads and writes dashboard JSON the way Grafana exports it ({@code JSON.stringify(dashboard, null, 2)}): keys in
 * their order, {@code "key": value}, one array element per line, {@code []} and {@code {}} when empty, numbers as
 * written ({@code 1.50} stays {@code 1.50}). A file that uses another indentation or line ending keeps its own.
 */
final class DashboardJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private DashboardJson() {
    }

    /** How a file is laid out: its indentation unit, line ending, whether it ends with one; minified files stay so. */
    record Layout(String indent, String newline, boolean finalNewline, boolean minified, boolean byteOrderMark) {

        static final Layout GRAFANA = new Layout("  ", "\n", false, false, false);

        static Layout of(String text) {
            boolean bom = text.startsWith("\uFEFF");
            String body = bom ? text.substring(1) : text;
            String newline = body.contains("\r\n") ? "\r\n" : "\n";
            String trimmed = body.strip();
            boolean finalNewline = body.endsWith("\n");
            if (!trimmed.contains("\n")) {
                return new Layout("", newline, finalNewline, true, bom);
            }
            String indent = "  ";
            for (String line : trimmed.split("\r?\n")) {
                int width = 0;
                while (width < line.length() && (line.charAt(width) == ' ' || line.charAt(width) == '\t')) {
                    width++;
                }
                if (width > 0 && width < line.length()) {
                    indent = line.substring(0, width);
                    break;
                }
            }
            return new Layout(indent, newline, finalNewline, false, bom);
        }
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    static String write(JsonNode node, Layout layout) {
        try {
            String body = layout.minified() ? MAPPER.writeValueAsString(node)
                    : MAPPER.writer(printer(layout)).writeValueAsString(node);
            return (layout.byteOrderMark() ? "\uFEFF" : "") + body + (layout.finalNewline() ? layout.newline() : "");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of JSON, for reports. */
    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DefaultPrettyPrinter printer(Layout layout) {
        DefaultIndenter indenter = new DefaultIndenter(layout.indent(), layout.newline());
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    /** {@code parent + "/" + key}, escaped as RFC 6901 wants ({@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
    static String pointer(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String pointer(String parent, int index) {
        return parent + "/" + index;
    }
}
