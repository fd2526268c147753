package io.alloycompanion.ui.environment;

import io.alloycompanion.core.doctor.DoctorReport.Severity;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A report row: a coloured severity badge, the subject, and the localized finding. */
public final class EnvironmentRowCell extends ListCell<EnvironmentRow> {

    private final Label badge = new Label();
    private final Label title = new Label();
    private final Label text = new Label();
    private final HBox box;

    public EnvironmentRowCell() {
        badge.getStyleClass().add("severity-badge");
        badge.setMinWidth(48);
        badge.setAlignment(Pos.CENTER);
        title.getStyleClass().add("row-title");
        text.setWrapText(true);
        // Without this a wrapped label in a list cell is measured as one line and cut with an ellipsis.
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.getStyleClass().add("row-text");
        VBox lines = new VBox(2, title, text);
        HBox.setHgrow(lines, Priority.ALWAYS);
        lines.setMinWidth(0);
        box = new HBox(12, badge, lines);
        box.setAlignment(Pos.TOP_LEFT);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(EnvironmentRow row, boolean empty) {
        super.updateItem(row, empty);
        badge.getStyleClass().removeAll("ok", "warn", "fail");
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        badge.setText(row.severity() == Severity.OK ? "OK" : row.severity() == Severity.WARN ? "!" : "✕");
        badge.getStyleClass().add(row.severity().name().toLowerCase(Locale.ROOT));
        title.setText(row.title());
        text.setText(row.text());
        setGraphic(box);
    }
}
