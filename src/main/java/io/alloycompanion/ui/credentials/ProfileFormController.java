package io.alloycompanion.ui.credentials;

import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.secrets.SecretLocation;
import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.FlowPane;
import javafx.util.Duration;

/**
 * The profile form shared by the Credentials screen and the wizard: stack, token (paste only, masked), the optional
 * read token the checklist queries Grafana Cloud with, where the tokens are kept, and per signal its URL, username (with where to find it) and the last test's verdict.
 */
public final class ProfileFormController implements DisposableController {

    private final CredentialsViewModel model;
    private final Localization l10n;
    private final Consumer<String> links;
    private final List<Runnable> unbind = new ArrayList<>();

    @FXML private TextField nameField;
    @FXML private TextField stackField;
    @FXML private PasswordField tokenField;
    @FXML private Label tokenInfo;
    @FXML private Label tokenRefusal;
    @FXML private FlowPane storedBox;
    @FXML private Label storedToken;
    @FXML private PasswordField readTokenField;
    @FXML private Label readTokenRefusal;
    @FXML private FlowPane readStoredBox;
    @FXML private Label storedReadToken;
    @FXML private PasswordField grafanaTokenField;
    @FXML private Label grafanaTokenRefusal;
    @FXML private FlowPane grafanaStoredBox;
    @FXML private Label storedGrafanaToken;
    @FXML private ComboBox<SecretLocation> storeChoice;
    @FXML private PasswordField passphraseField;
    @FXML private GridPane endpointGrid;
    @FXML private Button saveButton;
    @FXML private Button testButton;
    @FXML private Button cancelButton;
    @FXML private Button discoverButton;
    @FXML private Button pasteButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label message;

    public ProfileFormController(CredentialsViewModel model, Localization l10n, Consumer<String> links) {
        this.model = model;
        this.l10n = l10n;
        this.links = links;
    }

    @FXML
    private void initialize() {
        bind(nameField.textProperty(), model.nameProperty());
        bind(stackField.textProperty(), model.stackProperty());
        bind(tokenField.textProperty(), model.tokenProperty());
        bind(passphraseField.textProperty(), model.passphraseProperty());
        bind(readTokenField.textProperty(), model.readTokenProperty());
        bind(grafanaTokenField.textProperty(), model.grafanaTokenProperty());
        tokenField.setPromptText(l10n.get("credentials.field.token.prompt"));
        // Typing a token invites typos and shoulder-surfing; it is pasted (Ctrl+V or the button) like the guides say.
        pasteOnly(tokenField);
        pasteOnly(readTokenField);
        pasteOnly(grafanaTokenField);
        grafanaTokenRefusal.textProperty().bind(model.grafanaTokenRefusalProperty());
        grafanaTokenRefusal.visibleProperty().bind(model.grafanaTokenRefusalProperty().isNotEmpty());
        grafanaTokenRefusal.managedProperty().bind(grafanaTokenRefusal.visibleProperty());
        storedGrafanaToken.textProperty().bind(Bindings.createStringBinding(() -> l10n.get("credentials.grafanaToken.stored",
                model.storedGrafanaTokenProperty().get()), model.storedGrafanaTokenProperty()));
        grafanaStoredBox.visibleProperty().bind(model.hasStoredGrafanaTokenProperty());
        grafanaStoredBox.managedProperty().bind(grafanaStoredBox.visibleProperty());
        readTokenRefusal.textProperty().bind(model.readTokenRefusalProperty());
        readTokenRefusal.visibleProperty().bind(model.readTokenRefusalProperty().isNotEmpty());
        readTokenRefusal.managedProperty().bind(readTokenRefusal.visibleProperty());
        storedReadToken.textProperty().bind(Bindings.createStringBinding(() -> l10n.get("credentials.readToken.stored",
                model.storedReadTokenProperty().get()), model.storedReadTokenProperty()));
        readStoredBox.visibleProperty().bind(model.hasStoredReadTokenProperty());
        readStoredBox.managedProperty().bind(readStoredBox.visibleProperty());
        tokenInfo.textProperty().bind(model.tokenInfoProperty());
        tokenInfo.visibleProperty().bind(model.tokenInfoProperty().isNotEmpty());
        tokenInfo.managedProperty().bind(tokenInfo.visibleProperty());
        tokenRefusal.textProperty().bind(model.tokenRefusalProperty());
        tokenRefusal.visibleProperty().bind(model.tokenRefusalProperty().isNotEmpty());
        tokenRefusal.managedProperty().bind(tokenRefusal.visibleProperty());
        storedToken.textProperty().bind(Bindings.createStringBinding(() -> l10n.get("credentials.token.stored",
                model.storedTokenProperty().get()), model.storedTokenProperty()));
        storedBox.visibleProperty().bind(model.hasStoredTokenProperty());
        storedBox.managedProperty().bind(storedBox.visibleProperty());

        storeChoice.getItems().setAll(SecretLocation.values());
        storeChoice.setCellFactory(list -> new StoreCell());
        storeChoice.setButtonCell(new StoreCell());
        bind(storeChoice.valueProperty(), model.storeProperty());
        passphraseField.visibleProperty().bind(model.storeProperty().isEqualTo(SecretLocation.ENCRYPTED_FILE));
        passphraseField.managedProperty().bind(passphraseField.visibleProperty());

        buildEndpointRows();

        saveButton.disableProperty().bind(model.canSave().not());
        testButton.disableProperty().bind(model.busyProperty());
        discoverButton.disableProperty().bind(model.busyProperty());
        cancelButton.visibleProperty().bind(model.busyProperty());
        cancelButton.managedProperty().bind(cancelButton.visibleProperty());
        busyIndicator.visibleProperty().bind(model.busyProperty());
        message.textProperty().bind(model.messageProperty());
        model.messageIsErrorProperty().addListener((obs, old, error) -> styleMessage(error));
        styleMessage(model.messageIsErrorProperty().get());
    }

