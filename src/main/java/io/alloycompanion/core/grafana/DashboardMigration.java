package io.alloycompanion.core.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alloycompanion.core.platform.AtomicFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a set-up from Jaeger to Tempo: every dashboard reference to a Jaeger datasource in a folder of dashboard JSON
 * files is pointed at the Tempo datasource, and (when asked) the Jaeger datasources leave Grafana's provisioning.
 *
 * <p>Everything is read and rewritten in memory first; only then are the originals of the files that change copied
 * into a timestamped backup folder beside their folder ({@code dashboards.backup-20250101-120000}, same relative
 * paths), and the new versions written atomically. Files with nothing to change are not touched.
 */
public final class DashboardMigration {

    public static final String DEFAULT_TEMPO_UID = "tempo";
    private static final Logger LOG = LoggerFactory.getLogger(DashboardMigration.class);
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /**
     * @param dashboards              folder of dashboard JSON files, searched recursively for {@code *.json}
     * @param tempoUid                uid of the Tempo datasource the references are to point at
     * @param datasources             Grafana's provisioning datasources folder: read to know the Jaeger datasources'
     *                                names and uids, and edited when {@code removeJaegerDatasources}
     * @param removeJaegerDatasources take the Jaeger entries out of the provisioning files and list them under
     *                                {@code deleteDatasources}
     * @param dryRun                  report what would change, write nothing
     */
    public record Options(Path dashboards, String tempoUid, Optional<Path> datasources, boolean removeJaegerDatasources,
                          boolean dryRun) {

        public Options {
            if (tempoUid.isBlank()) {
                throw new IllegalArgumentException("the Tempo datasource uid is empty");
            }
            if (removeJaegerDatasources && datasources.isEmpty()) {
                throw new IllegalArgumentException("removing the Jaeger datasources needs the provisioning datasources folder");
            }
        }

        public static Options of(Path dashboards) {
            return new Options(dashboards, DEFAULT_TEMPO_UID, Optional.empty(), false, false);
        }
    }

    private final Clock clock;

    public DashboardMigration() {
        this(Clock.systemDefaultZone());
    }

    /** @param clock names the backup folders */
    public DashboardMigration(Clock clock) {
        this.clock = clock;
    }

    /** A file to replace: where, its new content, and the folder it is relative to. */
    private record Rewrite(Path root, Path file, byte[] content) {
    }

    /**
     * Runs the migration.
     *
     * @throws IllegalArgumentException a folder that does not exist
     * @throws IOException              a folder that cannot be listed, or a backup or write that failed (the message
     *                                  names the file and where the originals are)
     */
    public MigrationReport migrate(Options options) throws IOException {
        Path dashboards = options.dashboards().toAbsolutePath().normalize();
        requireDirectory(dashboards, "dashboards");
        Optional<Path> datasourcesDir = options.datasources().map(path -> path.toAbsolutePath().normalize());
        if (datasourcesDir.isPresent()) {
            requireDirectory(datasourcesDir.get(), "provisioning datasources");
        }
        List<String> warnings = new ArrayList<>();
        List<FileProblem> problems = new ArrayList<>();

        Optional<DatasourceProvisioning.Contents> provisioning = Optional.empty();
        if (datasourcesDir.isPresent()) {
            provisioning = Optional.of(DatasourceProvisioning.read(datasourcesDir.get()));
            provisioning.get().problems().forEach(problem -> problems.add(
                    new FileProblem(datasourcesDir.get().resolve(problem.file()).toString(), problem.message())));
            warnings.addAll(tempoWarnings(provisioning.get().datasources(), options.tempoUid(), datasourcesDir.get()));
        }
        JaegerToTempo.Known known = JaegerToTempo.Known.from(
                provisioning.map(DatasourceProvisioning.Contents::datasources).orElse(List.of()));

        List<Path> files = jsonFiles(dashboards);
        List<Rewrite> rewrites = new ArrayList<>();
        List<String> changedFiles = new ArrayList<>();
        List<MigrationChange> changes = new ArrayList<>();
        for (Path file : files) {
            String relative = relative(dashboards, file);
            String text;
            JsonNode root;
            try {
                text = readUtf8(file);
                root = DashboardJson.parse(text);
            } catch (CharacterCodingException e) {
                problems.add(new FileProblem(relative, "is not UTF-8 text; left as it is."));
                continue;
            } catch (JsonProcessingException e) {
                problems.add(new FileProblem(relative, "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + "); left as it is."));
                continue;
            } catch (IOException e) {
                problems.add(new FileProblem(relative, "cannot be read: " + e.getMessage()));
                continue;
            }
            JaegerToTempo rewrite = new JaegerToTempo(relative, options.tempoUid(), known).rewrite(root);
            warnings.addAll(rewrite.warnings());
            if (rewrite.changes().isEmpty()) {
                continue;
            }
            changedFiles.add(relative);
            changes.addAll(rewrite.changes());
            String written = DashboardJson.write(root, DashboardJson.Layout.of(text));
            rewrites.add(new Rewrite(dashboards, file, written.getBytes(StandardCharsets.UTF_8)));
        }

        List<String> changedDatasourceFiles = new ArrayList<>();
        List<MigrationChange> datasourceChanges = new ArrayList<>();
        List<Rewrite> yamlRewrites = new ArrayList<>();
        if (options.removeJaegerDatasources() && provisioning.isPresent()) {
            Set<String> jaegerUids = provisioning.get().datasources().stream().filter(datasource -> datasource.isType("jaeger"))
                    .flatMap(datasource -> datasource.uid().stream()).collect(Collectors.toSet());
            for (DatasourceProvisioning.ProvisioningFile file : provisioning.get().files()) {
                List<MigrationChange> fileChanges = DatasourceProvisioning.removeJaeger(file, options.tempoUid(), jaegerUids);
                if (fileChanges.isEmpty()) {
                    continue;
                }
                changedDatasourceFiles.add(file.relative());
                datasourceChanges.addAll(fileChanges);
                yamlRewrites.add(new Rewrite(datasourcesDir.orElseThrow(), file.path(),
                        DatasourceProvisioning.write(file).getBytes(StandardCharsets.UTF_8)));
            }
            if (provisioning.get().datasources().stream().noneMatch(datasource -> datasource.isType("jaeger"))) {
                warnings.add("No Jaeger datasource is provisioned in " + datasourcesDir.orElseThrow() + ": nothing to remove there.");
            }
        }

        Optional<Path> backup = Optional.empty();
        Optional<Path> datasourcesBackup = Optional.empty();
        if (!options.dryRun()) {
            if (!rewrites.isEmpty()) {
                backup = Optional.of(backup(dashboards, rewrites));
            }
            if (!yamlRewrites.isEmpty()) {
                datasourcesBackup = Optional.of(backup(datasourcesDir.orElseThrow(), yamlRewrites));
            }
            write(rewrites, backup);
            write(yamlRewrites, datasourcesBackup);
        }
        for (Rewrite rewrite : yamlRewrites) {
            DatasourceProvisioning.ProvisioningFile file = provisioning.orElseThrow().files().stream()
                    .filter(candidate -> candidate.path().equals(rewrite.file())).findFirst().orElseThrow();
            if (file.hasComments()) {
                warnings.add(file.relative() + ": the comments in this file " + (options.dryRun() ? "would not be" : "were not")
                        + " kept" + datasourcesBackup.map(folder -> " (the original is in " + folder + ")").orElse("") + ".");
            }
        }
        LOG.info("Jaeger to Tempo migration of {}{}: {} changes in {} of {} files, {} provisioning changes", dashboards,
                options.dryRun() ? " (dry run)" : "", changes.size(), changedFiles.size(), files.size(), datasourceChanges.size());
        return new MigrationReport(dashboards, options.tempoUid(), options.dryRun(), files.size(), changedFiles, changes,
                backup, datasourcesDir, changedDatasourceFiles, datasourceChanges, datasourcesBackup, warnings, problems);
    }

    private static void requireDirectory(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the " + what + " folder " + dir + " does not exist or is not a folder");
        }
    }

