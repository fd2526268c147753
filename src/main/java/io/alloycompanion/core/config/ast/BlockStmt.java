package io.alloycompanion.core.config.ast;

import java.util.List;
import java.util.Optional;

/**
 * A block such as {@code prometheus.remote_write "metrics_service" { … }}: its dotted name, an optional label
 * (without quotes; empty when there is none), and its body.
 */
public record BlockStmt(List<String> name, int namePos, String label, int labelPos, int lCurly, List<Stmt> body,
                        int rCurly) implements Stmt {

    public BlockStmt {
        name = List.copyOf(name);
        body = List.copyOf(body);
    }

    /** {@code prometheus.remote_write} */
    public String fullName() {
        return String.join(".", name);
    }

    /** {@code prometheus.remote_write.metrics_service}: how other components refer to this one. */
    public String id() {
        return label.isEmpty() ? fullName() : fullName() + "." + label;
    }

    public Optional<String> labelValue() {
        return label.isEmpty() ? Optional.empty() : Optional.of(label);
    }

    @Override
    public int start() {
        return namePos;
    }

    @Override
    public int end() {
        return rCurly;
    }
}
