package io.alloycompanion.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.agent.AlloyApi;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.stack.StackService;
import io.alloycompanion.core.stack.StackSettings;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Grafana Cloud items of a local stack that also sends there ("both"), about the stack's Alloy. */
class CloudChecksForwardingTest {

    @TempDir
    Path dir;

    private List<Check> forwarding() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        StackSettings settings = StackSettings.DEFAULTS.withHostPort(StackService.ALLOY, closed);
        CloudChecks.Services services = new CloudChecks.Services(null, null, null, null, AlloyApi.loopbackClient(), null,
                new LintContext(Optional.of("http://proxy.example:3128")), null, null);
        return new CloudChecks(CloudChecks.Setup.forLocalStack(dir, settings, Optional.empty()), services)
                .forwarding(LocalStackChecks.ALLOY_READY);
    }

    @Test
    void theItemsAboutTheAgentOnThisComputerAreLeftOutAndTheirDependentsWaitOnTheStacksAlloy() throws Exception {
        Map<String, List<String>> dependsOn = forwarding().stream().collect(Collectors.toMap(Check::id, Check::dependsOn,
                (a, b) -> a, java.util.LinkedHashMap::new));
        assertThat(dependsOn.keySet()).containsExactly("credentials-token", "credentials-leaks", "config-valid",
                "config-endpoints", "cloud-metrics", "cloud-logs", "cloud-traces", "cloud-otlp", "alloy-metrics-sent",
                "alloy-spans-sent", "cloud-metrics-visible", "cloud-logs-visible", "cloud-traces-visible", "cloud-dashboard");
        assertThat(dependsOn.get("alloy-metrics-sent")).containsExactly(LocalStackChecks.ALLOY_READY);
        assertThat(dependsOn.get("alloy-spans-sent")).containsExactly(LocalStackChecks.ALLOY_READY);
        assertThat(dependsOn.values()).noneMatch(ids -> ids.contains("agent-running"));
    }

    @Test
    void fixesPointAtTheStackNotAtTheAgentOrTheConfigScreen() throws Exception {
        Map<String, Check> byId = forwarding().stream().collect(Collectors.toMap(Check::id, check -> check));
        Check.Outcome sent = byId.get("alloy-metrics-sent").run();
        assertThat(sent.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(sent.fix()).contains(Fix.START_STACK);

        Check.Outcome config = byId.get("config-valid").run();
        assertThat(config.status()).as("no alloy/config.alloy in the folder").isEqualTo(CheckStatus.FAIL);
        assertThat(config.evidence()).containsEntry("file", dir.resolve("alloy/config.alloy").toString());
        assertThat(config.fix()).as("the Config screen edits another file").isEmpty();
    }
}
