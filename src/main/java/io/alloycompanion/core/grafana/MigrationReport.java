package io.alloycompanion.core.grafana;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a Jaeger → Tempo migration changed, or (dry run) would change.
 *
 * @param dashboards         the folder of dashboards
 * @param filesScanned       the {@code *.json} files found there
 * @param changedFiles       the dashboards that changed (relative paths), in the order they were found
 * @param changes            every value changed in the dashboards
 * @param backup             the folder holding the originals of the changed dashboards; empty on a dry run or when
 *                           nothing changed
 * @param datasources        the provisioning folder, when one was given
 * @param datasourceChanges  every change to the provisioning files (Jaeger entries removed, deletions added)
 * @param datasourcesBackup  the folder holding the originals of the changed provisioning files
 * @param warnings           things the user should look at (queries that need rebuilding, a Tempo datasource that
 *                           is not provisioned, comments not kept)
 * @param problems           files left alone because they could not be read or parsed
 */
public record MigrationReport(Path dashboards, String tempoUid, boolean dryRun, int filesScanned,
                              List<String> changedFiles, List<MigrationChange> changes, Optional<Path> backup,
                              Optional<Path> datasources, List<String> changedDatasourceFiles,
                              List<MigrationChange> datasourceChanges, Optional<Path> datasourcesBackup,
                              List<String> warnings, List<FileProblem> problems) {

    public MigrationReport {
        changedFiles = List.copyOf(changedFiles);
        changes = List.copyOf(changes);
        changedDatasourceFiles = List.copyOf(changedDatasourceFiles);
        datasourceChanges = List.copyOf(datasourceChanges);
        warnings = List.copyOf(warnings);
        problems = List.copyOf(problems);
    }

    public boolean changedAnything() {
        return !changes.isEmpty() || !datasourceChanges.isEmpty();
    }
}
