package io.alloycompanion.cli;

import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.Profiles;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.platform.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List the stack profiles; * marks the active one.")
final class CredentialsListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
    private boolean json;

    private final CliContext context;

    CredentialsListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Profiles profiles;
        try {
            profiles = context.credentials().profiles();
        } catch (ProfileException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("schemaVersion", 1);
            document.put("active", profiles.active());
            document.put("profiles", profiles.profiles().stream().map(CredentialsShowCommand::describe).toList());
            out.println(Json.write(document));
            return ExitCodes.OK;
        }
        List<StackProfile> all = profiles.profiles();
        if (all.isEmpty()) {
            out.println("No profiles yet. Add one: alloy-companion credentials add --profile dev --stack <slug> --token-stdin");
            return ExitCodes.OK;
        }
        for (StackProfile profile : all) {
            boolean active = profiles.active().filter(profile.name()::equals).isPresent();
            out.printf("%s %-20s %-24s %s%n", active ? "*" : " ", profile.name(), profile.stack().orElse("-"),
                    profile.endpoints().keySet().stream().map(signal -> signal.id()).reduce((a, b) -> a + "," + b).orElse("no endpoints"));
        }
        return ExitCodes.OK;
    }
}
