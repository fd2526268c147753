package io.alloycompanion.core.agent;

import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.OperatingSystem;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the process listening on a TCP port, where the OS tells: {@code ss -ltnpH} on Linux (the name and pid of a
 * process of the same user; other users' are hidden without root), {@code lsof} on macOS, {@code netstat -ano} plus
 * {@code tasklist} on Windows.
 */
public final class PortOwners {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern SS_USER = Pattern.compile("users:\\(\\(\"([^\"]+)\",pid=(\\d+)");
    private static final Pattern NETSTAT = Pattern.compile("^\\s*TCP\\s+\\S+:(\\d+)\\s+\\S+\\s+LISTENING\\s+(\\d+)\\s*$",
            Pattern.MULTILINE);

    /** Who holds a port: the program's name and process id. */
    public record Owner(String name, long pid) {
        @Override
        public String toString() {
            return name + " (pid " + pid + ")";
        }
    }

    private final OperatingSystem os;
    private final CommandRunner runner;

    public PortOwners(OperatingSystem os, CommandRunner runner) {
        this.os = os;
        this.runner = runner;
    }

    static List<String> linuxCommand(int port) {
        return List.of("ss", "-ltnpH", "sport = :" + port);
    }

    static List<String> macCommand(int port) {
        return List.of("lsof", "-nP", "-iTCP:" + port, "-sTCP:LISTEN", "-Fpc");
    }

    static final List<String> WINDOWS_NETSTAT = List.of("netstat", "-ano", "-p", "TCP");

    static List<String> windowsTasklist(long pid) {
        return List.of("tasklist", "/FI", "PID eq " + pid, "/FO", "CSV", "/NH");
    }

    /** The listener of {@code port}, or empty when the OS does not say (or nobody listens). */
    public Optional<Owner> of(int port) throws InterruptedException {
        try {
            switch (os) {
                case LINUX: {
                    Matcher matcher = SS_USER.matcher(run(linuxCommand(port)));
                    return matcher.find() ? Optional.of(new Owner(matcher.group(1), Long.parseLong(matcher.group(2)))) : Optional.empty();
                }
                case MACOS: {
                    long pid = -1;
                    String name = null;
                    for (String line : run(macCommand(port)).lines().toList()) {
                        if (line.startsWith("p") && pid < 0) {
                            pid = Long.parseLong(line.substring(1).trim());
                        } else if (line.startsWith("c") && name == null) {
                            name = line.substring(1).trim();
                        }
                    }
                    return pid > 0 ? Optional.of(new Owner(name == null ? "?" : name, pid)) : Optional.empty();
                }
                case WINDOWS: {
                    Matcher matcher = NETSTAT.matcher(run(WINDOWS_NETSTAT));
                    while (matcher.find()) {
                        if (Integer.parseInt(matcher.group(1)) == port) {
                            long pid = Long.parseLong(matcher.group(2));
                            String csv = run(windowsTasklist(pid)).strip();
                            String name = csv.startsWith("\"") ? csv.substring(1, Math.max(1, csv.indexOf('"', 1))) : "?";
                            return Optional.of(new Owner(name, pid));
                        }
                    }
                    return Optional.empty();
                }
                default:
                    return Optional.empty();
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        CommandResult result = runner.run(command, TIMEOUT);
        return result.stdout();
    }
}
