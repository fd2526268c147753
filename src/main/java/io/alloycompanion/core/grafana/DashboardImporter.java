package io.alloycompanion.core.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alloycompanion.core.stack.StackFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports dashboard JSON files into a Grafana, as its own import page would: each {@code __inputs} datasource is
 * mapped to a datasource of that type in this Grafana (the one the user named, else the default or first of the type),
 * {@code ${INPUT}} is replaced by its uid everywhere, and the dashboard is saved with overwrite on into the chosen
 * folder (found by title, or created).
 */
public final class DashboardImporter {

    public static final String MESSAGE = "Imported by Alloy Companion";
    private static final Logger LOG = LoggerFactory.getLogger(DashboardImporter.class);
    /** Reference types that name no real datasource: built-in annotations, mixed, dashboard, expressions. */
    private static final Set<String> BUILT_IN_TYPES = Set.of("datasource", "grafana", "__expr__", "mixed", "dashboard");

    /**
     * @param folderTitle     the folder to import into (found by title or created); empty for General
     * @param datasourceNames for a datasource type ({@code prometheus}), the name of the datasource to use for it
     */
    public record Options(Optional<String> folderTitle, Map<String, String> datasourceNames) {

        public Options {
            Map<String, String> byType = new LinkedHashMap<>();
            datasourceNames.forEach((type, name) -> byType.put(type.toLowerCase(Locale.ROOT), name));
            datasourceNames = Map.copyOf(byType);
        }

        public static Options defaults() {
            return new Options(Optional.empty(), Map.of());
        }
    }

    /**
     * A dashboard to import: a file, or JSON the app carries (the starter dashboard).
     *
     * @param name shown where a file's path would be
     * @param file the file to read; empty when {@code json} is the dashboard
     */
    public record Source(String name, Optional<Path> file, String json) {

        public static Source of(Path file) {
            return new Source(file.toString(), Optional.of(file), "");
        }

        /**
         * The starter dashboard the local stack provisions (uid {@link StackFiles#STARTER_DASHBOARD_UID}). Its panels
         * name the local stack's datasource uids ({@code prometheus}, {@code loki}, {@code tempo}); in a Grafana
         * without those (Grafana Cloud's are {@code grafanacloud-…}) they are pointed at a datasource of the same type.
         */
        public static Source starter() {
            return new Source(STARTER_NAME, Optional.empty(), StackFiles.starterDashboard());
        }
    }

    /** How the bundled starter dashboard is named in reports. */
    public static final String STARTER_NAME = "starter dashboard (bundled)";

    private final GrafanaClient grafana;

    public DashboardImporter(GrafanaClient grafana) {
        this.grafana = grafana;
    }

