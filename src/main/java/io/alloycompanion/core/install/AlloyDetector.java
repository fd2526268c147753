package io.alloycompanion.core.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.platform.CommandResult;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.ExecutableFinder;
import io.alloycompanion.core.platform.OperatingSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every Alloy on the machine and says where it came from (FACTS.md §2): PATH, this app's installs, and per OS
 * the official installer and service (Windows registry, {@code sc}), scoop and winget shims, the Linux package and
 * systemd unit, Homebrew and {@code brew services}. OS commands go through the {@link CommandRunner}.
 */
public final class AlloyDetector {

    static final List<String> WINDOWS_REGISTRY = List.of("reg", "query", "HKLM\\Software\\GrafanaLabs\\Alloy", "/ve", "/reg:64");
    static final List<String> WINDOWS_SERVICE = List.of("sc", "query", "Alloy");
    static final List<String> SYSTEMD_UNIT = List.of("systemctl", "show", "alloy.service",
            "--property=LoadState,ActiveState,UnitFileState", "--no-pager");
    static final List<String> BREW_PREFIX = List.of("brew", "--prefix");
    static final List<String> BREW_SERVICE = List.of("brew", "services", "info", "alloy", "--json");

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The default value's line; "(Default)" itself is translated on non-English Windows, so only the type is matched. */
    private static final Pattern REG_DEFAULT = Pattern.compile("\\s+REG_(?:SZ|EXPAND_SZ)\\s+(.+)");
    private static final Pattern SC_STATE = Pattern.compile("STATE\\s*:\\s*\\d+\\s+(\\w+)");

    private final Environment env;
    private final CommandRunner runner;
    private final Path appInstallDir;
    private final Path root;

    public AlloyDetector(Environment env, CommandRunner runner, Path appInstallDir) {
        this(env, runner, appInstallDir, Path.of("/"));
    }

    /** @param root where {@code /usr/bin} and {@code /usr/local/bin} are looked for ({@code /}; tests use a folder) */
    public AlloyDetector(Environment env, CommandRunner runner, Path appInstallDir, Path root) {
        this.env = env;
        this.runner = runner;
        this.appInstallDir = appInstallDir;
        this.root = root;
    }

    /** Like {@link #detect()}, with a binary the user chose (a setting, or --alloy-binary) first in the list. */
    public AlloyInstallations detect(Optional<Path> preferred, String source) throws InterruptedException {
        AlloyInstallations found = detect();
        if (preferred.isEmpty()) {
            return found;
        }
        List<AlloyBinary> binaries = new ArrayList<>();
        binaries.add(inspect(preferred.get(), source));
        Path chosen = real(preferred.get());
        found.binaries().stream().filter(binary -> !binary.path().equals(chosen)).forEach(binaries::add);
        return new AlloyInstallations(binaries, found.services());
    }

    public AlloyBinary inspect(Path binary, String source) throws InterruptedException {
        return AlloyLocator.inspect(runner, real(binary), source);
    }

    public AlloyInstallations detect() throws InterruptedException {
        Map<Path, String> candidates = new LinkedHashMap<>();
        new ExecutableFinder(env).findAll("alloy").forEach(path -> candidates.putIfAbsent(real(path), "PATH"));
        AlloyInstaller.active(appInstallDir).flatMap(this::appBinary).ifPresent(path -> candidates.putIfAbsent(real(path), "app"));
        List<ServiceStatus> services = new ArrayList<>();
        switch (env.os()) {
            case WINDOWS:
                windowsInstaller().ifPresent(path -> candidates.putIfAbsent(real(path), "Windows installer"));
                env.variable("SCOOP").map(Path::of).or(() -> Optional.of(env.userHome().resolve("scoop")))
                        .map(scoop -> scoop.resolve("shims").resolve("alloy.exe")).filter(Files::isRegularFile)
                        .ifPresent(path -> candidates.putIfAbsent(real(path), "scoop"));
                env.variable("LOCALAPPDATA").map(local -> Path.of(local, "Microsoft", "WinGet", "Links", "alloy.exe"))
                        .filter(Files::isRegularFile).ifPresent(path -> candidates.putIfAbsent(real(path), "winget"));
                windowsService().ifPresent(services::add);
                break;
            case MACOS:
                brewPrefix().map(prefix -> prefix.resolve("bin").resolve("alloy")).filter(Files::isRegularFile)
                        .ifPresent(path -> candidates.putIfAbsent(real(path), "Homebrew"));
                brewService().ifPresent(services::add);
                break;
            case LINUX:
                file(root.resolve("usr/bin/alloy")).ifPresent(path -> candidates.putIfAbsent(real(path), "package"));
                file(root.resolve("usr/local/bin/alloy")).ifPresent(path -> candidates.putIfAbsent(real(path), "/usr/local/bin"));
                file(env.userHome().resolve(".local/bin/alloy")).ifPresent(path -> candidates.putIfAbsent(real(path), "~/.local/bin"));
                systemdUnit().ifPresent(services::add);
                break;
            default:
                break;
        }
        List<AlloyBinary> binaries = new ArrayList<>();
        for (Map.Entry<Path, String> candidate : candidates.entrySet()) {
            binaries.add(AlloyLocator.inspect(runner, candidate.getKey(), candidate.getValue()));
        }
        return new AlloyInstallations(binaries, services);
    }

