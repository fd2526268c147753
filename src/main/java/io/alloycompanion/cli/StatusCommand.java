package io.alloycompanion.cli;

import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.agent.ComponentHealth;
import io.alloycompanion.core.agent.ListenAddress;
import io.alloycompanion.core.platform.Json;
import java.io.PrintWriter;
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

@Command(name = "status",
        description = "Ask a running Alloy (this app's or any other) whether it is ready and healthy, its version and "
                + "its components' health. Exit 0 ready and healthy, 1 not ready, unhealthy or not answering.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--listen", paramLabel = "ADDR", defaultValue = ListenAddress.DEFAULT,
            description = "Alloy's HTTP address (default ${DEFAULT-VALUE}).")
    private String listen;

    @Option(names = "--json", description = "Print one JSON document (with schemaVersion).")
    private boolean json;

    StatusCommand(CliContext context) {
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!ListenAddress.valid(listen)) {
            err.println("error: --listen must be host:port (e.g. 127.0.0.1:12345), not " + listen);
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        AlloyApi api = new AlloyApi(AlloyApi.loopbackClient(), listen);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", 1);
        document.put("address", api.base().toString());
        boolean ready;
        boolean healthy;
        try {
            AlloyApi.Answer readyAnswer = api.ready();
            AlloyApi.Answer healthAnswer = api.healthy();
            ready = readyAnswer.ok();
            healthy = healthAnswer.ok();
            document.put("reachable", true);
            document.put("ready", ready);
            document.put("healthy", healthy);
            document.put("health", healthAnswer.body().strip());
            document.put("version", optional(api::version));
            List<ComponentHealth> components = ready ? api.components() : List.of();
            List<Map<String, Object>> list = new ArrayList<>();
            for (ComponentHealth component : components) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", component.id());
                entry.put("name", component.name());
                entry.put("module", component.module());
                entry.put("state", component.state().id());
                entry.put("message", component.message());
                entry.put("updated", component.updated().map(Object::toString).orElse(null));
                list.add(entry);
            }
            document.put("components", list);
        } catch (AlloyApi.Unreachable e) {
            document.put("reachable", false);
            document.put("ready", false);
            document.put("healthy", false);
            document.put("error", e.getMessage());
            if (json) {
                out.println(Json.write(document));
            } else {
                err.println("error: " + e.getMessage() + ". Is Alloy running? Start it with: alloy-companion run");
            }
            out.flush();
            err.flush();
            return ExitCodes.CHECK_FAILED;
        }
        if (json) {
            out.println(Json.write(document));
        } else {
            out.println("Alloy at " + api.base() + ": " + (ready ? "ready" : "not ready") + ", "
                    + (healthy ? "healthy" : document.get("health")) + ", version " + document.get("version"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> components = (List<Map<String, Object>>) document.get("components");
            for (Map<String, Object> component : components) {
                out.printf("  %-10s %-45s %s%n", component.get("state"), component.get("id"), component.get("message"));
            }
        }
        out.flush();
        return ready && healthy ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private interface Call<T> {
        Optional<T> get() throws AlloyApi.Unreachable, InterruptedException;
    }

    private static Object optional(Call<String> call) throws InterruptedException {
        try {
            return call.get().orElse(null);
        } catch (AlloyApi.Unreachable e) {
            return null;
        }
    }
}