    /**
     * The dashboard files among {@code paths}: files as they are, folders searched recursively for {@code *.json}.
     *
     * @throws NoSuchFileException a path that does not exist
     */
    public static List<Path> dashboardFiles(List<Path> paths) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(DashboardMigration.jsonFiles(path));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new NoSuchFileException(path.toString(), null, "no such file or folder");
            }
        }
        return List.copyOf(files);
    }

    /**
     * Imports each file; a dashboard that cannot be imported is reported as {@link DashboardImport.Failed} and the
     * others still go in.
     *
     * @throws GrafanaException when nothing can be imported into this Grafana: it cannot be reached, is not Grafana,
     *                          refuses the token or the permission, has no datasource with a name the user gave, or
     *                          the folder cannot be found or created
     */
    public ImportReport importFiles(List<Path> files, Options options) throws GrafanaException, InterruptedException {
        return importDashboards(files.stream().map(Source::of).toList(), options);
    }

    /** Imports each dashboard, as {@link #importFiles} does. */
    public ImportReport importDashboards(List<Source> sources, Options options) throws GrafanaException, InterruptedException {
        GrafanaHealth health = grafana.health();
        List<GrafanaDatasource> datasources = grafana.datasources();
        Map<String, GrafanaDatasource> chosen = chosen(datasources, options.datasourceNames());
        Optional<GrafanaClient.FolderLookup> folder = Optional.empty();
        // "General" is where dashboards without a folder live; Grafana refuses a folder of that name.
        if (options.folderTitle().filter(title -> !title.equalsIgnoreCase("General")).isPresent()) {
            folder = Optional.of(grafana.findOrCreateFolder(options.folderTitle().get()));
        }
        Optional<String> folderUid = folder.map(lookup -> lookup.folder().uid());
        List<DashboardImport> results = new ArrayList<>();
        for (Source source : sources) {
            results.add(importOne(source, datasources, chosen, folderUid));
        }
        LOG.info("Imported {} of {} dashboards into Grafana {} at {}", results.stream()
                .filter(DashboardImport.Imported.class::isInstance).count(), results.size(), health.version(), grafana.base());
        return new ImportReport(grafana.base(), health.version(), folder.map(GrafanaClient.FolderLookup::folder),
                folder.map(GrafanaClient.FolderLookup::created).orElse(false), results);
    }

    private DashboardImport importOne(Source source, List<GrafanaDatasource> datasources, Map<String, GrafanaDatasource> chosen,
                                      Optional<String> folderUid) throws GrafanaException, InterruptedException {
        Optional<String> title = Optional.empty();
        String file = source.name();
        try {
            ObjectNode dashboard = read(source);
            title = Optional.of(dashboard.path("title").asText());
            Prepared prepared = prepare(dashboard, title.get(), datasources, chosen);
            SavedDashboard saved = grafana.saveDashboard(prepared.dashboard(), folderUid, MESSAGE);
            return new DashboardImport.Imported(file, title.get(), saved.uid(), saved.url(), saved.status(),
                    saved.version(), prepared.inputs(), prepared.notes());
        } catch (GrafanaException e) {
            if (e.isFatal()) {
                throw e;
            }
            return new DashboardImport.Failed(file, title, e.reason(), e.getMessage());
        }
    }

    private static ObjectNode read(Source source) throws GrafanaException {
        String file = source.name();
        JsonNode root;
        try {
            root = DashboardJson.parse(source.file().isPresent() ? Files.readString(source.file().get(), StandardCharsets.UTF_8)
                    : source.json());
        } catch (JsonProcessingException e) {
            throw new GrafanaException(GrafanaException.Reason.INVALID_DASHBOARD, file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()
                    + ").", e);
        } catch (IOException e) {
            throw new GrafanaException(GrafanaException.Reason.INVALID_DASHBOARD, file + " cannot be read: " + e.getMessage(), e);
        }
        // A dashboard as the API returns it: {"dashboard": {...}, "meta": {...}}.
        if (root instanceof ObjectNode object && !object.has("panels") && object.get("dashboard") instanceof ObjectNode inner) {
            root = inner;
        }
        if (!(root instanceof ObjectNode dashboard) || dashboard.path("title").asText("").isBlank()) {
            throw new GrafanaException(GrafanaException.Reason.INVALID_DASHBOARD, file + " is not a Grafana dashboard (it "
                    + "has no title). Export dashboards from Grafana with Share → Export → Save to file.");
        }
        return dashboard;
    }

    /** The dashboard ready to post, what each input became, and notes about datasources this Grafana lacks. */
    record Prepared(ObjectNode dashboard, Map<String, String> inputs, List<String> notes) {
    }

    /** Maps the inputs, points references to missing datasources at one of their type, and drops the export fields. */
    Prepared prepare(ObjectNode dashboard, String title, List<GrafanaDatasource> datasources,
                     Map<String, GrafanaDatasource> chosen) throws GrafanaException {
        ObjectNode copy = dashboard.deepCopy();
        Set<String> strings = new LinkedHashSet<>();
        collectStrings(copy, strings);
        Map<String, String> inputs = new LinkedHashMap<>();
        for (JsonNode input : copy.path("__inputs")) {
            String name = input.path("name").asText("");
            if (name.isEmpty() || strings.stream().noneMatch(text -> text.contains("${" + name + "}"))) {
                continue;
            }
            switch (input.path("type").asText("")) {
                case "datasource" -> {
                    String type = input.path("pluginId").asText("");
                    GrafanaDatasource datasource = pick(type, datasources, chosen).orElseThrow(() -> new GrafanaException(
                            GrafanaException.Reason.MISSING_DATASOURCE, "The dashboard “" + title + "” needs a " + type
                            + " datasource (its input " + name + (input.hasNonNull("label") ? ", “" + input.get("label").asText()
                            + "”" : "") + "), and Grafana at " + grafana.base() + " has none. Add a " + type + " datasource "
                            + "in Grafana (Connections → Data sources), then import again."));
                    inputs.put(name, datasource.uid());
                }
                case "constant" -> inputs.put(name, input.path("value").asText(""));
                default -> {
                    // Other input kinds (library panels) are Grafana's import page's business.
                }
            }
        }
        replaceInputs(copy, inputs);
        copy.remove("__inputs");
        copy.remove("__requires");
        copy.putNull("id");
        List<String> notes = new ArrayList<>();
        Set<String> known = datasources.stream().map(GrafanaDatasource::uid).collect(Collectors.toSet());
        Map<String, String> remapped = new LinkedHashMap<>();
        remapMissing(copy, known, datasources, chosen, remapped, notes);
        return new Prepared(copy, inputs, notes);
    }

    /** The datasource for a type: the one the user named, else the default if it is of that type, else the first. */
    private static Optional<GrafanaDatasource> pick(String type, List<GrafanaDatasource> datasources,
                                                    Map<String, GrafanaDatasource> chosen) {
        GrafanaDatasource named = chosen.get(type.toLowerCase(Locale.ROOT));
        if (named != null) {
            return Optional.of(named);
        }
        List<GrafanaDatasource> ofType = datasources.stream().filter(datasource -> datasource.isType(type)).toList();
        return ofType.stream().filter(GrafanaDatasource::isDefault).findFirst().or(() -> ofType.stream().findFirst());
    }

    /** The user's {@code type=name} choices, each checked to exist with that type. */
    private Map<String, GrafanaDatasource> chosen(List<GrafanaDatasource> datasources, Map<String, String> names)
            throws GrafanaException {
        Map<String, GrafanaDatasource> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, String> choice : names.entrySet()) {
            String type = choice.getKey();
            String name = choice.getValue();
            Optional<GrafanaDatasource> found = datasources.stream().filter(datasource -> datasource.name().equals(name))
                    .findFirst().or(() -> datasources.stream().filter(datasource -> datasource.name().equalsIgnoreCase(name))
                            .findFirst());
            if (found.isEmpty()) {
                List<String> ofType = datasources.stream().filter(datasource -> datasource.isType(type))
                        .map(datasource -> "“" + datasource.name() + "”").toList();
                throw new GrafanaException(GrafanaException.Reason.MISSING_DATASOURCE, "Grafana at " + grafana.base()
                        + " has no datasource named “" + name + "” (asked for as the " + type + " datasource). "
                        + (ofType.isEmpty() ? "It has no " + type + " datasource at all; its datasources: "
                        + describe(datasources) + "." : "Its " + type + " datasources: " + String.join(", ", ofType) + "."));
            }
            if (!found.get().isType(type)) {
                throw new GrafanaException(GrafanaException.Reason.MISSING_DATASOURCE, "The datasource “" + name
                        + "” in Grafana at " + grafana.base() + " is a " + found.get().type() + " datasource, not " + type
                        + ". Name a " + type + " datasource for " + type + ".");
            }
            chosen.put(type, found.get());
        }
        return chosen;
    }

    private static String describe(List<GrafanaDatasource> datasources) {
        return datasources.isEmpty() ? "none" : datasources.stream()
                .map(datasource -> "“" + datasource.name() + "” (" + datasource.type() + ")").collect(Collectors.joining(", "));
    }

    private static void collectStrings(JsonNode node, Set<String> strings) {
        if (node.isTextual()) {
            strings.add(node.textValue());
        }
        node.forEach(child -> collectStrings(child, strings));
    }

    /** Every {@code ${NAME}} in every string value becomes what the input was mapped to. */
    private static void replaceInputs(JsonNode node, Map<String, String> inputs) {
        if (inputs.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode value = object.get(key);
                if (value instanceof TextNode text) {
                    object.put(key, substitute(text.textValue(), inputs));
                } else {
                    replaceInputs(value, inputs);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof TextNode text) {
                    array.set(i, substitute(text.textValue(), inputs));
                } else {
                    replaceInputs(array.get(i), inputs);
                }
            }
        }
    }

    private static String substitute(String text, Map<String, String> inputs) {
        String result = text;
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            result = result.replace("${" + input.getKey() + "}", input.getValue());
        }
        return result;
    }

    /**
     * A reference {@code {"type": T, "uid": U}} to a uid this Grafana does not have (an export from another Grafana,
     * not shared externally) is pointed at the datasource of type T the user chose, or the default or first one.
     */
    private static void remapMissing(JsonNode node, Set<String> known, List<GrafanaDatasource> datasources,
                                     Map<String, GrafanaDatasource> chosen, Map<String, String> remapped, List<String> notes) {
        if (node instanceof ObjectNode object) {
            if (object.get("datasource") instanceof ObjectNode reference) {
                String type = reference.path("type").asText("");
                String uid = reference.path("uid").asText("");
                if (!type.isEmpty() && !uid.isEmpty() && !isBuiltIn(type, uid) && !known.contains(uid)) {
                    String key = type + "\u0000" + uid;
                    if (!remapped.containsKey(key)) {
                        Optional<GrafanaDatasource> replacement = pick(type, datasources, chosen);
                        remapped.put(key, replacement.map(GrafanaDatasource::uid).orElse(uid));
                        notes.add(replacement.map(datasource -> "The " + type + " datasource uid “" + uid + "” is not in "
                                + "this Grafana: those panels use “" + datasource.name() + "” (uid " + datasource.uid() + ").")
                                .orElse("The " + type + " datasource uid “" + uid + "” is not in this Grafana, and it has no "
                                        + type + " datasource: those panels show an error until one is added."));
                    }
                    reference.put("uid", remapped.get(key));
                }
            }
            object.forEach(child -> remapMissing(child, known, datasources, chosen, remapped, notes));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> remapMissing(child, known, datasources, chosen, remapped, notes));
        }
    }

    private static boolean isBuiltIn(String type, String uid) {
        return BUILT_IN_TYPES.contains(type.toLowerCase(Locale.ROOT)) || type.startsWith("__") || uid.contains("$")
                || uid.startsWith("--") || uid.equals("grafana");
    }
}