    private Optional<Path> appBinary(String tag) {
        Path folder = appInstallDir.resolve("versions").resolve(tag);
        try (var files = Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().startsWith("alloy")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> file(Path path) {
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** The same binary reached two ways (a link on PATH and the file it points to) is listed once. */
    private static Path real(Path path) {
        try {
            return Files.exists(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            return path;
        }
    }

    private Optional<CommandResult> run(List<String> command) throws InterruptedException {
        try {
            return Optional.of(runner.run(command, TIMEOUT));
        } catch (IOException e) {
            return Optional.empty(); // the tool is not installed: nothing to find through it
        }
    }

    private Optional<Path> windowsInstaller() throws InterruptedException {
        return run(WINDOWS_REGISTRY).filter(CommandResult::succeeded).flatMap(result -> {
            Matcher matcher = REG_DEFAULT.matcher(result.stdout());
            return matcher.find() ? Optional.of(Path.of(matcher.group(1).trim())) : Optional.empty();
        });
    }

    private Optional<ServiceStatus> windowsService() throws InterruptedException {
        return run(WINDOWS_SERVICE).filter(CommandResult::succeeded).map(result -> {
            Matcher matcher = SC_STATE.matcher(result.stdout());
            String state = matcher.find() ? matcher.group(1) : "UNKNOWN";
            return new ServiceStatus("Windows service", "Alloy", true, state.equals("RUNNING"), state);
        });
    }

    private Optional<ServiceStatus> systemdUnit() throws InterruptedException {
        return run(SYSTEMD_UNIT).filter(CommandResult::succeeded).flatMap(result -> {
            Map<String, String> properties = new LinkedHashMap<>();
            result.stdout().lines().map(line -> line.split("=", 2)).filter(parts -> parts.length == 2)
                    .forEach(parts -> properties.put(parts[0], parts[1].trim()));
            if (!"loaded".equals(properties.get("LoadState"))) {
                return Optional.empty();
            }
            String active = properties.getOrDefault("ActiveState", "unknown");
            return Optional.of(new ServiceStatus("systemd", "alloy.service", true, active.equals("active"),
                    active + ", " + properties.getOrDefault("UnitFileState", "unknown")));
        });
    }

    private Optional<Path> brewPrefix() throws InterruptedException {
        return run(BREW_PREFIX).filter(CommandResult::succeeded).map(result -> Path.of(result.stdout().trim()));
    }

    private Optional<ServiceStatus> brewService() throws InterruptedException {
        return run(BREW_SERVICE).filter(CommandResult::succeeded).flatMap(result -> {
            try {
                JsonNode services = new ObjectMapper().readTree(result.stdout());
                JsonNode service = services.isArray() && services.size() > 0 ? services.get(0) : services;
                if (service == null || service.isMissingNode() || service.isNull()) {
                    return Optional.empty();
                }
                boolean running = service.path("running").asBoolean(false);
                return Optional.of(new ServiceStatus("brew services", service.path("name").asText("alloy"), true, running,
                        service.path("status").asText(running ? "started" : "none")));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The Alloy to run: the one chosen in the settings, else this app's own install, else the first found that
     * answers {@code --version}.
     */
    public Optional<Path> chooseToRun(Optional<Path> chosen) throws InterruptedException {
        if (chosen.isPresent()) {
            return chosen;
        }
        List<AlloyBinary> found = detect().binaries();
        return found.stream().filter(binary -> binary.source().equals("app") && binary.version().isPresent()).findFirst()
                .or(() -> found.stream().filter(binary -> binary.version().isPresent()).findFirst())
                .map(AlloyBinary::path);
    }
}
