package io.alloycompanion.core.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points one dashboard's Jaeger datasource references at Tempo, in place, and lists what it changed. Everything that is
 * not a reference to Jaeger is left exactly as it was (including the order of keys).
 */
final class JaegerToTempo {

    static final String JAEGER = "jaeger";
    static final String TEMPO = "tempo";
    /** The input name Grafana gives an exported dashboard's Jaeger datasource when there is no other. */
    private static final String CONVENTIONAL_INPUT = "DS_JAEGER";
    private static final Pattern VARIABLE = Pattern.compile(
            "^\\$\\{([A-Za-z0-9_]+)(?::[^}]*)?}$|^\\$([A-Za-z0-9_]+)$|^\\[\\[([A-Za-z0-9_]+)(?::[^\\]]*)?]]$");
    /** Jaeger query types Tempo has no equivalent for: the query itself needs rebuilding. */
    private static final Set<String> JAEGER_ONLY_QUERIES = Set.of("search", "dependencyGraph", "upload");

    /**
     * What is known to be Jaeger (or not) beyond the dashboard itself, from the provisioned datasources.
     *
     * @param jaegerNames lower-case names of Jaeger datasources; always has "jaeger", the name Grafana suggests
     * @param jaegerUids  uids of Jaeger datasources
     * @param otherNames  lower-case names of datasources of other types, which are never taken for Jaeger
     */
    record Known(Set<String> jaegerNames, Set<String> jaegerUids, Set<String> otherNames) {

        static Known from(List<ProvisionedDatasource> provisioned) {
            Set<String> names = new HashSet<>(Set.of(JAEGER));
            Set<String> uids = new HashSet<>();
            Set<String> others = new HashSet<>();
            for (ProvisionedDatasource datasource : provisioned) {
                if (datasource.isType(JAEGER)) {
                    names.add(datasource.name().toLowerCase(Locale.ROOT));
                    datasource.uid().ifPresent(uids::add);
                } else {
                    others.add(datasource.name().toLowerCase(Locale.ROOT));
                }
            }
            others.removeAll(names);
            return new Known(Set.copyOf(names), Set.copyOf(uids), Set.copyOf(others));
        }
    }

    private final String file;
    private final String tempoUid;
    private final Known known;
    private final Set<String> jaegerInputs = new HashSet<>(Set.of(CONVENTIONAL_INPUT));
    private final Set<String> datasourceVariables = new HashSet<>();
    private final List<MigrationChange> changes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    JaegerToTempo(String file, String tempoUid, Known known) {
        this.file = file;
        this.tempoUid = tempoUid;
        this.known = known;
    }

    /** Rewrites {@code root} in place; the changes and warnings are then in {@link #changes()}, {@link #warnings()}. */
    JaegerToTempo rewrite(JsonNode root) {
        if (!(root instanceof ObjectNode dashboard)) {
            return this;
        }
        learn(dashboard);
        // A dashboard as the API returns it ({"dashboard": {...}, "meta": {...}}) has its inputs and variables inside.
        if (dashboard.get("dashboard") instanceof ObjectNode inner) {
            learn(inner);
        }
        walk(dashboard, "");
        return this;
    }

