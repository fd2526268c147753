package io.alloycompanion.ui.credentials;

import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.testsupport.FakeTokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.testsupport.TestCredentials;
import io.alloycompanion.ui.common.ControlledTaskExecutor;
import io.alloycompanion.ui.common.Localization;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credential manager's logic without a toolkit: background work runs when the test says so. */
class CredentialsViewModelTest {

    // {"o":"42","n":"wizard","k":"x","m":{"r":"prod-eu-west-2"}}
    private static final String TOKEN = FakeTokens.cloud("42", "wizard", "prod-eu-west-2");

    @TempDir
    Path temp;

    private MockWebServer server;
    private final ControlledTaskExecutor executor = new ControlledTaskExecutor();
    private CredentialsViewModel model;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return switch (request.getPath()) {
                    case "/gcom/api/instances/mystack" -> new MockResponse().setBody("{\"id\":7,\"hmInstancePromId\":111,"
                            + "\"hmInstancePromUrl\":\"" + server.url("/prom") + "\",\"hlInstanceId\":222,\"hlInstanceUrl\":\""
                            + server.url("/loki") + "\"}");
                    case "/prom/api/prom/push" -> new MockResponse().setResponseCode(204);
                    case "/loki/loki/api/v1/push" -> new MockResponse().setResponseCode(401);
                    default -> new MockResponse().setResponseCode(404);
                };
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        var services = TestCredentials.inMemory(temp, server.url("/gcom").toString());
        model = new CredentialsViewModel(services.manager(), services.stores(), services.tester(), services.discovery(),
                executor, Runnable::run, new Localization(Locale.ENGLISH));
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void aFirstProfileIsDiscoveredSavedAndTestedWithEachSignalExplained() throws Exception {
        model.load();
        executor.runAll();
        assertThat(model.nameProperty().get()).isEqualTo("dev");

        model.stackProperty().set("https://mystack.grafana.net");
        model.tokenProperty().set(TOKEN);
        assertThat(model.tokenInfoProperty().get()).contains("organisation 42").contains("prod-eu-west-2");
        model.discover();
        executor.runAll();
        assertThat(model.row(Signal.METRICS).usernameProperty().get()).isEqualTo("111");
        assertThat(model.row(Signal.LOGS).urlProperty().get()).endsWith("/loki/loki/api/v1/push");
        assertThat(model.savedProperty().get()).isFalse();

        model.save();
        executor.runAll();
        executor.runAll(); // the reload of the saved profile
        assertThat(model.savedProperty().get()).isTrue();
        assertThat(model.tokenProperty().get()).isEmpty();
        assertThat(model.storedTokenProperty().get()).startsWith("glc_…");
        assertThat(model.activeProperty().get()).contains("dev");
        assertThat(Files.readString(temp.resolve("profiles.json"))).contains("\"username\" : \"111\"").doesNotContain("glc_");

        model.testAll();
        assertThat(model.row(Signal.METRICS).stateProperty().get()).isEqualTo(SignalRow.State.TESTING);
        executor.runAll();
        assertThat(model.row(Signal.METRICS).stateProperty().get()).isEqualTo(SignalRow.State.OK);
        assertThat(model.row(Signal.LOGS).stateProperty().get()).isEqualTo(SignalRow.State.FAILED);
        assertThat(model.row(Signal.LOGS).messageProperty().get()).contains("“222” is the wrong username").contains("hlInstanceId");
        assertThat(model.row(Signal.TRACES).stateProperty().get()).isEqualTo(SignalRow.State.SKIPPED);
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo("1 signals failed: see each line for why and what to do.");
    }

    @Test
    void refusedTokensBlockSavingAndEditsMakeTheProfileUnsavedAgain() {
        model.nameProperty().set("dev");
        model.tokenProperty().set(FakeTokens.serviceAccount());
        assertThat(model.tokenRefusalProperty().get()).contains("service account");
        assertThat(model.canSave().get()).isFalse();
        model.tokenProperty().set(TOKEN);
        assertThat(model.canSave().get()).isTrue();
        model.nameProperty().set("no spaces allowed");
        assertThat(model.canSave().get()).isFalse();
    }

    @Test
    void theEncryptedFileAsksForItsPassphraseFirst() {
        model.nameProperty().set("dev");
        model.tokenProperty().set(TOKEN);
        model.storeProperty().set(SecretLocation.ENCRYPTED_FILE);
        model.save();
        executor.runAll();
        assertThat(model.messageProperty().get()).isEqualTo("Type the passphrase of the encrypted file first.");
        model.passphraseProperty().set("correct horse battery staple");
        model.tokenProperty().set(TOKEN);
        model.save();
        assertThat(model.passphraseProperty().get()).isEmpty();
        executor.runAll();
        executor.runAll();
        assertThat(model.savedProperty().get()).isTrue();
        assertThat(model.selectedProperty().get()).isEqualTo(Optional.of("dev"));
    }

