package io.alloycompanion.core.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Grafana's datasource provisioning files ({@code apiVersion: 1}, {@code datasources:}, {@code deleteDatasources:}):
 * reading which datasources they provision, and taking the Jaeger ones out.
 */
final class DatasourceProvisioning {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // "1234" stays a string: Grafana reads passwords and such into string fields.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();
    private static final Pattern COMMENT = Pattern.compile("(?m)^\\s*#|\\s#");

    private DatasourceProvisioning() {
    }

    /** One provisioning file as read: its text and its tree (which {@link #removeJaeger} edits). */
    record ProvisioningFile(Path path, String relative, String text, ObjectNode root) {

        boolean hasComments() {
            return COMMENT.matcher(text).find();
        }

        String newline() {
            return text.contains("\r\n") ? "\r\n" : "\n";
        }
    }

    record Contents(List<ProvisioningFile> files, List<ProvisionedDatasource> datasources, List<FileProblem> problems) {
    }

    /** The {@code *.yaml} and {@code *.yml} files directly in {@code dir}, as Grafana reads them. */
    static Contents read(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> listing = Files.list(dir)) {
            paths = listing.filter(Files::isRegularFile).filter(path -> {
                String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".yaml") || name.endsWith(".yml");
            }).sorted(Comparator.comparing(path -> path.getFileName().toString())).toList();
        }
        List<ProvisioningFile> files = new ArrayList<>();
        List<ProvisionedDatasource> datasources = new ArrayList<>();
        List<FileProblem> problems = new ArrayList<>();
        for (Path path : paths) {
            String relative = path.getFileName().toString();
            String text;
            List<JsonNode> documents;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
                try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(text)) {
                    documents = iterator.readAll();
                }
            } catch (IOException | UncheckedIOException e) {
                problems.add(new FileProblem(relative, "not valid YAML: " + firstLine(e.getMessage())));
                continue;
            }
            documents = documents.stream().filter(node -> node != null && !node.isMissingNode() && !node.isNull()).toList();
            if (documents.isEmpty()) {
                continue;
            }
            if (documents.size() > 1 || !(documents.get(0) instanceof ObjectNode root)) {
                problems.add(new FileProblem(relative, documents.size() > 1
                        ? "holds " + documents.size() + " YAML documents; Grafana reads one per file. Edit it by hand."
                        : "is not a Grafana provisioning file (its top level is not a mapping)."));
                continue;
            }
            if (!root.has("datasources") && !root.has("deleteDatasources")) {
                continue;
            }
            files.add(new ProvisioningFile(path, relative, text, root));
            for (JsonNode entry : root.path("datasources")) {
                String name = entry.path("name").asText("");
                if (!name.isEmpty()) {
                    datasources.add(new ProvisionedDatasource(relative, name, entry.path("type").asText(""),
                            entry.hasNonNull("uid") ? Optional.of(entry.get("uid").asText()) : Optional.empty(),
                            entry.path("orgId").asInt(1)));
                }
            }
        }
        return new Contents(List.copyOf(files), List.copyOf(datasources), List.copyOf(problems));
    }

    /**
     * Takes the Jaeger datasources out of {@code file}'s tree, asks Grafana to delete the ones it already provisioned
     * ({@code deleteDatasources}), and points other datasources' links to Jaeger ({@code datasourceUid}, as in Loki's
     * derived fields or Prometheus's exemplars) at Tempo. Pointers of removed entries are those of the original file.
     *
     * @param jaegerUids the uids of the Jaeger datasources in every provisioning file (a link may cross files)
     */
    static List<MigrationChange> removeJaeger(ProvisioningFile file, String tempoUid, Set<String> jaegerUids) {
        ObjectNode root = file.root();
        if (!(root.get("datasources") instanceof ArrayNode datasources)) {
            return List.of();
        }
        List<ObjectNode> jaeger = new ArrayList<>();
        for (JsonNode entry : datasources) {
            if (entry instanceof ObjectNode object && JaegerToTempo.JAEGER.equalsIgnoreCase(entry.path("type").asText())) {
                jaeger.add(object);
            }
        }
        List<MigrationChange> changes = new ArrayList<>();
        for (int i = 0; i < datasources.size(); i++) {
            if (!jaeger.contains(datasources.get(i))) {
                relink(datasources.get(i), DashboardJson.pointer("/datasources", i), jaegerUids, tempoUid, file.relative(), changes);
            }
        }
        if (jaeger.isEmpty()) {
            return changes;
        }
        for (int i = datasources.size() - 1; i >= 0; i--) {
            if (jaeger.contains(datasources.get(i))) {
                changes.add(0, new MigrationChange(file.relative(), DashboardJson.pointer("/datasources", i),
                        Optional.of(DashboardJson.compact(datasources.get(i))), Optional.empty()));
                datasources.remove(i);
            }
        }
        ArrayNode deletions = deletions(root);
        for (ObjectNode entry : jaeger) {
            String name = entry.path("name").asText("");
            int orgId = entry.path("orgId").asInt(1);
            boolean listed = false;
            for (JsonNode deletion : deletions) {
                listed |= name.equals(deletion.path("name").asText()) && orgId == deletion.path("orgId").asInt(1);
            }
            if (!name.isEmpty() && !listed) {
                ObjectNode deletion = deletions.addObject();
                deletion.put("name", name);
                deletion.put("orgId", orgId);
                changes.add(new MigrationChange(file.relative(), DashboardJson.pointer("/deleteDatasources", deletions.size() - 1),
                        Optional.empty(), Optional.of(DashboardJson.compact(deletion))));
            }
        }
        return changes;
    }

    /** The file's {@code deleteDatasources} list, added just before {@code datasources} when there is none. */
    private static ArrayNode deletions(ObjectNode root) {
        if (root.get("deleteDatasources") instanceof ArrayNode existing) {
            return existing;
        }
        ArrayNode created = YAML.createArrayNode();
        ObjectNode reordered = YAML.createObjectNode();
        root.fields().forEachRemaining(field -> {
            if (field.getKey().equals("datasources")) {
                reordered.set("deleteDatasources", created);
            }
            reordered.set(field.getKey(), field.getValue());
        });
        root.removeAll();
        root.setAll(reordered);
        return created;
    }

    private static void relink(JsonNode node, String at, Set<String> jaegerUids, String tempoUid, String file,
                               List<MigrationChange> changes) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                relink(array.get(i), DashboardJson.pointer(at, i), jaegerUids, tempoUid, file, changes);
            }
        } else if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode value = object.get(key);
                String here = DashboardJson.pointer(at, key);
                if (key.equals("datasourceUid") && value.isTextual() && jaegerUids.contains(value.textValue())) {
                    object.put(key, tempoUid);
                    changes.add(new MigrationChange(file, here, Optional.of(DashboardJson.compact(value)),
                            Optional.of(DashboardJson.compact(object.get(key)))));
                } else {
                    relink(value, here, jaegerUids, tempoUid, file, changes);
                }
            }
        }
    }

    static String write(ProvisioningFile file) {
        try {
            String text = YAML.writeValueAsString(file.root());
            return file.newline().equals("\n") ? text : text.replace("\n", file.newline());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
