package io.alloycompanion.core.agent;

import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.OperatingSystem;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an Alloy this app did not start, by its HTTP address, and where its logs are: the systemd unit {@code alloy}
 * (system or user) → {@code journalctl}, the Windows service {@code Alloy} → the Application event log (provider
 * {@code Alloy}), Homebrew's service → its log file; anything else (another terminal) is watched without logs.
 */
public final class RunningAlloyFinder {

    /** Who runs the Alloy found. */
    public enum Manager {
        /** The system unit {@code alloy.service} (apt/rpm packages). */
        SYSTEMD,
        /** The user unit {@code alloy.service} ({@code install --service} on Linux). */
        SYSTEMD_USER,
        /** The Windows service {@code Alloy} (Grafana's installer). */
        WINDOWS_SERVICE,
        /** {@code brew services} on macOS. */
        HOMEBREW,
        /** Started some other way, e.g. {@code alloy run} in a terminal: no log source the app can read. */
        OTHER
    }

    /**
     * An Alloy answering at {@code listenAddress}.
     *
     * @param owner      the process holding the port, where the OS says
     * @param logCommand a command that prints its recent log lines and then follows them, if its logs can be read
     */
    public record Found(String listenAddress, Manager manager, Optional<PortOwners.Owner> owner,
                        Optional<List<String>> logCommand, LogSource logSource) {
    }

    /** Looks up the Alloy at an HTTP address ({@link #find}); an interface so screens can be tested with a scripted one. */
    @FunctionalInterface
    public interface Lookup {
        Optional<Found> find(String listenAddress) throws InterruptedException;
    }

    static final String UNIT = "alloy.service";
    static final String WINDOWS_SERVICE = "Alloy";
    /** How many older lines a follower prints before following, so the Logs screen is not empty at first. */
    static final int BACKLOG = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern SC_PID = Pattern.compile("(?m)^\\s*PID\\s*:\\s*(\\d+)");
    private static final Pattern SC_RUNNING = Pattern.compile("(?m)^\\s*STATE\\s*:\\s*4\\b");

    private final HttpClient http;
    private final PortOwners owners;
    private final CommandRunner runner;
    private final OperatingSystem os;
    private final LongFunction<Optional<String>> commandOfPid;

    /**
     * @param commandOfPid the executable of a process id, where the OS says ({@code ProcessHandle.info().command()})
     */
    public RunningAlloyFinder(HttpClient http, PortOwners owners, CommandRunner runner, OperatingSystem os,
                              LongFunction<Optional<String>> commandOfPid) {
        this.http = http;
        this.owners = owners;
        this.runner = runner;
        this.os = os;
        this.commandOfPid = commandOfPid;
    }

    public static RunningAlloyFinder forThisMachine(HttpClient http, PortOwners owners, CommandRunner runner) {
        return new RunningAlloyFinder(http, owners, runner, OperatingSystem.current(),
                pid -> ProcessHandle.of(pid).flatMap(handle -> handle.info().command()));
    }

    /**
     * The Alloy at {@code listenAddress}, or empty when nothing answers there or what answers is not Alloy (it must
     * answer {@code /-/ready} and list its components or report {@code alloy_build_info}).
     */
    public Optional<Found> find(String listenAddress) throws InterruptedException {
        AlloyApi api = new AlloyApi(http, listenAddress);
        try {
            api.ready();
            if (!api.isAlloy()) {
                return Optional.empty();
            }
        } catch (AlloyApi.Unreachable e) {
            return Optional.empty();
        }
        Optional<Integer> port = ListenAddress.port(listenAddress);
        Optional<PortOwners.Owner> owner = port.isPresent() ? owners.of(port.get()) : Optional.empty();
        return Optional.of(classify(listenAddress, owner));
    }

    private Found classify(String listen, Optional<PortOwners.Owner> owner) throws InterruptedException {
        switch (os) {
            case LINUX: {
                if (unitRuns(false, owner)) {
                    return new Found(listen, Manager.SYSTEMD, owner, Optional.of(journalCommand(false)), LogSource.JOURNAL);
                }
                if (unitRuns(true, owner)) {
                    return new Found(listen, Manager.SYSTEMD_USER, owner, Optional.of(journalCommand(true)), LogSource.JOURNAL);
                }
                break;
            }
            case WINDOWS: {
                if (windowsServiceRuns(owner)) {
                    return new Found(listen, Manager.WINDOWS_SERVICE, owner, Optional.of(eventLogCommand()), LogSource.EVENT_LOG);
                }
                break;
            }
            case MACOS: {
                Optional<Path> log = homebrewLog(owner);
                if (log.isPresent()) {
                    return new Found(listen, Manager.HOMEBREW, owner, Optional.of(tailCommand(log.get())), LogSource.FILE);
                }
                break;
            }
            default:
                break;
        }
        return new Found(listen, Manager.OTHER, owner, Optional.empty(), LogSource.SUPERVISOR);
    }

