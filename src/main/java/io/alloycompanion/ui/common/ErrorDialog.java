package io.alloycompanion.ui.common;

import io.alloycompanion.core.secrets.Redactor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app-wide handler for errors nothing else handled: written to the log, then shown in a dialog whose details
 * (secrets masked) can be copied into a bug report. One dialog at a time, so an error storm cannot bury the user.
 */
public final class ErrorDialog {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorDialog.class);

    private final Localization localization;
    private final AtomicBoolean showing = new AtomicBoolean();
    private Window owner;

    public ErrorDialog(Localization localization) {
        this.localization = localization;
    }

    public void setOwner(Window owner) {
        this.owner = owner;
    }

    /** Installs this as the handler for uncaught errors on every thread, the FX thread included. */
    public void installAsDefaultHandler() {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> show(error));
    }

    public void show(Throwable error) {
        LOG.error("Unexpected error", error);
        // Always later, never nested: showAndWait is refused during animation and layout processing.
        Platform.runLater(() -> open(error));
    }

    static String details(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return Redactor.global().redact(trace.toString());
    }

    private void open(Throwable error) {
        if (!showing.compareAndSet(false, true)) {
            return;
        }
        try {
            String details = details(error);
            Alert alert = new Alert(Alert.AlertType.ERROR);
            if (owner != null && owner.isShowing()) {
                alert.initOwner(owner);
            }
            alert.setTitle(localization.get("error.title"));
            alert.setHeaderText(localization.get("error.header"));
            String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            alert.setContentText(Redactor.global().redact(message) + "\n\n" + localization.get("error.logHint"));
            TextArea area = new TextArea(details);
            area.setEditable(false);
            area.setWrapText(false);
            area.setPrefRowCount(14);
            alert.getDialogPane().setExpandableContent(area);
            ButtonType copy = new ButtonType(localization.get("error.copyDetails"), ButtonBar.ButtonData.LEFT);
            alert.getButtonTypes().setAll(copy, ButtonType.CLOSE);
            Button copyButton = (Button) alert.getDialogPane().lookupButton(copy);
            copyButton.addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(details);
                Clipboard.getSystemClipboard().setContent(content);
                event.consume();
            });
            alert.showAndWait();
        } finally {
            showing.set(false);
        }
    }
}
