package io.alloycompanion.core.secrets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the output of {@code git log -p --format="commit %H"} line by line and hands on each added line with
 * its commit, file and line number in the new file. Only lines inside a hunk start with ' ', '+', '-' or '\', so
 * a header is never mistaken for content (an added line may well read "+++ b/x").
 */
final class HistoryDiffReader implements Consumer<String> {

    /** One added line. {@code file} uses {@code /} separators. */
    interface AddedLines {
        void added(String commit, String file, int line, String text);
    }

    private static final Pattern HUNK = Pattern.compile("^@@+ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@.*");

    private enum State { OUTSIDE, HEADER, HUNK }

    private final AddedLines sink;
    private State state = State.OUTSIDE;
    private String commit = "";
    private Optional<String> file = Optional.empty();
    private int nextLine;
    private String lastOtherLine = "";

    HistoryDiffReader(AddedLines sink) {
        this.sink = sink;
    }

    @Override
    public void accept(String line) {
        if (state == State.HUNK && isContent(line)) {
            content(line);
            return;
        }
        Matcher hunk = HUNK.matcher(line);
        if (line.startsWith("commit ")) {
            commit = line.substring("commit ".length()).strip();
            state = State.OUTSIDE;
            file = Optional.empty();
        } else if (line.startsWith("diff --git ")) {
            state = State.HEADER;
            file = Optional.empty();
        } else if (state == State.HEADER && line.startsWith("+++ ")) {
            file = newPath(line.substring(4));
        } else if (state != State.OUTSIDE && hunk.matches()) {
            state = State.HUNK;
            nextLine = Integer.parseInt(hunk.group(1));
        } else if (state == State.OUTSIDE && !line.isBlank()) {
            lastOtherLine = line;
        }
    }

    /** The last line that was no part of a diff, which is where git's own error message ends up. */
    String lastOtherLine() {
        return lastOtherLine;
    }

    private void content(String line) {
        if (line.isEmpty() || line.charAt(0) == ' ') {
            nextLine++;
        } else if (line.charAt(0) == '+') {
            if (file.isPresent()) {
                sink.added(commit, file.get(), nextLine, line.substring(1));
            }
            nextLine++;
        }
        // '-' lines are gone from the new file; '\' is "No newline at end of file".
    }

    private static boolean isContent(String line) {
        // An empty line is blank context when diff.suppressBlankEmpty is set.
        return line.isEmpty() || " +-\\".indexOf(line.charAt(0)) >= 0;
    }

    /**
     * {@code b/path}, or {@code "b/pa\"th"} when git quoted it; {@code /dev/null} for a deleted file. git ends the
     * line with a tab when the name holds a space (GNU diff's way to show where the name ends); a name with a tab of
     * its own is always quoted, so that tab is never part of it.
     */
    private static Optional<String> newPath(String header) {
        String raw = header.endsWith("\t") ? header.substring(0, header.length() - 1) : header;
        String path = raw.startsWith("\"") && raw.endsWith("\"") && raw.length() >= 2
                ? unquote(raw.substring(1, raw.length() - 1))
                : raw;
        return path.startsWith("b/") ? Optional.of(path.substring(2)) : Optional.empty();
    }

    /** Undoes git's C-style quoting: \" \\ \t \n … and octal escapes, which are the bytes of UTF-8 names. */
    static String unquote(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        ByteArrayOutputStream octalBytes = new ByteArrayOutputStream();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && isOctal(quoted, i + 1)) {
                octalBytes.write(Integer.parseInt(quoted.substring(i + 1, i + 4), 8));
                i += 3;
                continue;
            }
            out.append(octalBytes.toString(StandardCharsets.UTF_8));
            octalBytes.reset();
            if (c == '\\' && i + 1 < quoted.length()) {
                char next = quoted.charAt(++i);
                out.append(switch (next) {
                    case 'a' -> '\u0007';
                    case 'b' -> '\b';
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'v' -> '\u000B';
                    case 'f' -> '\f';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.append(octalBytes.toString(StandardCharsets.UTF_8)).toString();
    }

    private static boolean isOctal(String text, int from) {
        if (from + 3 > text.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
