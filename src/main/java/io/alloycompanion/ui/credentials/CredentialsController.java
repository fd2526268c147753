package io.alloycompanion.ui.credentials;

import io.alloycompanion.ui.common.DisposableController;
import io.alloycompanion.ui.common.Localization;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputDialog;

/** The credential manager screen: the profile list with its actions beside the shared profile form. */
public final class CredentialsController implements DisposableController {

    private final CredentialsViewModel model;
    private final Localization l10n;
    private final InvalidationListener activeChanged = obs -> refreshCells();
    private final ChangeListener<Optional<String>> selectionChanged = (obs, old, selected) -> showSelection(selected);
    private boolean updatingSelection;

    @FXML private ListView<String> profileList;
    @FXML private Button activateButton;
    @FXML private Button duplicateButton;
    @FXML private Button deleteButton;

    public CredentialsController(CredentialsViewModel model, Localization l10n) {
        this.model = model;
        this.l10n = l10n;
    }

    @FXML
    private void initialize() {
        profileList.setItems(model.profiles());
        profileList.setCellFactory(list -> new ProfileCell());
        profileList.setPlaceholder(new javafx.scene.control.Label(l10n.get("credentials.list.empty")));
        model.activeProperty().addListener(activeChanged);
        model.selectedProperty().addListener(selectionChanged);
        showSelection(model.selectedProperty().get());
        profileList.getSelectionModel().selectedItemProperty().addListener((obs, old, name) -> {
            if (!updatingSelection && name != null && !model.selectedProperty().get().filter(name::equals).isPresent()) {
                model.select(name);
            }
        });
        activateButton.disableProperty().bind(model.selectedProperty().isEqualTo(Optional.empty())
                .or(model.busyProperty()));
        duplicateButton.disableProperty().bind(activateButton.disableProperty());
        deleteButton.disableProperty().bind(activateButton.disableProperty());
        model.load();
    }

    private void showSelection(Optional<String> selected) {
        updatingSelection = true;
        try {
            selected.ifPresentOrElse(name -> profileList.getSelectionModel().select(name),
                    () -> profileList.getSelectionModel().clearSelection());
        } finally {
            updatingSelection = false;
        }
    }

    private void refreshCells() {
        profileList.refresh();
    }

    private final class ProfileCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                return;
            }
            boolean active = model.activeProperty().get().filter(item::equals).isPresent();
            setText(active ? item + "  ★ " + l10n.get("credentials.list.active") : item);
        }
    }

    @FXML
    private void newProfile() {
        model.newProfile();
    }

    @FXML
    private void activate() {
        model.activate();
    }

    @FXML
    private void duplicate() {
        TextInputDialog dialog = new TextInputDialog(model.selectedProperty().get().map(name -> name + "-copy").orElse(""));
        dialog.initOwner(profileList.getScene().getWindow());
        dialog.setTitle(l10n.get("credentials.action.duplicate"));
        dialog.setHeaderText(l10n.get("credentials.duplicate.header"));
        dialog.showAndWait().filter(name -> !name.isBlank()).ifPresent(model::duplicate);
    }

    @FXML
    private void delete() {
        String name = model.selectedProperty().get().orElse("");
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, l10n.get("credentials.delete.text", name),
                ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(profileList.getScene().getWindow());
        confirm.setTitle(l10n.get("credentials.action.delete"));
        confirm.setHeaderText(l10n.get("credentials.delete.header", name));
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(button -> model.delete());
    }

    @Override
    public void dispose() {
        model.activeProperty().removeListener(activeChanged);
        model.selectedProperty().removeListener(selectionChanged);
    }
}
