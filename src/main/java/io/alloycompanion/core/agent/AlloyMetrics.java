package io.alloycompanion.core.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Alloy's own {@code /metrics} (Prometheus text exposition) read into samples, to answer "how many samples did the
 * remote write send, how many spans did the receiver accept". Comments, blank and malformed lines are skipped.
 */
public final class AlloyMetrics {

    /** One line: a metric name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private AlloyMetrics(List<Sample> samples) {
        this.samples = Collections.unmodifiableList(samples);
    }

    public static AlloyMetrics parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            parseLine(line.strip()).ifPresent(out::add);
        }
        return new AlloyMetrics(out);
    }

    public List<Sample> samples() {
        return samples;
    }

    /**
     * The samples called {@code name}, or {@code name + "_total"} (OpenTelemetry counters gain the suffix in newer
     * builds), whose labels match.
     */
    public List<Sample> find(String name, Predicate<Map<String, String>> labels) {
        List<Sample> out = new ArrayList<>();
        for (Sample sample : samples) {
            if ((sample.name().equals(name) || sample.name().equals(name + "_total")) && labels.test(sample.labels())) {
                out.add(sample);
            }
        }
        return out;
    }

    /** The sum over every matching sample; empty when none is there (Alloy has no such component). */
    public Optional<Double> sum(String name, Predicate<Map<String, String>> labels) {
        List<Sample> found = find(name, labels);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.stream().mapToDouble(Sample::value).sum());
    }

    public Optional<Double> sum(String name) {
        return sum(name, labels -> true);
    }

    static Optional<Sample> parseLine(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        int rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int end = parseLabels(line, brace + 1, labels);
            if (end < 0) {
                return Optional.empty();
            }
            rest = end + 1;
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] parts = line.substring(rest).strip().split("\\s+");
        if (name.isEmpty() || parts.length == 0 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Sample(name, Collections.unmodifiableMap(labels), parseValue(parts[0])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static double parseValue(String text) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                return Double.parseDouble(text);
        }
    }

    /** Reads {@code a="x",b="y\"z"} up to the closing brace; returns its index, or -1 when malformed. */
    private static int parseLabels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length(); j++) {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else if (v == '"') {
                    break;
                } else {
                    value.append(v);
                }
            }
            if (j >= line.length()) {
                return -1;
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
        return -1;
    }
}