    static List<String> mainPidCommand(boolean user) {
        return user ? List.of("systemctl", "--user", "show", "--property=MainPID", "--value", UNIT)
                : List.of("systemctl", "show", "--property=MainPID", "--value", UNIT);
    }

    /** Recent lines, then follow; {@code -o cat} leaves Alloy's own logfmt lines as they are. */
    static List<String> journalCommand(boolean user) {
        return user ? List.of("journalctl", "--user", "-u", UNIT, "-f", "-o", "cat", "-n", String.valueOf(BACKLOG), "--no-pager")
                : List.of("journalctl", "-u", UNIT, "-f", "-o", "cat", "-n", String.valueOf(BACKLOG), "--no-pager");
    }

    static final List<String> SC_QUERY = List.of("sc.exe", "queryex", WINDOWS_SERVICE);

    static List<String> tailCommand(Path log) {
        return List.of("tail", "-n", String.valueOf(BACKLOG), "-F", log.toString());
    }

    /**
     * The unit runs and is the process holding the port (when the OS named one; the unit's MainPID may be a wrapper
     * whose child listens, so a descendant counts too).
     */
    private boolean unitRuns(boolean user, Optional<PortOwners.Owner> owner) throws InterruptedException {
        Optional<Long> mainPid = run(mainPidCommand(user)).filter(CommandResult::succeeded)
                .flatMap(result -> parsePid(result.stdout().strip()));
        if (mainPid.isEmpty()) {
            return false;
        }
        return owner.map(found -> found.pid() == mainPid.get() || isDescendant(found.pid(), mainPid.get())).orElse(true);
    }

    private boolean windowsServiceRuns(Optional<PortOwners.Owner> owner) throws InterruptedException {
        Optional<CommandResult> result = run(SC_QUERY).filter(CommandResult::succeeded);
        if (result.isEmpty() || !SC_RUNNING.matcher(result.get().stdout()).find()) {
            return false;
        }
        Matcher pid = SC_PID.matcher(result.get().stdout());
        Optional<Long> servicePid = pid.find() ? parsePid(pid.group(1)) : Optional.empty();
        // The service wrapper starts Alloy as its child, so the port's owner is the wrapper's child or the wrapper.
        return owner.isEmpty() || servicePid.isEmpty() || owner.get().pid() == servicePid.get()
                || isDescendant(owner.get().pid(), servicePid.get());
    }

    /** Homebrew's service writes Alloy's standard error to {@code <prefix>/var/log/alloy.err.log}. */
    private Optional<Path> homebrewLog(Optional<PortOwners.Owner> owner) throws InterruptedException {
        Optional<String> prefix = run(List.of("brew", "--prefix")).filter(CommandResult::succeeded)
                .map(result -> result.stdout().strip()).filter(value -> !value.isEmpty());
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        boolean brewsAlloy = owner.flatMap(found -> commandOfPid.apply(found.pid()))
                .map(command -> command.startsWith(prefix.get())).orElse(false);
        Path log = Path.of(prefix.get(), "var", "log", "alloy.err.log");
        return brewsAlloy && Files.isRegularFile(log) ? Optional.of(log) : Optional.empty();
    }

    private static boolean isDescendant(long pid, long ancestor) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(parent -> parent.pid() == ancestor
                || parent.parent().map(grand -> grand.pid() == ancestor).orElse(false)).orElse(false);
    }

    private static Optional<Long> parsePid(String text) {
        try {
            long pid = Long.parseLong(text);
            return pid > 0 ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<CommandResult> run(List<String> command) throws InterruptedException {
        try {
            return Optional.of(runner.run(command, TIMEOUT));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The PowerShell that prints the provider's last {@value #BACKLOG} events, then new ones every second. */
    static String eventLogScript() {
        return "$ErrorActionPreference = 'SilentlyContinue'\n"
                + "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8\n"
                + "$last = 0\n"
                + "$recent = Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='" + WINDOWS_SERVICE + "'} -MaxEvents "
                + BACKLOG + "\n"
                + "if ($recent) { $recent | Sort-Object RecordId | ForEach-Object { [Console]::Out.WriteLine($_.Message); $last = $_.RecordId } }\n"
                + "[Console]::Out.Flush()\n"
                + "while ($true) {\n"
                + "  Start-Sleep -Milliseconds 1000\n"
                + "  $new = Get-WinEvent -LogName Application -FilterXPath \"*[System[Provider[@Name='" + WINDOWS_SERVICE
                + "'] and (EventRecordID > $last)]]\"\n"
                + "  if ($new) { $new | Sort-Object RecordId | ForEach-Object { [Console]::Out.WriteLine($_.Message); $last = $_.RecordId }; "
                + "[Console]::Out.Flush() }\n"
                + "}\n";
    }

    /** {@link #eventLogScript()} as PowerShell's {@code -EncodedCommand} (UTF-16LE, Base64): no quoting on argv. */
    static List<String> eventLogCommand() {
        String encoded = Base64.getEncoder().encodeToString(eventLogScript().getBytes(StandardCharsets.UTF_16LE));
        return List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand", encoded);
    }
}
