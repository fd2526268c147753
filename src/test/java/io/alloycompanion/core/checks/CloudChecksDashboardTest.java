package io.alloycompanion.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alloycompanion.core.cloud.ConnectionTester;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.DataQueries;
import io.alloycompanion.core.cloud.ProfileStore;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.config.lint.LintContext;
import io.alloycompanion.core.grafana.DashboardImport;
import io.alloycompanion.core.grafana.ImportReport;
import io.alloycompanion.core.grafana.StarterDashboardImport;
import io.alloycompanion.core.secrets.MemorySecretStore;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.stack.StackFiles;
import io.alloycompanion.testsupport.FakeGrafana;
import io.alloycompanion.testsupport.FakeTokens;
import java.net.ProxySelector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud-dashboard check against a local server answering like Grafana's HTTP API (FakeGrafana), and the fix that
 * imports the bundled starter dashboard with the profile's Grafana token.
 */
class CloudChecksDashboardTest {

    private static final String WRITE_TOKEN = FakeTokens.cloud("1234567", "writer", "prod-us-east-0");
    private static final String GRAFANA_TOKEN = FakeTokens.serviceAccount();
    private static final Texts ENGLISH = new Texts(Locale.ENGLISH);

    @TempDir
    Path temp;

    private final MemorySecretStore keychain = new MemorySecretStore();
    private final List<FakeGrafana> grafanas = new ArrayList<>();

    @AfterEach
    void stop() {
        grafanas.forEach(FakeGrafana::close);
    }

    private FakeGrafana grafana() throws Exception {
        // Grafana Cloud's own datasource uids, not the local stack's prometheus/loki/tempo.
        FakeGrafana grafana = new FakeGrafana().withDatasource("grafanacloud-prom", "grafanacloud-test-prom", "prometheus", true)
                .withDatasource("grafanacloud-logs", "grafanacloud-test-logs", "loki", false)
                .withDatasource("grafanacloud-traces", "grafanacloud-test-traces", "tempo", false)
                .requireToken(GRAFANA_TOKEN);
        grafanas.add(grafana);
        return grafana;
    }

    private CredentialManager credentials() {
        return new CredentialManager(new ProfileStore(temp.resolve("profiles.json")), location -> keychain);
    }

    private void saveProfile(Optional<String> stackUrl, Optional<String> grafanaToken) throws Exception {
        CredentialManager credentials = credentials();
        try (Secret write = Secret.of(WRITE_TOKEN.toCharArray())) {
            credentials.save(StackProfile.named("dev").withStack(Optional.of("test"), stackUrl), Optional.of(write),
                    SecretLocation.KEYCHAIN);
        }
        credentials.activate("dev");
        if (grafanaToken.isPresent()) {
            try (Secret token = Secret.of(grafanaToken.get().toCharArray())) {
                credentials.saveGrafanaToken("dev", token, SecretLocation.KEYCHAIN);
            }
        }
    }

