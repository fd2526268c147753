package io.alloycompanion.core.checks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A checklist run as a JSON document or a Markdown page, with the texts in one language. */
public final class ChecklistReport {

    public static final int SCHEMA_VERSION = 1;

    private ChecklistReport() {
    }

    /**
     * The document {@code check --json} prints and the Checklist screen exports.
     *
     * @param context what was checked (mode, config, address), put first
     */
    public static Map<String, Object> document(List<CheckResult> results, Function<Text, String> render,
                                               Map<String, Object> context, Instant at) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", SCHEMA_VERSION);
        document.put("checkedAt", at.toString());
        document.putAll(context);
        document.put("passed", results.stream().noneMatch(result -> result.status() == CheckStatus.FAIL));
        List<Map<String, Object>> list = new ArrayList<>();
        for (CheckResult result : results) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", result.id());
            entry.put("title", render.apply(result.title()));
            entry.put("status", result.status().id());
            entry.put("summary", render.apply(result.summary()));
            entry.put("evidence", result.evidence());
            entry.put("fix", result.fix().map(fix -> Map.of("id", fix.id(), "command", fix.command())).orElse(null));
            entry.put("tookMs", result.took().toMillis());
            list.add(entry);
        }
        document.put("checks", list);
        return document;
    }

    /** A Markdown page: a table of the checks, then each one's evidence. */
    public static String markdown(List<CheckResult> results, Function<Text, String> render, String heading, Instant at) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(heading).append("\n\n").append(at).append("\n\n");
        out.append("| | check | result |\n|---|---|---|\n");
        for (CheckResult result : results) {
            out.append("| ").append(symbol(result.status())).append(" | ").append(cell(render.apply(result.title())))
                    .append(" | ").append(cell(render.apply(result.summary()))).append(" |\n");
        }
        for (CheckResult result : results) {
            if (result.evidence().isEmpty()) {
                continue;
            }
            out.append("\n## ").append(render.apply(result.title())).append("\n\n");
            result.evidence().forEach((key, value) -> out.append("- `").append(key).append("`: ").append(value).append('\n'));
            result.fix().ifPresent(fix -> out.append("- fix: `").append(fix.command()).append("`\n"));
        }
        return out.toString();
    }

    public static String symbol(CheckStatus status) {
        return switch (status) {
            case PASS -> "✔";
            case WARN -> "⚠";
            case FAIL -> "✖";
            case SKIPPED -> "–";
        };
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
