package io.alloycompanion.core.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns Alloy's log lines (FACTS.md §5) into records: logfmt ({@code key=value}, values Go-quoted when they hold
 * spaces or quotes) and JSON objects. A line that is neither keeps its text as an UNKNOWN-level raw record. The logfmt
 * path is a single pass over the characters with no regular expressions: floods of 50,000 lines a second stay cheap.
 * Stateless and thread-safe.
 */
public final class LogParser {

    private static final JsonFactory JSON = new JsonFactory();
    /**
     * The same few dozen keys (ts, level, msg, component_id, …) start every line: each is kept once, here, instead of
     * as a new String per line. For Alloy's lines that is about a third less garbage per line and 15% less memory for
     * a full buffer, which shortens the collector's pauses under a flood (docs/performance.md). Slots are written
     * without locking: a String is immutable and safely published, so a racing reader sees the old key, the new one
     * or null, and checks it before use.
     */
    private static final String[] KEYS = new String[512];
    private static final int LONGEST_CACHED_KEY = 40;

    public LogRecord parse(String line, LogSource source) {
        String text = stripEnd(line);
        if (!text.isEmpty() && text.charAt(0) == '{') {
            LogRecord json = parseJson(text, line, source);
            if (json != null) {
                return json;
            }
        }
        LogRecord logfmt = parseLogfmt(text, line, source);
        return logfmt != null ? logfmt : raw(text, line, source);
    }

    private static LogRecord raw(String text, String line, LogSource source) {
        return new LogRecord(0, "", LogLevel.UNKNOWN, text, "", "", Map.of(), line, source, false);
    }

    /** Null when the line is not logfmt with at least one of ts, level, msg. */
    private static LogRecord parseLogfmt(String text, String line, LogSource source) {
        Builder record = new Builder();
        int length = text.length();
        int i = 0;
        while (i < length) {
            while (i < length && text.charAt(i) <= ' ') {
                i++;
            }
            if (i >= length) {
                break;
            }
            int keyStart = i;
            while (i < length) {
                char c = text.charAt(i);
                if (c == '=' || c <= ' ' || c == '"') {
                    break;
                }
                i++;
            }
            if (i == keyStart) {
                return null; // a quote or '=' where a key should start: not logfmt
            }
            String key = key(text, keyStart, i);
            String value;
            if (i < length && text.charAt(i) == '=') {
                i++;
                if (i < length && text.charAt(i) == '"') {
                    int end = closingQuote(text, i + 1);
                    if (end < 0) {
                        return null;
                    }
                    value = unquote(text, i + 1, end);
                    i = end + 1;
                } else {
                    int valueStart = i;
                    while (i < length && text.charAt(i) > ' ') {
                        if (text.charAt(i) == '"') {
                            return null;
                        }
                        i++;
                    }
                    value = text.substring(valueStart, i);
                }
            } else if (i < length && text.charAt(i) == '"') {
                return null;
            } else {
                value = ""; // a bare key, as go-logfmt reads it
            }
            record.put(key, value);
        }
        return record.known ? record.build(line, source) : null;
    }

    /** The key in {@code text[start, end)}, shared with earlier lines that had the same key. */
    private static String key(String text, int start, int end) {
        int length = end - start;
        if (length > LONGEST_CACHED_KEY) {
            return text.substring(start, end);
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        int slot = (hash ^ (hash >>> 9)) & (KEYS.length - 1);
        String cached = KEYS[slot];
        if (cached != null && cached.length() == length && text.startsWith(cached, start)) {
            return cached;
        }
        String key = text.substring(start, end);
        KEYS[slot] = key;
        return key;
    }

    /** The index of the quote that ends a Go-quoted value starting at {@code from}, or -1. */
    private static int closingQuote(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Undoes Go's strconv.Quote: \" \\ \n \t \r \a \b \f \v \xHH \\uHHHH \UHHHHHHHH. */
    static String unquote(String text, int start, int end) {
        int slash = text.indexOf('\\', start);
        if (slash < 0 || slash >= end) {
            return text.substring(start, end);
        }
        StringBuilder out = new StringBuilder(end - start);
        out.append(text, start, slash);
        for (int i = slash; i < end; i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= end) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n': out.append('\n'); break;
                case 't': out.append('\t'); break;
                case 'r': out.append('\r'); break;
                case 'a': out.append('\u0007'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'v': out.append('\u000b'); break;
                case 'x': i = hex(text, i, end, 2, out); break;
                case 'u': i = hex(text, i, end, 4, out); break;
                case 'U': i = hex(text, i, end, 8, out); break;
                default: out.append(next); // \" \\ and anything unexpected, kept as written
            }
        }
        return out.toString();
    }

    private static int hex(String text, int at, int end, int digits, StringBuilder out) {
        if (at + digits >= end) {
            out.append('\\').append(text.charAt(at));
            return at;
        }
        try {
            int code = Integer.parseInt(text, at + 1, at + 1 + digits, 16);
            out.appendCodePoint(code);
            return at + digits;
        } catch (IllegalArgumentException e) {
            out.append('\\').append(text.charAt(at));
            return at;
        }
    }

    private static LogRecord parseJson(String text, String line, LogSource source) {
        Builder record = new Builder();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    long start = parser.currentLocation().getCharOffset() - 1;
                    parser.skipChildren();
                    long stop = parser.currentLocation().getCharOffset();
                    record.put(key, text.substring((int) Math.max(0, start), (int) Math.min(text.length(), stop)));
                } else if (value == JsonToken.VALUE_NULL) {
                    record.put(key, "");
                } else {
                    record.put(key, parser.getText());
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return record.known ? record.build(line, source) : null;
    }

    private static String stripEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == line.length() ? line : line.substring(0, end);
    }

    /** Collects a line's keys into a record's parts. */
    private static final class Builder {
        String time = "";
        LogLevel level = LogLevel.UNKNOWN;
        String message = "";
        String componentId;
        String componentPath;
        String controllerId;
        String controllerPath;
        String service;
        Map<String, String> fields;
        boolean known;

        void put(String key, String value) {
            switch (key) {
                case "ts":
                case "time":
                    time = value;
                    known = true;
                    return;
                case "level":
                    level = LogLevel.parse(value);
                    known = true;
                    return;
                case "msg":
                    message = value;
                    known = true;
                    return;
                case "component_id":
                    componentId = value;
                    return;
                case "component_path":
                    componentPath = value;
                    return;
                case "controller_id":
                    controllerId = value;
                    break;
                case "controller_path":
                    controllerPath = value;
                    break;
                case "service":
                    service = value;
                    break;
                default:
                    break;
            }
            if (fields == null) {
                fields = new LinkedHashMap<>(8);
            }
            fields.put(key, value);
        }

        LogRecord build(String line, LogSource source) {
            String component = componentId != null && !componentId.isEmpty() ? componentId
                    : service != null && !service.isEmpty() ? service
                    : controllerId != null && !controllerId.isEmpty() ? controllerId : "";
            String path = componentPath != null ? componentPath : controllerPath != null ? controllerPath : "";
            return new LogRecord(0, time, level, message, component, path,
                    fields == null ? Map.of() : Collections.unmodifiableMap(fields), line, source, true);
        }
    }
}
