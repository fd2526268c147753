package io.alloycompanion.core.stack;

import java.util.List;
import java.util.Optional;

/** Why the stack could not be brought up, stopped or read, in words for the user, with what to do next. */
public final class StackException extends Exception {

    public enum Kind {
        /** No engine answered at the address. */
        ENGINE_UNREACHABLE,
        /** The engine answered at first and then stopped answering. */
        ENGINE_GONE,
        NOT_INITIALISED,
        PORT_CLASH,
        MISSING_IMAGE,
        /** A service did not answer its health endpoint in time. */
        UNHEALTHY,
        /** A service's container stopped while it was being waited on. */
        EXITED,
        CANCELLED,
        /** The folder of a log file of this computer the stack's Alloy should tail does not exist. */
        HOST_FOLDER_MISSING,
        /** A container needs a secret (the Grafana Cloud token) that could not be read. */
        SECRET_MISSING,
        /** The engine refused a request. */
        DOCKER_ERROR
    }

    private final Kind kind;
    private final Optional<StackService> service;
    private final List<String> lastLogLines;
    /** The message's parts (a port, an image, an address…), so a screen can say it in the user's language. */
    private final java.util.Map<String, String> details = new java.util.LinkedHashMap<>();

    public StackException(Kind kind, Optional<StackService> service, String message, List<String> lastLogLines, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.service = service;
        this.lastLogLines = List.copyOf(lastLogLines);
    }

    public StackException(Kind kind, String message) {
        this(kind, Optional.empty(), message, List.of(), null);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<StackService> service() {
        return service;
    }

    /** Adds a part of the message by name; returns this exception, to throw it. */
    public StackException detail(String name, Object value) {
        details.put(name, String.valueOf(value));
        return this;
    }

    public java.util.Map<String, String> details() {
        return java.util.Collections.unmodifiableMap(details);
    }

    /** The service's last log lines, when it failed to start or become healthy. */
    public List<String> lastLogLines() {
        return lastLogLines;
    }
}
