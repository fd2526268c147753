package io.alloycompanion.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.grafana.DashboardMigration;
import io.alloycompanion.core.grafana.FileProblem;
import io.alloycompanion.core.grafana.MigrationChange;
import io.alloycompanion.core.grafana.MigrationReport;
import io.alloycompanion.core.platform.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "migrate",
        description = "Point every Jaeger datasource reference in a folder of dashboard JSON files (recursive, *.json) at "
                + "the Tempo datasource: panels, targets, rows, templating, annotations, __inputs and __requires. The "
                + "originals of the files that change are first copied to <dir>.backup-<yyyyMMdd-HHmmss> beside the "
                + "folder; files with nothing to change are not touched. With --remove-jaeger, the Jaeger entries also "
                + "leave the provisioning datasources files (listed under deleteDatasources so Grafana deletes them). "
                + "Exit 0 done (or nothing to do), 1 a file could not be read or written, 2 usage error.")
final class DashboardsMigrateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The folder of dashboard JSON files.")
    private Path dir;

    @Option(names = "--tempo-uid", paramLabel = "UID", defaultValue = DashboardMigration.DEFAULT_TEMPO_UID,
            description = "The uid of the Tempo datasource to point at (default ${DEFAULT-VALUE}, as the local stack "
                    + "provisions it).")
    private String tempoUid;

    @Option(names = "--datasources", paramLabel = "DIR", description = "Grafana's provisioning datasources folder "
            + "(provisioning/datasources): read to know the Jaeger datasources' names and uids, edited with --remove-jaeger.")
    private Path datasources;

    @Option(names = "--remove-jaeger", description = "Remove the Jaeger datasources from the provisioning files in "
            + "--datasources and add them to deleteDatasources (the files are backed up first; YAML comments are not kept).")
    private boolean removeJaeger;

    @Option(names = "--dry-run", description = "Show what would change; write nothing.")
    private boolean dryRun;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> usage = usageError();
        if (usage.isPresent()) {
            err.println("error: " + usage.get());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        MigrationReport report;
        try {
            report = new DashboardMigration().migrate(new DashboardMigration.Options(dir, tempoUid.strip(),
                    Optional.ofNullable(datasources), removeJaeger, dryRun));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.CHECK_FAILED;
        }
        if (json) {
            out.println(Json.write(document(report)));
        } else {
            print(out, report);
        }
        return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private Optional<String> usageError() {
        if (!Files.isDirectory(dir)) {
            return Optional.of("--dir " + dir + " is not a folder. Give the folder that holds the dashboard JSON files.");
        }
        if (tempoUid.isBlank()) {
            return Optional.of("--tempo-uid is empty. Give the uid of the Tempo datasource (Grafana: Connections → Data "
                    + "sources → Tempo, the last part of its URL).");
        }
        if (removeJaeger && datasources == null) {
            return Optional.of("--remove-jaeger needs --datasources DIR, the provisioning datasources folder "
                    + "(for example grafana/provisioning/datasources).");
        }
        if (datasources != null && !Files.isDirectory(datasources)) {
            return Optional.of("--datasources " + datasources + " is not a folder. Give Grafana's provisioning "
                    + "datasources folder.");
        }
        return Optional.empty();
    }

    private static void print(PrintWriter out, MigrationReport report) {
        out.println("Jaeger → Tempo in " + report.dashboards() + " (Tempo uid “" + report.tempoUid() + "”)"
                + (report.dryRun() ? ", dry run:" : ":"));
        printChanges(out, report.changedFiles(), report.changes());
        if (report.datasources().isPresent() && !report.datasourceChanges().isEmpty()) {
            out.println("Provisioning in " + report.datasources().get() + ":");
            printChanges(out, report.changedDatasourceFiles(), report.datasourceChanges());
        }
        for (String warning : report.warnings()) {
            out.println("warning: " + warning);
        }
        for (FileProblem problem : report.problems()) {
            out.println("problem: " + problem.file() + " " + problem.message());
        }
        long removed = report.datasourceChanges().stream().filter(change -> change.newValue().isEmpty()).count();
        String files = report.changes().size() + " reference" + (report.changes().size() == 1 ? "" : "s") + " in "
                + report.changedFiles().size() + " of " + report.filesScanned() + " dashboard file"
                + (report.filesScanned() == 1 ? "" : "s");
        String provisioning = report.datasourceChanges().isEmpty() ? ""
                : ", and " + report.datasourceChanges().size() + " in " + report.changedDatasourceFiles().size()
                        + " provisioning file" + (report.changedDatasourceFiles().size() == 1 ? "" : "s") + " (" + removed
                        + " Jaeger datasource" + (removed == 1 ? "" : "s") + " removed)";
        if (!report.changedAnything()) {
            out.println("No Jaeger references in the " + report.filesScanned() + " dashboard file"
                    + (report.filesScanned() == 1 ? "" : "s") + "; nothing changed.");
        } else if (report.dryRun()) {
            out.println("Dry run: " + files + provisioning + " would change; nothing was written.");
        } else {
            List<String> backups = new ArrayList<>();
            report.backup().ifPresent(folder -> backups.add(folder.toString()));
            report.datasourcesBackup().ifPresent(folder -> backups.add(folder.toString()));
            out.println("Changed " + files + provisioning + ". The originals are in " + String.join(" and ", backups) + ".");
        }
    }

    private static void printChanges(PrintWriter out, List<String> files, List<MigrationChange> changes) {
        for (String file : files) {
            out.println("  " + file);
            for (MigrationChange change : changes) {
                if (change.file().equals(file)) {
                    out.println("    " + change.pointer() + ": " + change.oldValue().orElse("(added)") + " → "
                            + change.newValue().orElse("(removed)"));
                }
            }
        }
    }

    private static Map<String, Object> document(MigrationReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", 1);
        document.put("dir", report.dashboards());
        document.put("tempoUid", report.tempoUid());
        document.put("dryRun", report.dryRun());
        document.put("filesScanned", report.filesScanned());
        document.put("filesChanged", report.changedFiles());
        document.put("backup", report.backup());
        document.put("changes", report.changes().stream().map(DashboardsMigrateCommand::describe).toList());
        if (report.datasources().isPresent()) {
            Map<String, Object> datasources = new LinkedHashMap<>();
            datasources.put("dir", report.datasources().get());
            datasources.put("filesChanged", report.changedDatasourceFiles());
            datasources.put("backup", report.datasourcesBackup());
            datasources.put("changes", report.datasourceChanges().stream().map(DashboardsMigrateCommand::describe).toList());
            document.put("datasources", datasources);
        } else {
            document.put("datasources", null);
        }
        document.put("warnings", report.warnings());
        document.put("problems", report.problems().stream().map(problem -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", problem.file());
            entry.put("message", problem.message());
            return entry;
        }).toList());
        return document;
    }

    private static Map<String, Object> describe(MigrationChange change) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", change.file());
        entry.put("path", change.pointer());
        entry.put("old", change.oldValue().map(DashboardsMigrateCommand::tree).orElse(null));
        entry.put("new", change.newValue().map(DashboardsMigrateCommand::tree).orElse(null));
        return entry;
    }

    private static Object tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
