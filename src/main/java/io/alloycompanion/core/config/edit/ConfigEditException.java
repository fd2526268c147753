package io.alloycompanion.core.config.edit;

/** An edit that cannot be made: the component or path does not exist, or the result would not parse. */
public final class ConfigEditException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigEditException(String message) {
        super(message);
    }
}
