package io.alloycompanion.cli;

import io.alloycompanion.core.config.edit.ComponentId;
import io.alloycompanion.core.config.edit.ConfigDocument;
import io.alloycompanion.core.config.edit.ConfigEditException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get", description = "Print the value of an attribute inside a component, as written. Exit 1 when it is not there.")
final class ConfigGetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    private Path file;

    @Parameters(index = "1", paramLabel = "COMPONENT")
    private String component;

    @Parameters(index = "2", paramLabel = "PATH", description = "e.g. endpoint.basic_auth.username")
    private String path;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ConfigDocument document = ConfigDocument.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            Optional<String> value = document.getSource(ComponentId.parse(component), path);
            if (value.isEmpty()) {
                err.println("error: " + component + " has no " + path);
                return ExitCodes.CHECK_FAILED;
            }
            out.println(value.get());
            out.flush();
            return ExitCodes.OK;
        } catch (ConfigEditException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.CHECK_FAILED;
        }
    }
}
