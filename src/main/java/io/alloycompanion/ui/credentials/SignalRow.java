package io.alloycompanion.ui.credentials;

import io.alloycompanion.core.cloud.Signal;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One signal's line in the form: its URL and username as typed, and the last connection test's verdict. */
public final class SignalRow {

    /** What the row's badge shows. */
    public enum State { UNTESTED, TESTING, OK, FAILED, SKIPPED }

    private final Signal signal;
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty username = new SimpleStringProperty("");
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.UNTESTED);
    private final StringProperty message = new SimpleStringProperty("");

    SignalRow(Signal signal) {
        this.signal = signal;
    }

    public Signal signal() {
        return signal;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public StringProperty messageProperty() {
        return message;
    }

    void reset() {
        state.set(State.UNTESTED);
        message.set("");
    }
}
