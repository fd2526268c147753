package io.alloycompanion.core.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The exact texts that carry the token to a service: the systemd drop-in, the Homebrew env line, the root shell
 * snippets run through pkexec and the PowerShell scripts run elevated. Kept apart so tests can read them word for
 * word. Texts holding the token are built as bytes from the secret's characters, never as a {@code String}, so the
 * caller can wipe them.
 */
final class ServiceSecretTexts {

    static final String VARIABLE = "GCLOUD_RW_API_KEY";

    static final String SYSTEM_DROP_IN_DIR = "/etc/systemd/system/alloy.service.d";
    static final String SYSTEM_DROP_IN = SYSTEM_DROP_IN_DIR + "/credentials.conf";

    /**
     * Runs as root through pkexec with the drop-in on stdin. umask 077 before anything is created, so the folder and
     * file are root-only from their first moment; the new file replaces the old one in one move, so a drop-in that
     * was once world-readable does not stay so. Each step has its own exit code so the message can say which failed.
     */
    static final String SYSTEM_WRITE_SCRIPT = "umask 077"
            + " && mkdir -p " + SYSTEM_DROP_IN_DIR
            + " && rm -f " + SYSTEM_DROP_IN_DIR + "/.credentials.conf.new"
            + " && cat > " + SYSTEM_DROP_IN_DIR + "/.credentials.conf.new"
            + " && mv -f " + SYSTEM_DROP_IN_DIR + "/.credentials.conf.new " + SYSTEM_DROP_IN
            + " || exit 20; systemctl daemon-reload || exit 21; systemctl try-restart alloy.service || exit 22";

    /** The folder goes too when nothing else is in it; another drop-in the admin put there keeps it. */
    static final String SYSTEM_REMOVE_SCRIPT = "test -e " + SYSTEM_DROP_IN + " || exit 23"
            + "; rm -f " + SYSTEM_DROP_IN + " || exit 20"
            + "; rmdir " + SYSTEM_DROP_IN_DIR + " 2>/dev/null"
            + "; systemctl daemon-reload || exit 21; systemctl try-restart alloy.service || exit 22";

    /** Exit codes of the scripts above and of the Windows scripts. */
    static final int WRITE_FAILED = 20;
    static final int RELOAD_FAILED = 21;
    static final int RESTART_FAILED = 22;
    static final int NOTHING_TO_REMOVE = 23;
    static final int WINDOWS_NOT_RUNNING = 20;
    static final int WINDOWS_NOT_INSTALLED = 21;
    static final int WINDOWS_TOKEN_UNREADABLE = 22;
    static final int WINDOWS_RESTART_FAILED = 24;

    static final String REGISTRY_KEY = "HKLM\\Software\\GrafanaLabs\\Alloy";

    // Identical in both Windows scripts: the official installer's key in the 64-bit view (a 32-bit PowerShell would
    // otherwise land in WOW6432Node, which the service never reads), and the restart only when it runs.
    private static final String STOP_ON_ERROR = "$ErrorActionPreference = 'Stop'\n";
    private static final String OPEN_KEY = "$key = [Microsoft.Win32.RegistryKey]::OpenBaseKey('LocalMachine', 'Registry64')"
            + ".OpenSubKey('Software\\GrafanaLabs\\Alloy', $true)\n"
            + "if ($null -eq $key) { exit 21 }\n";
    private static final String SET_AND_RESTART = "$key.SetValue('Environment', [string[]]$lines, "
            + "[Microsoft.Win32.RegistryValueKind]::MultiString)\n"
            + "$key.Close()\n"
            + "$service = Get-Service -Name Alloy -ErrorAction SilentlyContinue\n"
            + "if ($null -eq $service -or $service.Status -ne 'Running') { exit 20 }\n"
            + "try { Restart-Service -Name Alloy -Force } catch { exit 24 }\n"
            + "exit 0\n";

    private static final Pattern ENV_LINE = Pattern.compile("\\s*(export\\s+)?" + VARIABLE + "=.*");

    private ServiceSecretTexts() {
    }

