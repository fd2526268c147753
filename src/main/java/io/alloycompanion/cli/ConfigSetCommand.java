package io.alloycompanion.cli;

import io.alloycompanion.core.config.edit.ComponentId;
import io.alloycompanion.core.config.edit.ConfigDocument;
import io.alloycompanion.core.config.edit.ConfigEditException;
import io.alloycompanion.core.config.edit.Value;
import io.alloycompanion.core.platform.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "set",
        description = "Change attributes inside a component, creating missing blocks on the way; only the changed "
                + "bytes change, comments and layout stay.%n"
                + "  path=value   sets a string (escaped for you)%n"
                + "  path:=expr   sets an expression as written, e.g. 'endpoint.basic_auth.password:=sys.env(\"GCLOUD_RW_API_KEY\")'%n"
                + "The file is written atomically; the previous version is kept as FILE.bak.")
final class ConfigSetCommand implements Callable<Integer> {

    private static final Set<String> SECRET_ATTRIBUTES = Set.of("password", "bearer_token", "api_key", "client_secret",
            "secret_key", "secret_access_key", "access_token", "auth_token", "token", "secret", "credentials");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The config file.")
    private Path file;

    @Parameters(index = "1", paramLabel = "COMPONENT",
            description = "The component: prometheus.remote_write.metrics_service, or 'prometheus.remote_write \"metrics_service\"'.")
    private String component;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "PATH=VALUE", description = "One or more assignments.")
    private List<String> assignments;

    @Option(names = "--dry-run", description = "Print the changed config instead of writing it.")
    private boolean dryRun;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ComponentId id = ComponentId.parse(component);
        try {
            ConfigDocument document = ConfigDocument.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            for (String assignment : assignments) {
                int expression = assignment.indexOf(":=");
                int plain = assignment.indexOf('=');
                if (plain <= 0) {
                    err.println("error: \"" + assignment + "\" is not PATH=VALUE or PATH:=EXPRESSION");
                    return ExitCodes.USAGE_OR_ENVIRONMENT;
                }
                boolean raw = expression > 0 && expression < plain;
                String path = assignment.substring(0, raw ? expression : plain);
                String value = assignment.substring(raw ? expression + 2 : plain + 1);
                String attribute = path.substring(path.lastIndexOf('.') + 1);
                if (value.contains("glc_") || (!raw && SECRET_ATTRIBUTES.contains(attribute))) {
                    // A token on a command line ends up in shell history, process lists and the config file.
                    err.println("error: not writing a secret into " + file + " from the command line (it would stay in your "
                            + "shell history and in the file). Set " + path + ":='sys.env(\"GCLOUD_RW_API_KEY\")' instead, "
                            + "and give Alloy the token in that environment variable.");
                    return ExitCodes.USAGE_OR_ENVIRONMENT;
                }
                document = document.set(id, path, raw ? Value.expression(value) : Value.string(value));
            }
            if (dryRun) {
                out.print(document.text());
                out.flush();
                return ExitCodes.OK;
            }
            AtomicFiles.writeWithBackup(file, document.text().getBytes(StandardCharsets.UTF_8));
            return ExitCodes.OK;
        } catch (ConfigEditException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.CHECK_FAILED;
        }
    }
}