    @Test
    void duplicateAndDeleteKeepTheListAndActiveProfileRight() {
        model.nameProperty().set("dev");
        model.tokenProperty().set(TOKEN);
        model.save();
        executor.runAll();
        executor.runAll();
        model.duplicate("prod");
        executor.runAll();
        executor.runAll();
        assertThat(model.profiles()).containsExactly("dev", "prod");
        assertThat(model.selectedProperty().get()).contains("prod");
        assertThat(model.storedTokenProperty().get()).startsWith("glc_…");
        model.delete();
        executor.runAll();
        executor.runAll();
        assertThat(model.profiles()).containsExactly("dev");
        assertThat(model.selectedProperty().get()).contains("dev");
        assertThat(executor.unexpected()).isEmpty();
    }

    @Test
    void aReadTokenIsSavedWithTheProfileShownMaskedAndRemoved() throws Exception {
        String readToken = FakeTokens.cloud("42", "reader", "prod-eu-west-2");
        model.nameProperty().set("dev");
        model.tokenProperty().set(TOKEN);
        model.readTokenProperty().set(FakeTokens.serviceAccount());
        assertThat(model.readTokenRefusalProperty().get()).contains("metrics:read, logs:read and traces:read");
        assertThat(model.canSave().get()).isFalse();
        model.readTokenProperty().set(readToken);
        assertThat(model.readTokenRefusalProperty().get()).isEmpty();
        assertThat(model.canSave().get()).isTrue();

        model.save();
        executor.runAll();
        executor.runAll(); // the reload of the saved profile
        assertThat(model.readTokenProperty().get()).isEmpty();
        assertThat(model.hasStoredReadTokenProperty().get()).isTrue();
        assertThat(model.storedReadTokenProperty().get()).isEqualTo("glc_…" + readToken.substring(readToken.length() - 4));
        assertThat(model.storedTokenProperty().get()).isEqualTo("glc_…" + TOKEN.substring(TOKEN.length() - 4));
        assertThat(Files.readString(temp.resolve("profiles.json"))).contains("profile/dev/read").doesNotContain(readToken);

        // Saving again without pasting it keeps it.
        model.stackProperty().set("mystack");
        model.save();
        executor.runAll();
        executor.runAll();
        assertThat(model.hasStoredReadTokenProperty().get()).isTrue();

        model.removeReadToken();
        executor.runAll();
        executor.runAll();
        assertThat(model.hasStoredReadTokenProperty().get()).isFalse();
        assertThat(model.storedReadTokenProperty().get()).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("Removed the read token of dev. It still works in Grafana Cloud "
                + "until you revoke it there.");
        assertThat(model.hasStoredTokenProperty().get()).as("the token stays").isTrue();
        assertThat(executor.unexpected()).isEmpty();
    }

    @Test
    void aGrafanaTokenIsSavedWithTheProfileShownMaskedAndRemovedAndAnAccessPolicyTokenIsRefused() throws Exception {
        String grafanaToken = FakeTokens.serviceAccount();
        model.nameProperty().set("dev");
        model.tokenProperty().set(TOKEN);
        model.grafanaTokenProperty().set(FakeTokens.cloud());
        assertThat(model.grafanaTokenRefusalProperty().get()).contains("glc_").contains("service account token (glsa_…)")
                .contains("Administration → Users and access → Service accounts");
        assertThat(model.canSave().get()).isFalse();
        model.grafanaTokenProperty().set(grafanaToken);
        assertThat(model.grafanaTokenRefusalProperty().get()).isEmpty();
        assertThat(model.canSave().get()).isTrue();

        model.save();
        executor.runAll();
        executor.runAll();
        assertThat(model.grafanaTokenProperty().get()).isEmpty();
        assertThat(model.hasStoredGrafanaTokenProperty().get()).isTrue();
        try (Secret secret = Secret.of(grafanaToken.toCharArray())) {
            assertThat(model.storedGrafanaTokenProperty().get()).isEqualTo(secret.masked());
        }
        assertThat(Files.readString(temp.resolve("profiles.json"))).contains("profile/dev/grafana").doesNotContain(grafanaToken);

        model.removeGrafanaToken();
        executor.runAll();
        executor.runAll();
        assertThat(model.hasStoredGrafanaTokenProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("Removed the Grafana token of dev. It still works in Grafana "
                + "until you delete it there.");
        assertThat(model.hasStoredTokenProperty().get()).as("the token stays").isTrue();
        assertThat(executor.unexpected()).isEmpty();
    }
}