    /** Whether the token is empty or holds what a service environment cannot carry: line breaks, control characters. */
    static boolean unusable(char[] token) {
        for (char c : token) {
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return token.length == 0;
    }

    /**
     * The systemd drop-in. systemd.exec: Environment= is unquoted per systemd.syntax (C escapes, so {@code \} and
     * {@code "} are escaped inside the double quotes) and then specifier-expanded, so {@code %} is doubled; {@code $}
     * has no special meaning there.
     */
    static byte[] systemdDropIn(char[] token) {
        char[] escaped = escape(token, c -> c == '\\' ? "\\\\" : c == '"' ? "\\\"" : c == '%' ? "%%" : null);
        try {
            return utf8("# Written by Alloy Companion: the Grafana Cloud token for sys.env(\"" + VARIABLE + "\"). "
                    + "Keep this file mode 0600.\n[Service]\nEnvironment=\"" + VARIABLE + "=", escaped, "\"\n");
        } finally {
            Arrays.fill(escaped, '\0');
        }
    }

    /**
     * Homebrew's config.env with the token line added or replaced and every other line kept. The formula's wrapper
     * sources this file with sh; older versions do so without {@code set -a}, so only an {@code export} line reaches
     * Alloy with all of them. Single quotes keep the shell from reading anything in the value.
     */
    static byte[] homebrewEnv(String existing, char[] token) {
        char[] quoted = escape(token, c -> c == '\'' ? "'\\''" : null);
        try {
            return utf8(withoutToken(existing) + "export " + VARIABLE + "='", quoted, "'\n");
        } finally {
            Arrays.fill(quoted, '\0');
        }
    }

    /** config.env without any line that sets the variable, one line per line, each ending in a newline. */
    static String withoutToken(String existing) {
        StringBuilder kept = new StringBuilder();
        existing.lines().filter(line -> !ENV_LINE.matcher(line).matches()).forEach(line -> kept.append(line).append('\n'));
        return kept.toString();
    }

    static boolean hasToken(String existing) {
        return existing.lines().anyMatch(line -> ENV_LINE.matcher(line).matches());
    }

    static byte[] tokenFile(char[] token) {
        return utf8("", token, "");
    }

    /**
     * Runs elevated; reads the token from the one-shot file (never from its command line) and deletes that file
     * at once. Any other KEY=VALUE line of the service's environment stays.
     */
    static String windowsWriteScript(Path tokenFile) {
        String file = powerShellQuote(tokenFile.toString());
        return STOP_ON_ERROR
                + "try { $token = [IO.File]::ReadAllText(" + file + ") } catch { exit 22 }\n"
                + "Remove-Item -LiteralPath " + file + " -Force -ErrorAction SilentlyContinue\n"
                + OPEN_KEY
                + "$lines = @($key.GetValue('Environment', [string[]]@()) | Where-Object { $_ -and $_ -notlike '"
                + VARIABLE + "=*' })\n"
                + "$lines += '" + VARIABLE + "=' + $token\n"
                + SET_AND_RESTART;
    }

    static String windowsRemoveScript() {
        return STOP_ON_ERROR
                + OPEN_KEY
                + "$old = @($key.GetValue('Environment', [string[]]@()) | Where-Object { $_ })\n"
                + "$lines = @($old | Where-Object { $_ -notlike '" + VARIABLE + "=*' })\n"
                + "if ($lines.Count -eq $old.Count) { exit 23 }\n"
                + SET_AND_RESTART;
    }

    /**
     * The command that runs {@code script} elevated (a UAC prompt) and exits with its exit code. UAC goes through
     * ShellExecute, which cuts command lines at about 2048 characters, so the script itself travels as a file and the
     * elevated PowerShell gets only a short, Base64-encoded loader (no quoting to get wrong). A script block is not
     * subject to the execution policy, which group policy may set to refuse script files.
     */
    static List<String> windowsElevatedCommand(Path scriptFile) {
        String loader = "& ([scriptblock]::Create([IO.File]::ReadAllText(" + powerShellQuote(scriptFile.toString()) + ")))";
        String encoded = Base64.getEncoder().encodeToString(loader.getBytes(StandardCharsets.UTF_16LE));
        return List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command",
                "$ErrorActionPreference = 'Stop'; $p = Start-Process -FilePath powershell.exe -ArgumentList "
                        + "'-NoProfile','-NonInteractive','-EncodedCommand','" + encoded + "' "
                        + "-Verb RunAs -Wait -PassThru -WindowStyle Hidden; exit $p.ExitCode");
    }

    /** A PowerShell single-quoted string. PowerShell also ends such strings at typographic quotes (‘ ’ ‚ ‛). */
    static String powerShellQuote(String text) {
        StringBuilder out = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            out.append(c);
            if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private interface Escapes {
        /** What replaces {@code c}, or null to keep it. */
        String of(char c);
    }

    private static char[] escape(char[] value, Escapes escapes) {
        int length = 0;
        for (char c : value) {
            String replacement = escapes.of(c);
            length += replacement == null ? 1 : replacement.length();
        }
        char[] out = new char[length];
        int at = 0;
        for (char c : value) {
            String replacement = escapes.of(c);
            if (replacement == null) {
                out[at++] = c;
            } else {
                replacement.getChars(0, replacement.length(), out, at);
                at += replacement.length();
            }
        }
        return out;
    }

    /** before + secret + after as UTF-8, wiping every intermediate buffer that held the secret. */
    private static byte[] utf8(String before, char[] secret, String after) {
        char[] all = new char[before.length() + secret.length + after.length()];
        before.getChars(0, before.length(), all, 0);
        System.arraycopy(secret, 0, all, before.length(), secret.length);
        after.getChars(0, after.length(), all, before.length() + secret.length);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(all));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(all, '\0');
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
