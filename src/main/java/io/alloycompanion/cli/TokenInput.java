package io.alloycompanion.cli;

import io.alloycompanion.core.secrets.Secret;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The only ways a token enters the command line: standard input or a hidden prompt. A token on argv would be seen
 * by every user of the machine (ps, Task Manager) and kept in shell history, so argv is checked and refused.
 */
final class TokenInput {

    private static final int MAX_CHARS = 16 * 1024;
    private static final Pattern TOKEN_SHAPE = Pattern.compile("(?:.*=)?(glc_|glsa_|eyJrIjoi)[A-Za-z0-9+/_=-]{8,}");

    private TokenInput() {
    }

    /** The first argument shaped like a Grafana token (also {@code --opt=glc_…}), masked, if any. */
    static Optional<String> tokenOnArgv(String... args) {
        for (String arg : args) {
            if (arg != null && TOKEN_SHAPE.matcher(arg).matches()) {
                try (Secret secret = Secret.of(arg.substring(arg.indexOf('=') + 1).toCharArray())) {
                    return Optional.of(secret.masked());
                }
            }
        }
        return Optional.empty();
    }

    static String argvRefusal(String masked) {
        return "error: refusing a token on the command line (" + masked + "). Arguments are visible to every user of "
                + "this machine and stay in shell history. Pipe it instead, for example:\n"
                + "  alloy-companion credentials add --profile dev --token-stdin < token.txt\n"
                + "or leave out --token-stdin to be asked for it (input hidden). If this token was typed into a shell, "
                + "rotate it: Grafana Cloud portal → Security → Access Policies.";
    }

    /** Everything on stdin (up to 16 KB), trimmed; the characters read are wiped. */
    static Secret fromStream(InputStream stdin) throws IOException {
        char[] buffer = new char[MAX_CHARS];
        int length = 0;
        try {
            Reader reader = new InputStreamReader(stdin, StandardCharsets.UTF_8);
            int read;
            while (length < MAX_CHARS && (read = reader.read(buffer, length, MAX_CHARS - length)) > 0) {
                length += read;
            }
            return Secret.of(Arrays.copyOf(buffer, length));
        } finally {
            Arrays.fill(buffer, '\0');
        }
    }

    /** Asks on the terminal with echo off; empty when there is no terminal. */
    static Optional<Secret> prompt(String question) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] typed = console.readPassword("%s", question);
        if (typed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Secret.of(typed));
        } finally {
            Arrays.fill(typed, '\0');
        }
    }
}
