package io.alloycompanion.ui.credentials;

import io.alloycompanion.core.cloud.ConnectionTester;
import io.alloycompanion.core.cloud.CredentialManager;
import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.ProbeResult;
import io.alloycompanion.core.cloud.ProfileException;
import io.alloycompanion.core.cloud.Profiles;
import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.cloud.StackDiscovery;
import io.alloycompanion.core.cloud.StackProfile;
import io.alloycompanion.core.cloud.TokenInspection;
import io.alloycompanion.core.cloud.TokenInspector;
import io.alloycompanion.core.secrets.Secret;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.core.secrets.SecretStoreException;
import io.alloycompanion.ui.common.BackgroundTask;
import io.alloycompanion.ui.common.Localization;
import io.alloycompanion.ui.common.TaskExecutor;
import io.alloycompanion.ui.common.TaskHandle;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The credential manager without controls: the profile list, the form of the selected profile (stack, token, the
 * optional read token for the checklist's read-back checks, per-signal URL and username, where the tokens are kept),
 * and the slow work — keychain access, discovery and the connection tests — run in the background with progress and
 * cancel. Shared by the Credentials screen and the wizard's credentials step.
 */
public final class CredentialsViewModel {

    private final CredentialManager manager;
    private final DesktopSecretStores stores;
    private final ConnectionTester tester;
    private final Supplier<StackDiscovery> discovery;
    private final TaskExecutor executor;
    private final Executor uiThread;
    private final Localization l10n;

    private final ObservableList<String> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<Optional<String>> active = new SimpleObjectProperty<>(Optional.empty());
    private final ObjectProperty<Optional<String>> selected = new SimpleObjectProperty<>(Optional.empty());
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty stack = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty passphrase = new SimpleStringProperty("");
    private final StringProperty tokenInfo = new SimpleStringProperty("");
    private final StringProperty tokenRefusal = new SimpleStringProperty("");
    private final StringProperty storedToken = new SimpleStringProperty("");
    /** The optional read-only token as pasted (metrics:read, logs:read, traces:read), for the read-back checks. */
    private final StringProperty readToken = new SimpleStringProperty("");
    private final StringProperty readTokenRefusal = new SimpleStringProperty("");
    private final StringProperty storedReadToken = new SimpleStringProperty("");
    private final BooleanProperty hasStoredReadToken = new SimpleBooleanProperty();
    /** The optional Grafana service account token as pasted (glsa_…), for the stack's Grafana HTTP API. */
    private final StringProperty grafanaToken = new SimpleStringProperty("");
    private final StringProperty grafanaTokenRefusal = new SimpleStringProperty("");
    private final StringProperty storedGrafanaToken = new SimpleStringProperty("");
    private final BooleanProperty hasStoredGrafanaToken = new SimpleBooleanProperty();
    private final ObjectProperty<SecretLocation> store = new SimpleObjectProperty<>(SecretLocation.KEYCHAIN);
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty hasStoredToken = new SimpleBooleanProperty();
    private final BooleanProperty saved = new SimpleBooleanProperty();
    private final Map<Signal, SignalRow> rows = new EnumMap<>(Signal.class);
    private final BooleanBinding canSave;
    private TaskHandle running;

    public CredentialsViewModel(CredentialManager manager, DesktopSecretStores stores, ConnectionTester tester,
                                Supplier<StackDiscovery> discovery, TaskExecutor executor, Executor uiThread,
                                Localization l10n) {
        this.manager = manager;
        this.stores = stores;
        this.tester = tester;
        this.discovery = discovery;
        this.executor = executor;
        this.uiThread = uiThread;
        this.l10n = l10n;
        for (Signal signal : Signal.values()) {
            rows.put(signal, new SignalRow(signal));
        }
        token.addListener((obs, old, value) -> inspect(value));
        readToken.addListener((obs, old, value) -> inspectReadToken(value));
        grafanaToken.addListener((obs, old, value) -> inspectGrafanaToken(value));
        canSave = Bindings.createBooleanBinding(() -> !busy.get() && StackProfile.validName(name.get().strip())
                && tokenRefusal.get().isEmpty() && readTokenRefusal.get().isEmpty() && grafanaTokenRefusal.get().isEmpty(),
                busy, name, tokenRefusal, readTokenRefusal, grafanaTokenRefusal);
        // Any edit makes the profile unsaved again, so the wizard does not move on with stale values.
        name.addListener((obs, old, value) -> saved.set(false));
        stack.addListener((obs, old, value) -> saved.set(false));
        token.addListener((obs, old, value) -> saved.set(false));
        readToken.addListener((obs, old, value) -> saved.set(false));
        grafanaToken.addListener((obs, old, value) -> saved.set(false));
        rows.values().forEach(row -> {
            row.urlProperty().addListener((obs, old, value) -> saved.set(false));
            row.usernameProperty().addListener((obs, old, value) -> saved.set(false));
        });
    }

    // ---------------------------------------------------------------- profile list

    /** Reads the profiles and selects the active one (or keeps the selection). */
    public void load() {
        run(BackgroundTask.of(progress -> manager.profiles()), profiles -> {
            showList(profiles);
            Optional<String> toSelect = selected.get().filter(name -> profiles.find(name).isPresent())
                    .or(profiles::active);
            toSelect.ifPresentOrElse(this::select, this::newProfile);
        });
    }

    /**
     * Reads only the profile list and which one is active (for the status bar at start-up). No token is read, so
     * the keychain is not touched before the user opens the credentials.
     */
    public void loadProfiles() {
        run(BackgroundTask.of(progress -> manager.profiles()), this::showList);
    }

    private void showList(Profiles loaded) {
        profiles.setAll(loaded.profiles().stream().map(StackProfile::name).toList());
        active.set(loaded.active());
    }

    /** Fills the form from a stored profile; its token is looked up (masked) in the background. */
    public void select(String profileName) {
        run(BackgroundTask.of(progress -> {
            StackProfile profile = manager.require(profileName);
            Optional<String> masked = Optional.empty();
            Optional<String> maskedRead = Optional.empty();
            Optional<String> maskedGrafana = Optional.empty();
            String problem = "";
            try {
                Optional<Secret> secret = manager.token(profile);
                if (secret.isPresent()) {
                    try (Secret value = secret.get()) {
                        TokenInspection inspection = TokenInspector.inspect(value);
                        masked = Optional.of(inspection.masked());
                    }
                }
                Optional<Secret> read = manager.readToken(profile);
                if (read.isPresent()) {
                    try (Secret value = read.get()) {
                        maskedRead = Optional.of(value.masked());
                    }
                }
                Optional<Secret> grafana = manager.grafanaToken(profile);
                if (grafana.isPresent()) {
                    try (Secret value = grafana.get()) {
                        maskedGrafana = Optional.of(value.masked());
                    }
                }
            } catch (SecretStoreException e) {
                problem = e.getMessage();
            }
            return new Loaded(profile, masked, maskedRead, maskedGrafana, problem);
        }), loaded -> {
            StackProfile profile = loaded.profile();
            selected.set(Optional.of(profile.name()));
            name.set(profile.name());
            stack.set(profile.stack().orElse(""));
            token.set("");
            readToken.set("");
            grafanaToken.set("");
            for (Signal signal : Signal.values()) {
                Endpoint endpoint = profile.endpoint(signal).orElse(new Endpoint("", ""));
                rows.get(signal).urlProperty().set(endpoint.url());
                rows.get(signal).usernameProperty().set(endpoint.username());
                rows.get(signal).reset();
            }
            store.set(profile.secret().map(ref -> ref.location()).orElse(SecretLocation.KEYCHAIN));
            hasStoredToken.set(loaded.masked().isPresent());
            storedToken.set(loaded.masked().orElse(""));
            hasStoredReadToken.set(loaded.maskedRead().isPresent());
            storedReadToken.set(loaded.maskedRead().orElse(""));
            hasStoredGrafanaToken.set(loaded.maskedGrafana().isPresent());
            storedGrafanaToken.set(loaded.maskedGrafana().orElse(""));
            saved.set(profile.secret().isPresent());
            if (!loaded.problem().isEmpty()) {
                error(l10n.get("credentials.message.tokenUnavailable", loaded.problem()));
            } else {
                info("");
            }
        });
    }

    private record Loaded(StackProfile profile, Optional<String> masked, Optional<String> maskedRead,
                          Optional<String> maskedGrafana, String problem) {
    }

    /** An empty form for a new profile ("dev" when there is none yet). */
    public void newProfile() {
        selected.set(Optional.empty());
        name.set(profiles.isEmpty() ? "dev" : "");
        stack.set("");
        token.set("");
        readToken.set("");
        grafanaToken.set("");
        rows.values().forEach(row -> {
            row.urlProperty().set("");
            row.usernameProperty().set("");
            row.reset();
        });
        hasStoredToken.set(false);
        storedToken.set("");
        hasStoredReadToken.set(false);
        storedReadToken.set("");
        hasStoredGrafanaToken.set(false);
        storedGrafanaToken.set("");
        saved.set(false);
        info("");
    }

    public void activate() {
        selected.get().ifPresent(profile -> run(BackgroundTask.of(progress -> {
            manager.activate(profile);
            return manager.profiles();
        }), this::showList));
    }

    public void duplicate(String newName) {
        selected.get().ifPresent(from -> run(BackgroundTask.of(progress -> {
            manager.duplicate(from, newName.strip());
            return manager.profiles();
        }), profiles -> {
            showList(profiles);
            select(newName.strip());
            info(l10n.get("credentials.message.duplicated", from, newName.strip()));
        }));
    }

    /** Deletes the selected profile and its token (the view asks for confirmation first). */
    public void delete() {
        selected.get().ifPresent(profile -> run(BackgroundTask.of(progress -> {
            manager.delete(profile);
            return manager.profiles();
        }), profiles -> {
            selected.set(Optional.empty());
            showList(profiles);
            profiles.active().ifPresentOrElse(this::select, this::newProfile);
            info(l10n.get("credentials.message.deleted", profile));
        }));
    }

    // ---------------------------------------------------------------- token

    private void inspect(String typed) {
        if (typed == null || typed.isBlank()) {
            tokenInfo.set("");
            tokenRefusal.set("");
            return;
        }
        try (Secret secret = Secret.of(typed.toCharArray())) {
            TokenInspection inspection = TokenInspector.inspect(secret);
            tokenRefusal.set(switch (inspection.kind()) {
                case SERVICE_ACCOUNT -> l10n.get("credentials.token.serviceAccount");
                case LEGACY_API_KEY -> l10n.get("credentials.token.legacy");
                default -> "";
            });
            tokenInfo.set(switch (inspection.kind()) {
                case ACCESS_POLICY -> inspection.info().map(info -> l10n.get("credentials.token.decoded",
                                inspection.masked(), info.org().orElse("?"), info.name().orElse("?"), info.region().orElse("?")))
                        .orElseGet(() -> l10n.get("credentials.token.undecoded", inspection.masked()));
                case OTHER -> l10n.get("credentials.token.other", inspection.masked());
                default -> "";
            });
        }
    }

    private void inspectReadToken(String typed) {
        if (typed == null || typed.isBlank()) {
            readTokenRefusal.set("");
            return;
        }
        try (Secret secret = Secret.of(typed.toCharArray())) {
            readTokenRefusal.set(switch (TokenInspector.inspect(secret).kind()) {
                case SERVICE_ACCOUNT, LEGACY_API_KEY -> l10n.get("credentials.readToken.refused");
                default -> "";
            });
        }
    }

    private void inspectGrafanaToken(String typed) {
        if (typed == null || typed.isBlank()) {
            grafanaTokenRefusal.set("");
            return;
        }
        try (Secret secret = Secret.of(typed.toCharArray())) {
            grafanaTokenRefusal.set(TokenInspector.inspect(secret).kind().forGrafanaApi() ? ""
                    : l10n.get("credentials.grafanaToken.refused"));
        }
    }

    /** Forgets the selected profile's Grafana token (it stays valid in Grafana until deleted there). */
    public void removeGrafanaToken() {
        selected.get().ifPresent(profile -> run(BackgroundTask.of(progress -> manager.removeGrafanaToken(profile)), removed -> {
            hasStoredGrafanaToken.set(false);
            storedGrafanaToken.set("");
            info(l10n.get("credentials.message.grafanaTokenRemoved", profile));
        }));
    }

    /** Forgets the selected profile's read token (it stays valid in Grafana Cloud until revoked there). */
    public void removeReadToken() {
        selected.get().ifPresent(profile -> run(BackgroundTask.of(progress -> manager.removeReadToken(profile)), removed -> {
            hasStoredReadToken.set(false);
            storedReadToken.set("");
            info(l10n.get("credentials.message.readTokenRemoved", profile));
        }));
    }

    /** How to rotate a token: Grafana's guide to access policies and tokens (the portal's page depends on the org). */
    public static final String ROTATE_GUIDE = "https://grafana.com/docs/grafana-cloud/security-and-account-management/"
            + "authentication-and-permissions/access-policies/create-access-policies/";

    // ---------------------------------------------------------------- save, discover, test

    private StackProfile formProfile() {
        Map<Signal, Endpoint> endpoints = new EnumMap<>(Signal.class);
        rows.forEach((signal, row) -> endpoints.put(signal, new Endpoint(row.urlProperty().get(), row.usernameProperty().get())));
        return StackProfile.named(name.get().strip())
                .withStack(Optional.of(StackDiscovery.slugOf(stack.get())).filter(slug -> !slug.isEmpty()), Optional.empty())
                .withEndpoints(endpoints);
    }

    /** The typed token, taken out of the field: it lives on only as a {@link Secret}. */
    private Optional<Secret> takeTypedToken() {
        return secretOf(token.get());
    }

    private static Optional<Secret> secretOf(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Secret.of(typed.toCharArray()));
    }

    public void save() {
        if (!canSave.get()) {
            error(!StackProfile.validName(name.get().strip()) ? l10n.get("credentials.message.badName")
                    : !tokenRefusal.get().isEmpty() ? tokenRefusal.get()
                    : !readTokenRefusal.get().isEmpty() ? readTokenRefusal.get() : grafanaTokenRefusal.get());
            return;
        }
        StackProfile profile = formProfile();
        Optional<Secret> typed = takeTypedToken();
        Optional<Secret> typedRead = secretOf(readToken.get());
        Optional<Secret> typedGrafana = secretOf(grafanaToken.get());
        SecretLocation where = store.get();
        Optional<String> previous = selected.get().filter(old -> !old.equals(profile.name()));
        run(BackgroundTask.of(progress -> {
            try {
                if (previous.isPresent()) {
                    manager.rename(previous.get(), profile.name());
                }
                StackProfile existing = manager.profiles().find(profile.name()).orElse(profile);
                manager.save(profile.withStack(profile.stack(), existing.stackUrl()), typed, where);
                if (typedRead.isPresent()) {
                    manager.saveReadToken(profile.name(), typedRead.get(), where);
                }
                if (typedGrafana.isPresent()) {
                    manager.saveGrafanaToken(profile.name(), typedGrafana.get(), where);
                }
                return manager.profiles();
            } finally {
                typed.ifPresent(Secret::close);
                typedRead.ifPresent(Secret::close);
                typedGrafana.ifPresent(Secret::close);
            }
        }), profiles -> {
            showList(profiles);
            token.set("");
            readToken.set("");
            grafanaToken.set("");
            select(profile.name());
            saved.set(true);
            info(l10n.get("credentials.message.saved", profile.name()));
        });
    }

    /** Fills every field from grafana.com with the stack slug and the typed (or stored) token. */
    public void discover() {
        String slug = StackDiscovery.slugOf(stack.get());
        if (slug.isEmpty()) {
            error(l10n.get("credentials.message.stackFirst"));
            return;
        }
        Optional<Secret> typed = takeTypedToken();
        Optional<String> stored = selected.get();
        run(BackgroundTask.of(progress -> {
            Optional<Secret> secret = typed.isPresent() ? typed
                    : stored.isPresent() ? manager.token(manager.require(stored.get())) : Optional.empty();
            if (secret.isEmpty()) {
                return Optional.<StackDiscovery.Outcome>empty();
            }
            try (Secret value = secret.get()) {
                return Optional.of(discovery.get().discover(slug, value));
            }
        }), outcome -> {
            if (outcome.isEmpty()) {
                error(l10n.get("credentials.message.tokenFirst"));
                return;
            }
            if (!outcome.get().found()) {
                error(ProbeTexts.describe(outcome.get().probe(), l10n));
                return;
            }
            outcome.get().endpoints().forEach((signal, endpoint) -> {
                rows.get(signal).urlProperty().set(endpoint.url());
                rows.get(signal).usernameProperty().set(endpoint.username());
            });
            info(l10n.get("credentials.message.discovered", outcome.get().endpoints().size()));
        });
    }

    /** Tests every signal in parallel with the form's values; each row updates as its answer arrives. */
    public void testAll() {
        StackProfile profile = formProfile();
        Optional<Secret> typed = takeTypedToken();
        Optional<String> stored = selected.get();
        rows.values().forEach(row -> {
            row.reset();
            if (profile.endpoint(row.signal()).filter(Endpoint::isComplete).isPresent()) {
                row.stateProperty().set(SignalRow.State.TESTING);
            }
        });
        run(BackgroundTask.of(progress -> {
            Optional<Secret> secret = typed.isPresent() ? typed
                    : stored.isPresent() ? manager.token(manager.require(stored.get())) : Optional.empty();
            try {
                return tester.testAll(profile, secret, result -> uiThread.execute(() -> show(result)),
                        progress::isCancelled);
            } finally {
                secret.ifPresent(Secret::close);
            }
        }), results -> {
            results.forEach(this::show);
            long failed = results.stream().filter(result -> result.outcome() == ProbeResult.Outcome.FAILED).count();
            long passed = results.stream().filter(ProbeResult::ok).count();
            if (failed == 0) {
                info(l10n.get("credentials.message.testPassed", passed));
            } else {
                error(l10n.get("credentials.message.testFailed", failed));
            }
        });
    }

    private void show(ProbeResult result) {
        SignalRow row = rows.get(Signal.valueOf(result.target().toUpperCase(java.util.Locale.ROOT)));
        row.stateProperty().set(switch (result.outcome()) {
            case OK -> SignalRow.State.OK;
            case FAILED -> SignalRow.State.FAILED;
            case SKIPPED -> SignalRow.State.SKIPPED;
        });
        row.messageProperty().set(ProbeTexts.describe(result, l10n));
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private <T> void run(BackgroundTask<T> task, java.util.function.Consumer<T> onSuccess) {
        String typedPassphrase = passphrase.get();
        if (typedPassphrase != null && !typedPassphrase.isEmpty()) {
            stores.usePassphrase(Secret.of(typedPassphrase.toCharArray()));
            passphrase.set("");
        }
        busy.set(true);
        running = task.onSuccess(onSuccess)
                .onFailure(ProfileException.class, e -> error(e.getMessage()))
                .onFailure(SecretStoreException.class, e -> error(storeProblem(e)))
                .onCancelled(() -> {
                    rows.values().forEach(row -> {
                        if (row.stateProperty().get() == SignalRow.State.TESTING) {
                            row.reset();
                        }
                    });
                    info(l10n.get("credentials.message.cancelled"));
                })
                .onFinished(() -> busy.set(false))
                .executeWith(executor);
    }

    private String storeProblem(SecretStoreException e) {
        return switch (e.reason()) {
            case UNAVAILABLE -> store.get() == SecretLocation.ENCRYPTED_FILE
                    ? l10n.get("credentials.message.passphraseNeeded")
                    : l10n.get("credentials.message.keychainUnavailable", e.getMessage());
            case WRONG_PASSPHRASE -> l10n.get("credentials.message.wrongPassphrase");
            default -> e.getMessage();
        };
    }

    private void info(String text) {
        messageIsError.set(false);
        message.set(text);
    }

    private void error(String text) {
        messageIsError.set(true);
        message.set(text);
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<String> profiles() {
        return profiles;
    }

    public ObjectProperty<Optional<String>> activeProperty() {
        return active;
    }

    public ObjectProperty<Optional<String>> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty stackProperty() {
        return stack;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public StringProperty readTokenProperty() {
        return readToken;
    }

    public StringProperty readTokenRefusalProperty() {
        return readTokenRefusal;
    }

    /** The stored read token, masked ({@code glc_…abcd}). */
    public StringProperty storedReadTokenProperty() {
        return storedReadToken;
    }

    public BooleanProperty hasStoredReadTokenProperty() {
        return hasStoredReadToken;
    }

    public StringProperty grafanaTokenProperty() {
        return grafanaToken;
    }

    public StringProperty grafanaTokenRefusalProperty() {
        return grafanaTokenRefusal;
    }

    /** The stored Grafana token, masked ({@code glsa_…abcd}). */
    public StringProperty storedGrafanaTokenProperty() {
        return storedGrafanaToken;
    }

    public BooleanProperty hasStoredGrafanaTokenProperty() {
        return hasStoredGrafanaToken;
    }

    public StringProperty passphraseProperty() {
        return passphrase;
    }

    public StringProperty tokenInfoProperty() {
        return tokenInfo;
    }

    public StringProperty tokenRefusalProperty() {
        return tokenRefusal;
    }

    public StringProperty storedTokenProperty() {
        return storedToken;
    }

    public BooleanProperty hasStoredTokenProperty() {
        return hasStoredToken;
    }

    public ObjectProperty<SecretLocation> storeProperty() {
        return store;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty messageIsErrorProperty() {
        return messageIsError;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** True once the form's profile is stored with a token and unchanged since. */
    public BooleanProperty savedProperty() {
        return saved;
    }

    public BooleanBinding canSave() {
        return canSave;
    }

    public SignalRow row(Signal signal) {
        return rows.get(signal);
    }

    public List<SignalRow> rows() {
        return List.copyOf(rows.values());
    }
}
