package io.alloycompanion.core.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alloycompanion.core.config.Validation;
import io.alloycompanion.core.config.edit.ComponentId;
import io.alloycompanion.core.config.edit.ConfigDocument;
import io.alloycompanion.core.config.lint.LintContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSourcesTextTest {

    @TempDir
    Path temp;

    @Test
    void linesBecomeTargetsAndLogFilesAndEachBadLineSaysWhichAndWhy() throws Exception {
        Path logs = Files.createDirectories(temp.resolve("app logs"));
        HostSourcesText.Result result = HostSourcesText.parse(
                List.of("worker=localhost:8787/metrics", "", "  api = 10.0.0.5:9000/prom  ", "nope", "mysql=localhost:3306",
                        "worker=localhost:9999"),
                List.of(logs + "/*.log", "relative/*.log", temp.resolve("missing") + "/x.log", ""));

        assertThat(result.sources().scrapes()).containsExactly(new StackSettings.Scrape("worker", "localhost:8787", "/metrics", 15),
                new StackSettings.Scrape("api", "10.0.0.5:9000", "/prom", 15));
        assertThat(result.targetProblems()).extracting(HostSourcesText.LineProblem::problem, HostSourcesText.LineProblem::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(HostSourcesText.Problem.TARGET_FORMAT, 4),
                        org.assertj.core.groups.Tuple.tuple(HostSourcesText.Problem.TARGET_DUPLICATE, 5),
                        org.assertj.core.groups.Tuple.tuple(HostSourcesText.Problem.TARGET_DUPLICATE, 6));
        assertThat(result.sources().logFiles()).containsExactly(logs + "/*.log");
        assertThat(result.logProblems()).extracting(HostSourcesText.LineProblem::problem)
                .containsExactly(HostSourcesText.Problem.LOG_RELATIVE, HostSourcesText.Problem.LOG_NO_FOLDER);
        assertThat(result.ok()).isFalse();
        assertThat(result.targetProblems().get(0).describe("--scrape"))
                .isEqualTo("--scrape 4 (nope): expected job=host:port or job=host:port/path, e.g. worker=localhost:8787/metrics");
        assertThat(HostSourcesText.targetLines(result.sources())).containsExactly("worker=localhost:8787", "api=10.0.0.5:9000/prom");
    }

    @Test
    void theContainerReachesThisComputersLoopbackAsHostDockerInternal() {
        assertThat(new StackSettings.Scrape("w", "localhost:8787", null, 0).containerAddress()).isEqualTo("host.docker.internal:8787");
        assertThat(new StackSettings.Scrape("w", "127.0.0.1:8787", null, 0).containerAddress()).isEqualTo("host.docker.internal:8787");
        assertThat(new StackSettings.Scrape("w", "[::1]:8787", null, 0).containerAddress()).isEqualTo("host.docker.internal:8787");
        assertThat(new StackSettings.Scrape("w", "db.internal:9104", null, 0).containerAddress()).isEqualTo("db.internal:9104");
    }

    @Test
    void eachLogFolderIsMountedOnceAndTheConfigTailsItThere() throws Exception {
        StackSettings settings = StackSettings.DEFAULTS.withHostSources(new StackSettings.HostSources(
                List.of(new StackSettings.Scrape("worker", "localhost:8787", "/metrics", 15)),
                List.of("/var/log/app/*.log", "/var/log/app/error-*.txt", "/srv/api/logs/api.log", "C:\\logs\\web\\*.log")));
        assertThat(StackLayout.hostLogs(settings)).containsExactly(
                new StackLayout.HostLog("/var/log/app/*.log", "/var/log/app", "/host/logs/0", "/host/logs/0/*.log"),
                new StackLayout.HostLog("/var/log/app/error-*.txt", "/var/log/app", "/host/logs/0", "/host/logs/0/error-*.txt"),
                new StackLayout.HostLog("/srv/api/logs/api.log", "/srv/api/logs", "/host/logs/1", "/host/logs/1/api.log"),
                new StackLayout.HostLog("C:\\logs\\web\\*.log", "C:\\logs\\web", "/host/logs/2", "/host/logs/2/*.log"));
        ContainerSpec alloy = StackLayout.container(settings, StackService.ALLOY);
        assertThat(alloy.hostMounts()).containsExactly(new ContainerSpec.Bind("/var/log/app", "/host/logs/0"),
                new ContainerSpec.Bind("/srv/api/logs", "/host/logs/1"), new ContainerSpec.Bind("C:\\logs\\web", "/host/logs/2"));
        assertThat(StackLayout.container(settings, StackService.LOKI).hostMounts()).isEmpty();
        assertThatThrownBy(() -> StackLayout.hostLogs(StackSettings.DEFAULTS.withHostSources(
                new StackSettings.HostSources(List.of(), List.of("app.log"))))).isInstanceOf(IllegalArgumentException.class);

        var files = StackFiles.generate(settings);
        String config = files.get(StackLayout.ALLOY_CONFIG);
        ConfigDocument doc = ConfigDocument.parse("config.alloy", config);
        assertThat(doc.getSource(ComponentId.parse("prometheus.scrape.worker"), "targets"))
                .contains("[{\"__address__\" = \"host.docker.internal:8787\"}]");
        assertThat(doc.getSource(ComponentId.parse("prometheus.scrape.worker"), "forward_to")).contains("[prometheus.remote_write.local.receiver]");
        assertThat(doc.getSource(ComponentId.parse("local.file_match.app_logs"), "path_targets"))
                .as("the stream says where the files are on this computer: filename is the container's path")
                .contains("[{\"__path__\" = \"/host/logs/0/*.log\", \"host_path\" = \"/var/log/app/*.log\"}]");
        assertThat(doc.getSource(ComponentId.parse("local.file_match.app_logs_4"), "path_targets"))
                .contains("[{\"__path__\" = \"/host/logs/2/*.log\", \"host_path\" = \"C:\\\\logs\\\\web\\\\*.log\"}]");
        assertThat(doc.getSource(ComponentId.parse("loki.source.file.app_logs_4"), "forward_to")).contains("[loki.write.local.receiver]");
        assertThat(Validation.validate("config.alloy", config, LintContext.NONE.inContainer()).diagnostics()).as(config).isEmpty();
        assertThat(files.get(StackLayout.COMPOSE)).contains("- /var/log/app:/host/logs/0:ro").contains("- /srv/api/logs:/host/logs/1:ro");
    }

    @Test
    void aStackWithoutHostSourcesKeepsTheSpecTextOfEarlierVersions() {
        // Containers made before are compared by this text: it must not change for them.
        assertThat(StackLayout.container(StackSettings.DEFAULTS, StackService.ALLOY).toString())
                .doesNotContain("secretEnv").doesNotContain("hostMounts").endsWith("extraHosts=[host.docker.internal:host-gateway]]");
    }

    @Test
    void whatAlloyOrDockerWouldGetWrongIsRefusedWithWhy() throws Exception {
        Path logs = Files.createDirectories(temp.resolve("logs"));
        HostSourcesText.Result result = HostSourcesText.parse(
                List.of("my-app=localhost:8080", "my_app=localhost:8081", "Worker=localhost:1", "worker=localhost:2",
                        "q=localhost:8787/metrics?x=1", "v6=::1:9000", "x=a=b:1", "zero=localhost:0", "big=localhost:70000",
                        "ok6=[::1]:9000"),
                List.of(logs.toString(), logs + "/", "/app.log", "/*.log", logs + "/*.log", logs + "/*.log"));
        assertThat(result.targetProblems()).extracting(HostSourcesText.LineProblem::line, HostSourcesText.LineProblem::problem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, HostSourcesText.Problem.TARGET_DUPLICATE),
                        org.assertj.core.groups.Tuple.tuple(5, HostSourcesText.Problem.TARGET_FORMAT),
                        org.assertj.core.groups.Tuple.tuple(6, HostSourcesText.Problem.TARGET_FORMAT),
                        org.assertj.core.groups.Tuple.tuple(7, HostSourcesText.Problem.TARGET_FORMAT),
                        org.assertj.core.groups.Tuple.tuple(8, HostSourcesText.Problem.TARGET_FORMAT),
                        org.assertj.core.groups.Tuple.tuple(9, HostSourcesText.Problem.TARGET_FORMAT));
        assertThat(result.sources().scrapes()).extracting(StackSettings.Scrape::job)
                .as("Alloy's labels are case-sensitive: Worker and worker are two").containsExactly("my-app", "Worker", "worker", "ok6");
        assertThat(result.sources().scrapes().get(3).containerAddress()).isEqualTo("host.docker.internal:9000");
        assertThat(result.logProblems()).extracting(HostSourcesText.LineProblem::line, HostSourcesText.LineProblem::problem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, HostSourcesText.Problem.LOG_FOLDER),
                        org.assertj.core.groups.Tuple.tuple(2, HostSourcesText.Problem.LOG_FOLDER),
                        org.assertj.core.groups.Tuple.tuple(3, HostSourcesText.Problem.LOG_ROOT),
                        org.assertj.core.groups.Tuple.tuple(4, HostSourcesText.Problem.LOG_ROOT),
                        org.assertj.core.groups.Tuple.tuple(6, HostSourcesText.Problem.LOG_DUPLICATE));
        assertThat(result.sources().logFiles()).containsExactly(logs + "/*.log");
        assertThat(result.logProblems().get(0).describe("--log-file")).endsWith("name the files in it, e.g. " + logs + "/*.log");
    }

    @Test
    void aTargetThatIsStillThereKeepsItsScrapeInterval() {
        StackSettings.HostSources before = new StackSettings.HostSources(
                List.of(new StackSettings.Scrape("worker", "localhost:8787", "/metrics", 60)), List.of());
        HostSourcesText.Result again = HostSourcesText.parse(HostSourcesText.targetLines(before), List.of(), before);
        assertThat(again.sources().scrapes()).containsExactly(new StackSettings.Scrape("worker", "localhost:8787", "/metrics", 60));
        HostSourcesText.Result moved = HostSourcesText.parse(List.of("worker=localhost:9999"), List.of(), before);
        assertThat(moved.sources().scrapes().get(0).intervalSeconds()).isEqualTo(15);
    }
}
