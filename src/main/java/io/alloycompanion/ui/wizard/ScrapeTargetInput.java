package io.alloycompanion.ui.wizard;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One Prometheus endpoint the user wants scraped, as typed, with what is wrong with each field. */
public final class ScrapeTargetInput {

    private final StringProperty job = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty path = new SimpleStringProperty(SourceChecks.DEFAULT_PATH);
    private final StringProperty interval = new SimpleStringProperty(SourceChecks.DEFAULT_INTERVAL);
    private final StringProperty jobError = new SimpleStringProperty("");
    private final StringProperty addressError = new SimpleStringProperty("");
    private final StringProperty pathError = new SimpleStringProperty("");
    private final StringProperty intervalError = new SimpleStringProperty("");

    ScrapeTargetInput(String job, String address, String path, String interval, Runnable changed) {
        this.job.set(job);
        this.address.set(address);
        this.path.set(path);
        this.interval.set(interval);
        for (StringProperty field : new StringProperty[] {this.job, this.address, this.path, this.interval}) {
            field.addListener((obs, old, value) -> changed.run());
        }
    }

    /** Nothing typed beyond the defaults: the row is left out rather than reported. */
    boolean isBlank() {
        return job.get().isBlank() && address.get().isBlank()
                && (path.get().isBlank() || path.get().strip().equals(SourceChecks.DEFAULT_PATH))
                && (interval.get().isBlank() || interval.get().strip().equals(SourceChecks.DEFAULT_INTERVAL));
    }

    boolean hasError() {
        return !jobError.get().isEmpty() || !addressError.get().isEmpty() || !pathError.get().isEmpty()
                || !intervalError.get().isEmpty();
    }

    void setErrors(String job, String address, String path, String interval) {
        jobError.set(job);
        addressError.set(address);
        pathError.set(path);
        intervalError.set(interval);
    }

    public StringProperty jobProperty() {
        return job;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty pathProperty() {
        return path;
    }

    public StringProperty intervalProperty() {
        return interval;
    }

    public ReadOnlyStringProperty jobErrorProperty() {
        return jobError;
    }

    public ReadOnlyStringProperty addressErrorProperty() {
        return addressError;
    }

    public ReadOnlyStringProperty pathErrorProperty() {
        return pathError;
    }

    public ReadOnlyStringProperty intervalErrorProperty() {
        return intervalError;
    }
}
