package io.alloycompanion.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ErrorDialogUiTest {

    private ErrorDialog dialog;

    @Start
    void start(Stage stage) {
        dialog = new ErrorDialog(new Localization(Locale.ENGLISH));
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
        dialog.setOwner(stage);
    }

    @Test
    void showsTheErrorAndCopiesDetailsWithSecretsMasked(FxRobot robot) throws Exception {
        String token = "glc_" + Base64.getEncoder().encodeToString(
                "{\"o\":\"1\",\"n\":\"ui-test\",\"k\":\"not-a-real-key\"}".getBytes(StandardCharsets.UTF_8));
        // Not through interact(): the dialog waits for the user, so the call returns only when it closes.
        Platform.runLater(() -> dialog.show(new IllegalStateException("push rejected for " + token)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());

        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Something went wrong");
        assertThat(pane.getContentText()).contains("push rejected for glc_****").doesNotContain(token);

        // Buttons are fired rather than clicked: without a window manager the dialog may still be moving on screen.
        Button copy = robot.lookup("Copy details").queryButton();
        robot.interact(copy::fire);
        AtomicReference<String> copied = new AtomicReference<>();
        robot.interact(() -> copied.set(Clipboard.getSystemClipboard().getString()));
        assertThat(copied.get()).contains("java.lang.IllegalStateException").contains("glc_****").doesNotContain(token);
        assertThat(robot.lookup(".dialog-pane").tryQuery()).as("copying keeps the dialog open").isPresent();

        Button close = robot.lookup("Close").queryButton();
        robot.interact(close::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
    }
}