    private CheckResult run() throws Exception {
        CloudChecks.Services services = new CloudChecks.Services(null, credentials(), new ConnectionTester(ProxySelector.of(null)),
                null, null, null, LintContext.NONE, new DataQueries(ProxySelector.of(null)), ProxySelector.of(null));
        CloudChecks.Setup setup = new CloudChecks.Setup(temp.resolve("config.alloy"), "127.0.0.1:1", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        List<Check> checks = new CloudChecks(setup, services).all().stream()
                .filter(check -> Set.of("credentials-token", "cloud-dashboard").contains(check.id())).toList();
        assertThat(checks).hasSize(2);
        return new CheckRunner().run(checks, new CheckRunner.Listener() { }).stream()
                .filter(result -> result.id().equals("cloud-dashboard")).findFirst().orElseThrow();
    }

    private static String summary(CheckResult result) {
        return ENGLISH.render(result.summary());
    }

    @Test
    void comesAfterTheTokenCheck() {
        CloudChecks.Services services = new CloudChecks.Services(null, credentials(), null, null, null, null, LintContext.NONE,
                null, ProxySelector.of(null));
        Check check = new CloudChecks(new CloudChecks.Setup(temp.resolve("config.alloy"), "127.0.0.1:1", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), services).all().stream()
                .filter(found -> found.id().equals("cloud-dashboard")).findFirst().orElseThrow();
        assertThat(check.dependsOn()).containsExactly("credentials-token");
        assertThat(ENGLISH.render(check.title())).isEqualTo("The starter dashboard is in the stack’s Grafana");
    }

    @Test
    void skippedWithoutAGrafanaTokenOrWithoutTheStacksGrafanaAddress() throws Exception {
        saveProfile(Optional.of("https://test.grafana.net"), Optional.empty());
        CheckResult noToken = run();
        assertThat(noToken.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(summary(noToken)).contains("Profile dev has no Grafana token").contains("credentials grafana-token");

        saveProfile(Optional.empty(), Optional.of(GRAFANA_TOKEN));
        CheckResult noAddress = run();
        assertThat(noAddress.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(summary(noAddress)).contains("Profile dev has no Grafana address");
    }

    @Test
    void aMissingStarterDashboardWarnsWithTheImportFixAndTheFixImportsItWithTheStacksOwnDatasources() throws Exception {
        FakeGrafana grafana = grafana();
        saveProfile(Optional.of(grafana.url() + "/"), Optional.of(GRAFANA_TOKEN));

        CheckResult missing = run();
        assertThat(missing.status()).isEqualTo(CheckStatus.WARN);
        assertThat(summary(missing)).isEqualTo("The starter dashboard is not in the stack’s Grafana at " + grafana.url()
                + ". Import it: its panels then use that Grafana’s own datasources.");
        assertThat(missing.fix()).contains(Fix.IMPORT_DASHBOARD);
        assertThat(Fix.IMPORT_DASHBOARD.command()).isEqualTo("alloy-companion dashboards import --profile PROFILE --starter");
        assertThat(missing.evidence()).containsEntry("import", "alloy-companion dashboards import --profile dev --starter");
        FakeGrafana.Request asked = grafana.requests().get(0);
        assertThat(asked.method() + " " + asked.path()).isEqualTo("GET /api/dashboards/uid/" + StackFiles.STARTER_DASHBOARD_UID);
        assertThat(asked.authorization()).contains("Bearer " + GRAFANA_TOKEN);
        assertThat(String.valueOf(missing.evidence())).doesNotContain(GRAFANA_TOKEN);

        // The fix, as the desktop Checklist runs it: the bundled starter with the stored token.
        ImportReport report = StarterDashboardImport.run(credentials(), Optional.empty(), ProxySelector.of(null));
        assertThat(report.failed()).isZero();
        DashboardImport.Imported imported = (DashboardImport.Imported) report.dashboards().get(0);
        assertThat(imported.uid()).isEqualTo(StackFiles.STARTER_DASHBOARD_UID);
        assertThat(imported.notes()).hasSize(3);
        JsonNode saved = grafana.savedDashboard(StackFiles.STARTER_DASHBOARD_UID).orElseThrow();
        Set<String> uids = new TreeSet<>();
        saved.findValues("datasource").stream().filter(JsonNode::isObject).forEach(reference -> uids.add(
                reference.path("type").asText() + "=" + reference.path("uid").asText()));
        // Every reference to the local stack's uids now names the Grafana Cloud datasource of its type.
        assertThat(uids).contains("prometheus=grafanacloud-prom", "loki=grafanacloud-logs", "tempo=grafanacloud-traces")
                .noneMatch(reference -> reference.endsWith("=prometheus") || reference.endsWith("=loki") || reference.endsWith("=tempo"));

        CheckResult found = run();
        assertThat(found.status()).isEqualTo(CheckStatus.PASS);
        String url = grafana.url() + "/d/" + StackFiles.STARTER_DASHBOARD_UID + "/" + saved.path("title").asText()
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        assertThat(summary(found)).isEqualTo("“" + saved.path("title").asText() + "” is in the folder General: " + url);
        assertThat(found.evidence()).containsEntry("title", saved.path("title").asText()).containsEntry("folder", "General")
                .containsEntry("url", url);
    }

    @Test
    void aTokenGrafanaDoesNotAcceptFailsWithTheCredentialsFix() throws Exception {
        FakeGrafana grafana = grafana();
        saveProfile(Optional.of(grafana.url()), Optional.of(FakeTokens.serviceAccount().replace("fake", "gone")));
        CheckResult result = run();
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(summary(result)).startsWith("Grafana at " + grafana.url() + " did not accept the Grafana token of profile dev (401)");
        assertThat(result.fix()).contains(Fix.OPEN_CREDENTIALS);
    }

    @Test
    void aServiceAccountThatMayNotReadDashboardsFailsNamingThePermission() throws Exception {
        FakeGrafana grafana = grafana().forbidDashboardReads();
        saveProfile(Optional.of(grafana.url()), Optional.of(GRAFANA_TOKEN));
        CheckResult result = run();
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(summary(result)).contains("(403)").contains("Editor role");
        assertThat(result.fix()).contains(Fix.OPEN_CREDENTIALS);
    }
}