    /** Every {@code *.json} below {@code dir}, in a stable order (by relative path). */
    static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted(Comparator.comparing(path -> relative(dir, path)))
                    .collect(Collectors.toList());
        }
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static String readUtf8(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    }

    private static List<String> tempoWarnings(List<ProvisionedDatasource> provisioned, String tempoUid, Path dir) {
        List<ProvisionedDatasource> tempo = provisioned.stream().filter(datasource -> datasource.isType("tempo")).toList();
        if (tempo.stream().anyMatch(datasource -> datasource.uid().filter(tempoUid::equals).isPresent())) {
            return List.of();
        }
        if (tempo.isEmpty()) {
            return List.of("No Tempo datasource is provisioned in " + dir + ": the dashboards now point at uid “" + tempoUid
                    + "”, so provision a Tempo datasource with that uid (or create one in Grafana with it).");
        }
        Map<String, String> uids = new LinkedHashMap<>();
        tempo.forEach(datasource -> uids.put(datasource.name(), datasource.uid().orElse("(none set)")));
        return List.of("The Tempo datasource provisioned in " + dir + " has uid " + uids.entrySet().stream()
                .map(entry -> "“" + entry.getValue() + "” (" + entry.getKey() + ")").collect(Collectors.joining(", "))
                + ", not “" + tempoUid + "”: run the migration again with that uid as the Tempo uid, or set uid: "
                + tempoUid + " on the datasource.");
    }

    private Path backup(Path dir, List<Rewrite> rewrites) throws IOException {
        String stamp = LocalDateTime.now(clock).format(BACKUP_STAMP);
        Path parent = dir.getParent() == null ? dir : dir.getParent();
        Path folder = parent.resolve(dir.getFileName() + ".backup-" + stamp);
        for (int n = 2; Files.exists(folder); n++) {
            folder = parent.resolve(dir.getFileName() + ".backup-" + stamp + "-" + n);
        }
        try {
            for (Rewrite rewrite : rewrites) {
                Path copy = folder.resolve(rewrite.root().relativize(rewrite.file()).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(rewrite.file(), copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new IOException("Could not back up the files to change into " + folder + " (" + e.getMessage()
                    + "); nothing was changed.", e);
        }
        return folder;
    }

    private static void write(List<Rewrite> rewrites, Optional<Path> backup) throws IOException {
        for (Rewrite rewrite : rewrites) {
            try {
                AtomicFiles.write(rewrite.file(), rewrite.content());
            } catch (IOException e) {
                throw new IOException("Could not write " + rewrite.file() + " (" + e.getMessage() + "). The originals of "
                        + "every file to change are in " + backup.map(Path::toString).orElse("the backup folder") + ".", e);
            }
        }
    }
}
