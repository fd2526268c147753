package io.alloycompanion.core.platform;

/** Turns exceptions into the one sentence worth showing a user. */
public final class Errors {

    private Errors() {
    }

    /**
     * The message of the innermost cause: libraries wrap the useful part ("Connection refused", "No such file or
     * directory") in layers of their own, and the outer messages rarely add anything a user can act on.
     */
    public static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