    private void pasteOnly(PasswordField field) {
        field.setOnKeyTyped(event -> {
            if (!event.isShortcutDown() && !event.getCharacter().isEmpty() && !Character.isISOControl(event.getCharacter().charAt(0))) {
                event.consume();
                model.messageIsErrorProperty().set(true);
                model.messageProperty().set(l10n.get("credentials.message.pasteOnly"));
            }
        });
    }

    private void styleMessage(boolean error) {
        message.getStyleClass().removeAll("error-text", "text-muted");
        message.getStyleClass().add(error ? "error-text" : "text-muted");
    }

    private void buildEndpointRows() {
        endpointGrid.add(header("credentials.column.signal"), 0, 0);
        endpointGrid.add(header("credentials.column.url"), 1, 0);
        endpointGrid.add(header("credentials.column.username"), 2, 0);
        endpointGrid.add(header("credentials.column.result"), 3, 0);
        int rowIndex = 1;
        for (SignalRow row : model.rows()) {
            Label name = new Label(signalName(row.signal()));
            name.getStyleClass().add("signal-name");
            TextField url = new TextField();
            url.setId("credentials-url-" + row.signal().id());
            url.setPromptText(urlPrompt(row.signal()));
            bind(url.textProperty(), row.urlProperty());
            TextField username = new TextField();
            username.setId("credentials-user-" + row.signal().id());
            username.setPromptText(row.signal().usernameField());
            Tooltip help = new Tooltip(usernameHelp(row.signal()));
            help.setShowDelay(Duration.millis(200));
            help.setWrapText(true);
            help.setMaxWidth(420);
            username.setTooltip(help);
            url.setTooltip(help);
            bind(username.textProperty(), row.usernameProperty());
            Label badge = new Label();
            badge.setId("credentials-result-" + row.signal().id());
            badge.getStyleClass().add("signal-badge");
            Label detail = new Label();
            detail.setId("credentials-detail-" + row.signal().id());
            detail.setWrapText(true);
            detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            detail.getStyleClass().add("signal-detail");
            Runnable restyle = () -> {
                SignalRow.State state = row.stateProperty().get();
                badge.getStyleClass().removeIf(style -> style.startsWith("signal-") && !style.equals("signal-badge"));
                badge.getStyleClass().add(switch (state) {
                    case OK -> "signal-ok";
                    case FAILED -> "signal-failed";
                    case SKIPPED -> "signal-skipped";
                    case TESTING -> "signal-testing";
                    case UNTESTED -> "signal-untested";
                });
                badge.setText(switch (state) {
                    case OK -> "✔ " + l10n.get("credentials.result.ok");
                    case FAILED -> "✖ " + l10n.get("credentials.result.failed");
                    case SKIPPED -> "– " + l10n.get("credentials.result.skipped");
                    case TESTING -> l10n.get("credentials.result.testing");
                    case UNTESTED -> l10n.get("credentials.result.untested");
                });
                detail.setText(row.messageProperty().get());
                boolean shown = !row.messageProperty().get().isEmpty()
                        && (state == SignalRow.State.OK || state == SignalRow.State.FAILED);
                detail.setVisible(shown);
                detail.setManaged(shown);
                detail.getStyleClass().removeAll("error-text", "text-muted");
                detail.getStyleClass().add(state == SignalRow.State.FAILED ? "error-text" : "text-muted");
            };
            row.stateProperty().addListener((obs, old, value) -> restyle.run());
            row.messageProperty().addListener((obs, old, value) -> restyle.run());
            restyle.run();
            endpointGrid.add(name, 0, rowIndex);
            endpointGrid.add(url, 1, rowIndex);
            endpointGrid.add(username, 2, rowIndex);
            endpointGrid.add(badge, 3, rowIndex);
            rowIndex++;
            endpointGrid.add(detail, 1, rowIndex, 3, 1);
            rowIndex++;
        }
    }

