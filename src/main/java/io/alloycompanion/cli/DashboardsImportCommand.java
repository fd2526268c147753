package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.grafana.DashboardImport;
import io.alloycompanion.core.grafana.DashboardImporter;
import io.alloycompanion.core.grafana.GrafanaClient;
import io.alloycompanion.core.grafana.GrafanaException;
import io.alloycompanion.core.grafana.ImportReport;
import io.alloycompanion.core.platform.EnvironmentProxySelector;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import",
        description = "Import dashboard JSON files (or every *.json in the folders given), and with --starter the app's "
                + "bundled starter dashboard, into a Grafana through its HTTP API, overwriting dashboards with the same uid. Each __inputs datasource is mapped to a "
                + "datasource of its type in that Grafana (--datasource names one; else the default or first of the "
                + "type); datasource uids that Grafana lacks are pointed at one of the same type. Without a token the calls are anonymous (the local stack's Grafana allows that); a service "
                + "account token is read from stdin (--token-stdin) or asked for with input hidden, never taken from the "
                + "command line; with --profile the profile's stored Grafana token. Exit 0 all imported, 1 any dashboard not imported, 2 usage error or Grafana unusable "
                + "(unreachable, token refused, missing permission).")
final class DashboardsImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--grafana", paramLabel = "URL",
            description = "Grafana's address, as opened in a browser (for example http://localhost:3000); with "
                    + "--profile, the profile's stack URL by default.")
    private String grafana;

    @Option(names = "--profile", paramLabel = "NAME", description = "A Grafana Cloud profile: its stack URL is the "
            + "Grafana (unless --grafana is given) and its stored Grafana service account token (credentials "
            + "grafana-token) is used (unless --token-stdin).")
    private String profile;

    @picocli.CommandLine.Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    @Option(names = "--folder", paramLabel = "TITLE", description = "Import into this folder, created when there is "
            + "none with this title (default: General).")
    private String folder;

    @Option(names = "--token-stdin", description = "Read a service account token (glsa_…) from standard input.")
    private boolean tokenStdin;

    @Option(names = "--datasource", paramLabel = "TYPE=NAME", description = "Use the datasource named NAME for the "
            + "dashboards' TYPE inputs (for example prometheus=Mimir); repeat for each type.")
    private Map<String, String> datasources = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
    private boolean json;

    @Option(names = "--starter", description = "Also import the starter dashboard the app bundles (uid "
            + "alloy-companion-starter: request rate, errors, duration, logs and traces of your service); its "
            + "prometheus, loki and tempo datasources become those of the same type in that Grafana.")
    private boolean starter;

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = "Dashboard JSON files, or folders of them "
            + "(none needed with --starter).")
    private List<Path> paths = new ArrayList<>();

    private final CliContext context;

    DashboardsImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!passphrase.compatibleWithTokenStdin(tokenStdin, err)) {
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Optional<StackProfile> chosen = Optional.empty();
        CredentialManager credentials = null;
        if (profile != null) {
            credentials = passphrase.credentials(context);
            try {
                chosen = Optional.of(credentials.require(profile));
            } catch (ProfileException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE_OR_ENVIRONMENT;
            }
        }
        String address = grafana != null ? grafana : chosen.flatMap(StackProfile::stackUrl).orElse(null);
        if (address == null) {
            err.println(chosen.isPresent()
                    ? "error: the profile " + profile + " has no stack URL: give --grafana URL, or add the stack with "
                            + "`alloy-companion credentials add --profile " + profile + " --stack SLUG`."
                    : "error: give --grafana URL (Grafana's address), or --profile NAME for a Grafana Cloud stack's.");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        URI url;
        try {
            url = GrafanaClient.parseUrl(address);
        } catch (IllegalArgumentException e) {
            err.println("error: " + (grafana != null ? "--grafana" : "the profile's stack URL") + ": " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        if (folder != null && folder.isBlank()) {
            err.println("error: --folder is empty. Give a folder title, or leave --folder out for General.");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        if (paths.isEmpty() && !starter) {
            err.println("error: nothing to import: give dashboard files or folders, or --starter for the bundled "
                    + "starter dashboard.");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        List<DashboardImporter.Source> files = new ArrayList<>();
        if (starter) {
            files.add(DashboardImporter.Source.starter());
        }
        try {
            DashboardImporter.dashboardFiles(paths).forEach(file -> files.add(DashboardImporter.Source.of(file)));
        } catch (NoSuchFileException e) {
            err.println("error: " + e.getFile() + ": no such file or folder.");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        if (files.isEmpty()) {
            err.println("error: no *.json files in " + String.join(", ", paths.stream().map(Path::toString).toList()) + ".");
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        Optional<Secret> token = Optional.empty();
        try {
            if (tokenStdin) {
                token = Optional.of(TokenInput.fromStream(context.stdin()));
                Optional<String> refusal = refusal(token.get());
                if (refusal.isPresent()) {
                    err.println("error: " + refusal.get());
                    return ExitCodes.USAGE_OR_ENVIRONMENT;
                }
            } else if (chosen.isPresent()) {
                try {
                    token = credentials.grafanaToken(chosen.get());
                } catch (SecretStoreException e) {
                    err.println("error: the Grafana token of the profile " + profile + " cannot be read: " + e.getMessage());
                    return ExitCodes.USAGE_OR_ENVIRONMENT;
                }
            }
            DashboardImporter.Options options = new DashboardImporter.Options(Optional.ofNullable(folder).map(String::strip),
                    datasources);
            ImportReport report;
            try {
                report = importWith(url, token, files, options);
            } catch (GrafanaException e) {
                if (e.reason() != GrafanaException.Reason.UNAUTHORIZED || token.isPresent()) {
                    return fail(out, err, url, e, token.isPresent());
                }
                // Anonymous access is off there: ask for a token on the terminal, when there is one.
                token = TokenInput.prompt("Grafana at " + url + " needs a service account token (glsa_…, input hidden): ");
                if (token.isEmpty()) {
                    return fail(out, err, url, e, false);
                }
                Optional<String> refusal = refusal(token.get());
                if (refusal.isPresent()) {
                    err.println("error: " + refusal.get());
                    return ExitCodes.USAGE_OR_ENVIRONMENT;
                }
                try {
                    report = importWith(url, token, files, options);
                } catch (GrafanaException again) {
                    return fail(out, err, url, again, true);
                }
            }
            if (json) {
                out.println(Json.write(document(report)));
            } else {
                print(out, report);
            }
            return report.failed() == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        } finally {
            token.ifPresent(Secret::close);
        }
    }

    private ImportReport importWith(URI url, Optional<Secret> token, List<DashboardImporter.Source> files,
                                    DashboardImporter.Options options) throws GrafanaException, InterruptedException {
        GrafanaClient client = new GrafanaClient(url, token, EnvironmentProxySelector.forMachine(context.env()));
        return new DashboardImporter(client).importDashboards(files, options);
    }

    /** A token that cannot be a Grafana service account token, and why. */
    private static Optional<String> refusal(Secret token) {
        if (token.isEmpty()) {
            return Optional.of("no token: standard input was empty. Pipe the service account token, for example "
                    + "alloy-companion dashboards import --grafana URL --token-stdin FILE < token.txt");
        }
        boolean cloudToken = token.reveal(chars -> new String(chars, 0, Math.min(4, chars.length)).equals("glc_"));
        if (cloudToken) {
            return Optional.of("this is a Grafana Cloud access policy token (glc_…), which Grafana’s own HTTP API does "
                    + "not accept. Create a service account token (glsa_…) in Grafana: Administration → Users and access "
                    + "→ Service accounts.");
        }
        return Optional.empty();
    }

    private int fail(PrintWriter out, PrintWriter err, URI url, GrafanaException e, boolean hadToken) {
        String hint = switch (e.reason()) {
            case UNAUTHORIZED -> hadToken ? "" : " Pipe the token with --token-stdin (for example: alloy-companion "
                    + "dashboards import --grafana " + url + " --token-stdin FILE < token.txt), or run the command in a "
                    + "terminal to be asked for it.";
            default -> "";
        };
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("schemaVersion", 1);
            document.put("grafana", url.toString());
            document.put("error", e.getMessage() + hint);
            document.put("reason", reason(e.reason()));
            out.println(Json.write(document));
        } else {
            err.println("error: " + e.getMessage() + hint);
        }
        return ExitCodes.USAGE_OR_ENVIRONMENT;
    }

    private static String reason(GrafanaException.Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void print(PrintWriter out, ImportReport report) {
        out.println("Grafana " + report.grafanaVersion() + " at " + report.grafana()
                + report.folder().map(found -> ", folder “" + found.title() + "”" + (report.folderCreated() ? " (created)" : ""))
                        .orElse(", folder General") + ":");
        for (DashboardImport result : report.dashboards()) {
            if (result instanceof DashboardImport.Imported imported) {
                out.println("  ✔ " + imported.title() + ": " + imported.url() + " (version " + imported.version() + ", "
                        + imported.status() + ")");
                imported.inputs().forEach((name, value) -> out.println("      " + name + " → " + value));
                imported.notes().forEach(note -> out.println("      note: " + note));
            } else if (result instanceof DashboardImport.Failed failed) {
                out.println("  ✖ " + failed.title().map(title -> title + " (" + failed.file() + ")").orElse(failed.file())
                        + ": " + failed.error());
            }
        }
        out.println("Imported " + report.imported() + " of " + report.dashboards().size() + " dashboard"
                + (report.dashboards().size() == 1 ? "" : "s") + ".");
    }

    private static Map<String, Object> document(ImportReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", 1);
        document.put("grafana", report.grafana().toString());
        document.put("grafanaVersion", report.grafanaVersion());
        document.put("folder", report.folder().map(found -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("title", found.title());
            entry.put("uid", found.uid());
            entry.put("created", report.folderCreated());
            return entry;
        }));
        document.put("imported", report.imported());
        document.put("failed", report.failed());
        document.put("dashboards", report.dashboards().stream().map(DashboardsImportCommand::describe).toList());
        return document;
    }

    private static Map<String, Object> describe(DashboardImport result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", result.file());
        if (result instanceof DashboardImport.Imported imported) {
            entry.put("title", imported.title());
            entry.put("uid", imported.uid());
            entry.put("url", imported.url());
            entry.put("status", imported.status());
            entry.put("version", imported.version());
            entry.put("inputs", new LinkedHashMap<>(imported.inputs()));
            entry.put("notes", imported.notes());
        } else if (result instanceof DashboardImport.Failed failed) {
            entry.put("title", failed.title());
            entry.put("status", "failed");
            entry.put("reason", reason(failed.reason()));
            entry.put("error", failed.error());
        }
        return entry;
    }
}
