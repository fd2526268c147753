package io.alloycompanion.core.install;

import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.OperatingSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Makes {@code alloy} runnable from a terminal. Linux and macOS: a link in {@code ~/.local/bin}, saying so when that
 * folder is not on PATH. Windows: the install's {@code bin} folder appended to the user's {@code Path} in
 * {@code HKCU\Environment} as {@code REG_EXPAND_SZ} (never {@code setx}, which cuts PATH at 1024 characters), then a
 * settings-change broadcast so new terminals see it.
 */
public final class PathExposure {

    /**
     * The user Path exactly as stored (unexpanded), Base64 of UTF-8 so no console code page can garble it; the value
     * name is matched case-insensitively by the registry, and a missing value reads as empty.
     */
    static final List<String> QUERY_USER_PATH = List.of("powershell", "-NoProfile", "-NonInteractive", "-Command",
            "$v = (Get-Item -Path 'HKCU:\\Environment').GetValue('Path', '', 'DoNotExpandEnvironmentNames'); "
                    + "[Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes([string]$v))");
    /** WM_SETTINGCHANGE with "Environment", as Windows' own environment dialog sends it. */
    static final List<String> BROADCAST = List.of("powershell", "-NoProfile", "-NonInteractive", "-Command",
            "Add-Type -Namespace Win32 -Name Native -MemberDefinition '[DllImport(\"user32.dll\", CharSet = CharSet.Auto)] "
                    + "public static extern IntPtr SendMessageTimeout(IntPtr hWnd, uint Msg, UIntPtr wParam, string lParam, "
                    + "uint fuFlags, uint uTimeout, out UIntPtr lpdwResult);'; $r = [UIntPtr]::Zero; "
                    + "[Win32.Native]::SendMessageTimeout([IntPtr]0xffff, 0x1A, [UIntPtr]::Zero, 'Environment', 2, 5000, [ref]$r) | Out-Null");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** What was done, and anything the user still has to do. */
    public record Result(boolean changed, String message) {
    }

    private final Environment env;
    private final CommandRunner runner;

    public PathExposure(Environment env, CommandRunner runner) {
        this.env = env;
        this.runner = runner;
    }

    /** @param binDir the install's {@code bin} folder, holding {@code alloy} (or {@code alloy.exe}) */
    public Result expose(Path binDir) throws IOException, InterruptedException {
        return env.os() == OperatingSystem.WINDOWS ? windows(binDir) : posix(binDir);
    }

    private Result posix(Path binDir) throws IOException {
        Path localBin = Files.createDirectories(env.userHome().resolve(".local").resolve("bin"));
        Path link = localBin.resolve("alloy");
        Path target = binDir.resolve("alloy");
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            return new Result(false, link + " already points to " + target + onPathNote(localBin));
        }
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
            throw new IOException(link + " exists and is not a link made by this app; remove it or leave PATH as it is");
        }
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
        return new Result(true, "Linked " + link + " to " + target + "." + onPathNote(localBin));
    }

    private String onPathNote(Path localBin) {
        boolean onPath = Arrays.stream(env.variable("PATH").orElse("").split(":"))
                .map(entry -> entry.replaceFirst("^~", env.userHome().toString()))
                .anyMatch(entry -> Path.of(entry).toAbsolutePath().normalize().equals(localBin.toAbsolutePath().normalize()));
        return onPath ? "" : " " + localBin + " is not on your PATH: add export PATH=\"$HOME/.local/bin:$PATH\" to ~/.profile, "
                + "then open a new terminal.";
    }

    private Result windows(Path binDir) throws IOException, InterruptedException {
        CommandResult query = runner.run(QUERY_USER_PATH, TIMEOUT);
        String current;
        try {
            if (!query.succeeded()) {
                throw new IllegalArgumentException(query.stderr().strip());
            }
            current = new String(Base64.getDecoder().decode(query.stdout().strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Never write a Path we could not read: that would replace the user's whole Path.
            throw new IOException("could not read your user Path, so it was left as it is (" + e.getMessage() + ")");
        }
        List<String> entries = new ArrayList<>();
        for (String entry : current.split(";")) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        String dir = binDir.toString();
        if (entries.stream().anyMatch(entry -> entry.equalsIgnoreCase(dir) || entry.equalsIgnoreCase(dir + "\\"))) {
            return new Result(false, dir + " is already on your user Path.");
        }
        entries.add(dir);
        CommandResult add = runner.run(List.of("reg", "add", "HKCU\\Environment", "/v", "Path", "/t", "REG_EXPAND_SZ",
                "/d", String.join(";", entries), "/f"), TIMEOUT);
        if (!add.succeeded()) {
            throw new IOException("reg add failed: " + Optional.of(add.stderr().trim()).filter(s -> !s.isEmpty()).orElse(add.stdout().trim()));
        }
        runner.run(BROADCAST, TIMEOUT); // best effort: without it, only terminals opened after sign-in see the change
        return new Result(true, "Added " + dir + " to your user Path. Open a new terminal to use alloy.");
    }
}