    List<MigrationChange> changes() {
        return List.copyOf(changes);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private void learn(ObjectNode dashboard) {
        for (JsonNode input : dashboard.path("__inputs")) {
            String name = input.path("name").asText("");
            if ("datasource".equals(input.path("type").asText()) && !name.isEmpty()) {
                if (JAEGER.equalsIgnoreCase(input.path("pluginId").asText())) {
                    jaegerInputs.add(name);
                } else {
                    jaegerInputs.remove(name);
                }
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("datasource".equals(variable.path("type").asText()) && variable.hasNonNull("name")) {
                datasourceVariables.add(variable.get("name").asText());
            }
        }
    }

    private void walk(JsonNode node, String at) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), DashboardJson.pointer(at, i));
            }
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        if (isDatasourceVariable(object) && object.get("query") instanceof TextNode query
                && JAEGER.equalsIgnoreCase(query.textValue())) {
            object.put("query", TEMPO);
            record(DashboardJson.pointer(at, "query"), query, object.get("query"));
        }
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode value = object.get(key);
            String here = DashboardJson.pointer(at, key);
            switch (key) {
                case "datasource" -> {
                    if (rewriteReference(object, value, here)) {
                        warnAboutQueries(object, at);
                        continue;
                    }
                }
                case "__inputs" -> {
                    if (value instanceof ArrayNode inputs) {
                        rewriteInputs(inputs, here);
                        continue;
                    }
                }
                case "__requires" -> {
                    if (value instanceof ArrayNode requires) {
                        rewriteRequires(requires, here);
                        continue;
                    }
                }
                default -> {
                    // walked below
                }
            }
            walk(value, here);
        }
    }

    /** A templating variable of type datasource: {@code {"type": "datasource", "name": …, "query": "jaeger"}}. */
    private static boolean isDatasourceVariable(ObjectNode object) {
        return "datasource".equals(object.path("type").asText()) && object.has("name") && object.has("query");
    }

    private boolean rewriteReference(ObjectNode owner, JsonNode value, String here) {
        if (value instanceof ObjectNode reference) {
            Optional<String> type = text(reference, "type");
            Optional<String> uid = text(reference, "uid");
            boolean jaeger = type.isPresent() ? type.get().equalsIgnoreCase(JAEGER)
                    : uid.filter(id -> isJaegerInput(id) || known.jaegerUids().contains(id)).isPresent();
            if (!jaeger) {
                return false;
            }
            // A datasource variable keeps its place: its query now lists Tempo datasources.
            boolean keepUid = uid.flatMap(JaegerToTempo::variableName).filter(datasourceVariables::contains).isPresent();
            ObjectNode replacement = DashboardJson.MAPPER.createObjectNode();
            if (!reference.has("type")) {
                replacement.put("type", TEMPO);
            }
            reference.fields().forEachRemaining(field -> {
                switch (field.getKey()) {
                    case "type" -> replacement.put("type", TEMPO);
                    case "uid" -> replacement.put("uid", keepUid ? uid.orElseThrow() : tempoUid);
                    default -> replacement.set(field.getKey(), field.getValue());
                }
            });
            if (!reference.has("uid")) {
                replacement.put("uid", tempoUid);
            }
            owner.set("datasource", replacement);
            record(here, reference, replacement);
            return true;
        }
        if (value instanceof TextNode text) {
            String name = text.textValue();
            if (variableName(name).filter(datasourceVariables::contains).isPresent()) {
                return false;
            }
            if (isJaegerInput(name) || isJaegerName(name)) {
                ObjectNode replacement = tempoReference();
                owner.set("datasource", replacement);
                record(here, text, replacement);
                return true;
            }
        }
        return false;
    }

    private ObjectNode tempoReference() {
        ObjectNode reference = DashboardJson.MAPPER.createObjectNode();
        reference.put("type", TEMPO);
        reference.put("uid", tempoUid);
        return reference;
    }

    private boolean isJaegerInput(String text) {
        return variableName(text).filter(jaegerInputs::contains).isPresent();
    }

    private boolean isJaegerName(String text) {
        String name = text.toLowerCase(Locale.ROOT);
        return (known.jaegerNames().contains(name) || known.jaegerUids().contains(text)) && !known.otherNames().contains(name);
    }

    /** {@code x} from {@code $x}, {@code ${x}}, {@code ${x:format}} or {@code [[x]]}. */
    private static Optional<String> variableName(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        for (int group = 1; group <= 3; group++) {
            if (matcher.group(group) != null) {
                return Optional.of(matcher.group(group));
            }
        }
        return Optional.empty();
    }

    /** Queries written for Jaeger's search or dependency graph mean nothing to Tempo: say which need rebuilding. */
    private void warnAboutQueries(ObjectNode owner, String at) {
        warnAboutQuery(owner, at);
        JsonNode targets = owner.path("targets");
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i) instanceof ObjectNode target && !target.hasNonNull("datasource")) {
                warnAboutQuery(target, DashboardJson.pointer(DashboardJson.pointer(at, "targets"), i));
            }
        }
    }

    private void warnAboutQuery(ObjectNode query, String at) {
        String queryType = query.path("queryType").asText("");
        if (JAEGER_ONLY_QUERIES.contains(queryType)) {
            warnings.add(file + " " + (at.isEmpty() ? "/" : at) + ": a Jaeger “" + queryType + "” query, which Tempo does "
                    + "not understand. Open the panel in Grafana and rebuild it as a Tempo search or TraceQL query.");
        }
    }

    private void rewriteInputs(ArrayNode inputs, String at) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) instanceof ObjectNode input && "datasource".equals(input.path("type").asText())
                    && JAEGER.equalsIgnoreCase(input.path("pluginId").asText())) {
                String here = DashboardJson.pointer(at, i);
                set(input, "pluginId", TEMPO, here);
                set(input, "pluginName", "Tempo", here);
            }
        }
    }

    private void rewriteRequires(ArrayNode requires, String at) {
        boolean tempoRequired = false;
        for (JsonNode entry : requires) {
            tempoRequired |= isDatasourceRequirement(entry, TEMPO);
        }
        List<Integer> removed = new ArrayList<>();
        for (int i = 0; i < requires.size(); i++) {
            if (requires.get(i) instanceof ObjectNode entry && isDatasourceRequirement(entry, JAEGER)) {
                String here = DashboardJson.pointer(at, i);
                if (tempoRequired) {
                    removed.add(0, i);
                    changes.add(new MigrationChange(file, here, Optional.of(DashboardJson.compact(entry)), Optional.empty()));
                } else {
                    set(entry, "id", TEMPO, here);
                    set(entry, "name", "Tempo", here);
                    tempoRequired = true;
                }
            }
        }
        removed.forEach(index -> requires.remove((int) index));
    }

    private static boolean isDatasourceRequirement(JsonNode entry, String id) {
        return "datasource".equals(entry.path("type").asText()) && id.equalsIgnoreCase(entry.path("id").asText());
    }

    private void set(ObjectNode object, String key, String value, String at) {
        JsonNode old = object.get(key);
        if (old != null && value.equals(old.asText(null))) {
            return;
        }
        object.put(key, value);
        String here = DashboardJson.pointer(at, key);
        changes.add(new MigrationChange(file, here, Optional.ofNullable(old).map(DashboardJson::compact),
                Optional.of(DashboardJson.compact(object.get(key)))));
    }

    private void record(String at, JsonNode old, JsonNode now) {
        changes.add(new MigrationChange(file, at, Optional.of(DashboardJson.compact(old)), Optional.of(DashboardJson.compact(now))));
    }

    private static Optional<String> text(ObjectNode object, String key) {
        JsonNode value = object.get(key);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
