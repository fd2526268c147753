package io.alloycompanion.core.checks;

/** How a check came out. */
public enum CheckStatus {
    PASS, WARN, FAIL,
    /** Not run: a check it depends on did not pass, or it does not apply here (the result says why). */
    SKIPPED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