    private Label header(String key) {
        Label label = new Label(l10n.get(key));
        label.getStyleClass().add("text-muted");
        return label;
    }

    private String signalName(Signal signal) {
        return switch (signal) {
            case METRICS -> l10n.get("credentials.signal.metrics");
            case LOGS -> l10n.get("credentials.signal.logs");
            case TRACES -> l10n.get("credentials.signal.traces");
            case OTLP -> l10n.get("credentials.signal.otlp");
            case FLEET -> l10n.get("credentials.signal.fleet");
        };
    }

    private String urlPrompt(Signal signal) {
        return switch (signal) {
            case METRICS -> "https://prometheus-prod-NN-prod-REGION.grafana.net/api/prom/push";
            case LOGS -> "https://logs-prod-NNN.grafana.net/loki/api/v1/push";
            case TRACES -> "tempo-prod-NN-prod-REGION.grafana.net:443";
            case OTLP -> "https://otlp-gateway-prod-REGION.grafana.net/otlp";
            case FLEET -> "https://fleet-management-prod-NNN.grafana.net";
        };
    }

    private String usernameHelp(Signal signal) {
        return switch (signal) {
            case METRICS -> l10n.get("credentials.help.metrics");
            case LOGS -> l10n.get("credentials.help.logs");
            case TRACES -> l10n.get("credentials.help.traces");
            case OTLP -> l10n.get("credentials.help.otlp");
            case FLEET -> l10n.get("credentials.help.fleet");
        };
    }

    private <T> void bind(Property<T> control, Property<T> value) {
        control.bindBidirectional(value);
        unbind.add(() -> control.unbindBidirectional(value));
    }

    private final class StoreCell extends ListCell<SecretLocation> {
        @Override
        protected void updateItem(SecretLocation item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : switch (item) {
                case KEYCHAIN -> l10n.get("credentials.store.keychain");
                case ENCRYPTED_FILE -> l10n.get("credentials.store.encrypted");
                case ASK_EACH_TIME -> l10n.get("credentials.store.ask");
            });
        }
    }

    @FXML
    private void discover() {
        model.discover();
    }

    @FXML
    private void paste() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text != null) {
            model.tokenProperty().set(text.strip());
        }
    }

    @FXML
    private void pasteReadToken() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text != null) {
            model.readTokenProperty().set(text.strip());
        }
    }

    @FXML
    private void removeReadToken() {
        model.removeReadToken();
    }

    @FXML
    private void pasteGrafanaToken() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text != null) {
            model.grafanaTokenProperty().set(text.strip());
        }
    }

    @FXML
    private void removeGrafanaToken() {
        model.removeGrafanaToken();
    }

    @FXML
    private void save() {
        model.save();
    }

    @FXML
    private void testAll() {
        model.testAll();
    }

    @FXML
    private void cancel() {
        model.cancel();
    }

    @FXML
    private void copyMasked() {
        ClipboardContent content = new ClipboardContent();
        content.putString(model.storedTokenProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
    }

    @FXML
    private void openRotateGuide() {
        links.accept(CredentialsViewModel.ROTATE_GUIDE);
    }

    @Override
    public void dispose() {
        unbind.forEach(Runnable::run);
        unbind.clear();
    }
}
