package io.alloycompanion.ui.wizard;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** A log file (or glob) the user wants tailed, as typed, with what is wrong with it. */
public final class LogFileInput {

    private final StringProperty path = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");

    LogFileInput(String path, Runnable changed) {
        this.path.set(path);
        this.path.addListener((obs, old, value) -> changed.run());
    }

    boolean isBlank() {
        return path.get().isBlank();
    }

    void setError(String value) {
        error.set(value);
    }

    public StringProperty pathProperty() {
        return path;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }
}
