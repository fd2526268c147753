package io.alloycompanion.ui.wizard;

import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.Signal;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One Grafana Cloud destination (URL and basic-auth username) as typed. Values offered by the active profile fill the
 * fields the user left empty or did not change since the last offer, so a profile edited meanwhile is followed but a
 * typed value is never overwritten.
 */
public final class EndpointInput {

    private final Signal signal;
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty urlError = new SimpleStringProperty("");
    private final StringProperty usernameError = new SimpleStringProperty("");
    private String offeredUrl = "";
    private String offeredUsername = "";

    EndpointInput(Signal signal, Runnable changed) {
        this.signal = signal;
        url.addListener((obs, old, value) -> changed.run());
        username.addListener((obs, old, value) -> changed.run());
    }

    /**
     * Takes the profile's value for each field still holding the previous offer (or never offered anything); a field
     * the user emptied after an offer stays empty: that destination was dropped on purpose.
     */
    void offer(Endpoint endpoint) {
        if (url.get().equals(offeredUrl) || offeredUrl.isEmpty() && url.get().isBlank()) {
            url.set(endpoint.url());
        }
        if (username.get().equals(offeredUsername) || offeredUsername.isEmpty() && username.get().isBlank()) {
            username.set(endpoint.username());
        }
        offeredUrl = endpoint.url();
        offeredUsername = endpoint.username();
    }

    void restore(String url, String username, String offeredUrl, String offeredUsername) {
        this.offeredUrl = offeredUrl;
        this.offeredUsername = offeredUsername;
        this.url.set(url);
        this.username.set(username);
    }

    String offeredUrl() {
        return offeredUrl;
    }

    String offeredUsername() {
        return offeredUsername;
    }

    boolean isBlank() {
        return url.get().isBlank() && username.get().isBlank();
    }

    boolean hasError() {
        return !urlError.get().isEmpty() || !usernameError.get().isEmpty();
    }

    void setErrors(String url, String username) {
        urlError.set(url);
        usernameError.set(username);
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

    public ReadOnlyStringProperty urlErrorProperty() {
        return urlError;
    }

    public ReadOnlyStringProperty usernameErrorProperty() {
        return usernameError;
    }
}
