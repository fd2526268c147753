package io.alloycompanion.core.config.edit;

import io.alloycompanion.core.config.ast.BlockStmt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a top-level block the way users write it: {@code prometheus.remote_write "metrics_service"}, or dotted as
 * Alloy refers to it, {@code prometheus.remote_write.metrics_service}; {@code logging} for a block without label.
 */
public final class ComponentId {

    private static final Pattern QUOTED = Pattern.compile("^\\s*([A-Za-z_][\\w.]*)\\s+\"([^\"]*)\"\\s*$");

    private final String text;

    private ComponentId(String text) {
        this.text = text;
    }

    public static ComponentId parse(String text) {
        Matcher quoted = QUOTED.matcher(text);
        return new ComponentId(quoted.matches() ? quoted.group(1) + "." + quoted.group(2) : text.trim());
    }

    public boolean matches(BlockStmt block) {
        return block.id().equals(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
