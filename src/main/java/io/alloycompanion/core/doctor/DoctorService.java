package io.alloycompanion.core.doctor;

import io.alloycompanion.core.doctor.DoctorReport.DirectoriesStatus;
import io.alloycompanion.core.doctor.DoctorReport.Finding;
import io.alloycompanion.core.doctor.DoctorReport.JavaInfo;
import io.alloycompanion.core.doctor.DoctorReport.PortStatus;
import io.alloycompanion.core.doctor.DoctorReport.Severity;
import io.alloycompanion.core.doctor.DoctorReport.Subject;
import io.alloycompanion.core.doctor.DoctorReport.SystemInfo;
import io.alloycompanion.core.install.AlloyBinary;
import io.alloycompanion.core.install.AlloyDetector;
import io.alloycompanion.core.install.AlloyInstallations;
import io.alloycompanion.core.install.AlloyLocator;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.AppVersion;
import io.alloycompanion.core.platform.DisplayProbe;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.platform.PortProbe;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.platform.ThreadPools;
import io.alloycompanion.core.secrets.KeychainProbe;
import io.alloycompanion.core.secrets.KeychainStatus;
import io.alloycompanion.core.stack.DockerEndpoint;
import io.alloycompanion.core.stack.DockerEngineLocator;
import io.alloycompanion.core.stack.DockerEngineProbe;
import io.alloycompanion.core.stack.DockerEngineStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Looks at the machine: OS, Java, display, Docker, keychain, ports, Alloy on PATH and the app's own folders.
 * The slow probes run side by side, each with its own time limit, so one that hangs cannot stall the report.
 */
public final class DoctorService {

    /** The ports Alloy uses by default: its HTTP server and the OTLP gRPC and HTTP receivers. */
    public static final List<PortStatus> WATCHED_PORTS = List.of(
            new PortStatus(12345, "Alloy HTTP server", true),
            new PortStatus(4317, "OTLP gRPC receiver", true),
            new PortStatus(4318, "OTLP HTTP receiver", true));

    /** Told as each probe finishes, from the thread that ran it. */
    public interface ProgressListener {
        void probeFinished(String probe, int done, int total);
    }

    /** Runs {@code --version} on one binary. */
    @FunctionalInterface
    public interface AlloyInspector {
        AlloyBinary inspect(Path binary, String source) throws InterruptedException;
    }

    /** The probes, each one a plain call so tests can replace any of them. */
    public record Probes(
            Supplier<DockerEndpoint> dockerEndpoint,
            Callable<DockerEngineStatus> docker,
            Callable<KeychainStatus> keychain,
            Callable<AlloyInstallations> alloy,
            AlloyInspector inspectAlloy,
            Function<Integer, Boolean> portFree,
            Supplier<DisplayProbe.Display> display) {
    }

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);
    private static final ExecutorService POOL = ThreadPools.cached("doctor");
    private static final int PROBE_COUNT = 5;

    private final Environment env;
    private final AppDirectories directories;
    private final Probes probes;
    private final Duration timeout;

    public DoctorService(Environment env, AppDirectories directories, Probes probes) {
        this(env, directories, probes, PROBE_TIMEOUT);
    }

    DoctorService(Environment env, AppDirectories directories, Probes probes, Duration timeout) {
        this.env = env;
        this.directories = directories;
        this.probes = probes;
        this.timeout = timeout;
    }

    /** The probes that look at the real machine. */
    public static Probes realProbes(Environment env, DockerEngineLocator dockerLocator, KeychainProbe keychain,
                                    AlloyDetector alloy, PortProbe ports) {
        DockerEngineProbe docker = new DockerEngineProbe(dockerLocator, env.os());
        DisplayProbe display = new DisplayProbe(env);
        ProcessCommandRunner runner = new ProcessCommandRunner();
        return new Probes(dockerLocator::locate, docker::probe, keychain::probe, alloy::detect,
                (binary, source) -> AlloyLocator.inspect(runner, binary, source), ports::isFree, display::probe);
    }

    public DoctorReport run(ProgressListener listener) throws InterruptedException {
        return run(listener, Optional.empty(), "");
    }

    /**
     * @param alloyBinary a binary the user chose (--alloy-binary, or the setting), checked too and listed first
     * @param source how it was chosen, shown with it
     */
    public DoctorReport run(ProgressListener listener, Optional<Path> alloyBinary, String source) throws InterruptedException {
        AtomicInteger done = new AtomicInteger();
        Function<String, Runnable> finished = name -> () -> listener.probeFinished(name, done.incrementAndGet(), PROBE_COUNT);

        Future<DockerEngineStatus> docker = submit(probes.docker(), finished.apply("docker"));
        Future<KeychainStatus> keychain = submit(probes.keychain(), finished.apply("keychain"));
        Callable<AlloyInstallations> alloyProbe = alloyBinary.isEmpty() ? probes.alloy() : () -> {
            AlloyInstallations found = probes.alloy().call();
            List<AlloyBinary> binaries = new ArrayList<>();
            binaries.add(probes.inspectAlloy().inspect(alloyBinary.get(), source));
            found.binaries().stream().filter(binary -> !binary.path().equals(alloyBinary.get())).forEach(binaries::add);
            return new AlloyInstallations(binaries, found.services());
        };
        Future<AlloyInstallations> alloy = submit(alloyProbe, finished.apply("alloy"));
        Future<List<PortStatus>> ports = submit(this::probePorts, finished.apply("ports"));
        Future<DirectoriesStatus> dirs = submit(this::probeDirectories, finished.apply("directories"));
        List<Future<?>> all = List.of(docker, keychain, alloy, ports, dirs);
        // One deadline for all: the probes run side by side, so the report waits at most `timeout` in total.
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            DisplayProbe.Display display = probes.display().get();
            var dockerStatus = await(docker, deadline, "Docker engine", error -> new DockerEngineStatus(
                    probes.dockerEndpoint().get(), false, Optional.empty(), Optional.empty(), Optional.of(error)));
            var keychainStatus = await(keychain, deadline, "OS keychain",
                    error -> new KeychainStatus(false, Optional.empty(), Optional.of(error)));
            var installations = await(alloy, deadline, "Alloy lookup", error -> new AlloyInstallations(List.of(), List.of()));
            var alloyBinaries = installations.binaries();
            var portStatus = await(ports, deadline, "port check", error -> List.<PortStatus>of());
            var dirStatus = await(dirs, deadline, "app folders", error -> new DirectoriesStatus(
                    directories.config().toString(), directories.data().toString(), directories.logs().toString(),
                    false, error));
            SystemInfo system = new SystemInfo(env.os().name().toLowerCase(Locale.ROOT),
                    System.getProperty("os.name"), System.getProperty("os.version"), env.arch().alloyName());
            JavaInfo java = new JavaInfo(System.getProperty("java.version"), System.getProperty("java.vendor"),
                    System.getProperty("java.home"));
            List<Finding> findings = findings(display, dockerStatus, keychainStatus, portStatus, alloyBinaries, dirStatus);
            return new DoctorReport(DoctorReport.SCHEMA_VERSION, AppVersion.get(), system, java, display,
                    dockerStatus, keychainStatus, portStatus, alloyBinaries, installations.services(), dirStatus, findings);
        } catch (InterruptedException e) {
            all.forEach(future -> future.cancel(true));
            throw e;
        } catch (RuntimeException e) {
            all.forEach(future -> future.cancel(true));
            throw e;
        }
    }

    private <T> Future<T> submit(Callable<T> probe, Runnable onDone) {
        return POOL.submit(() -> {
            try {
                return probe.call();
            } finally {
                onDone.run();
            }
        });
    }

    private <T> T await(Future<T> future, long deadline, String what, Function<String, T> onError)
            throws InterruptedException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return onError.apply(what + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return onError.apply(what + " failed: " + Errors.rootMessage(e.getCause()));
        }
    }

    private List<PortStatus> probePorts() {
        List<PortStatus> result = new ArrayList<>();
        for (PortStatus port : WATCHED_PORTS) {
            result.add(new PortStatus(port.port(), port.purpose(), probes.portFree().apply(port.port())));
        }
        return result;
    }

    private DirectoriesStatus probeDirectories() {
        String problem = null;
        for (Path dir : List.of(directories.config(), directories.data(), directories.logs())) {
            try {
                Files.createDirectories(dir);
                Path probe = Files.createTempFile(dir, ".doctor", ".tmp");
                Files.delete(probe);
            } catch (IOException e) {
                problem = "cannot write in " + dir + ": " + e.getMessage();
                break;
            }
        }
        return new DirectoriesStatus(directories.config().toString(), directories.data().toString(),
                directories.logs().toString(), problem == null, problem);
    }

    static List<Finding> findings(DisplayProbe.Display display, DockerEngineStatus docker, KeychainStatus keychain,
                                  List<PortStatus> ports, List<AlloyBinary> alloy, DirectoriesStatus dirs) {
        List<Finding> findings = new ArrayList<>();
        findings.add(display.available()
                ? new Finding(Severity.OK, Subject.DISPLAY, "A display is available (" + display.detail() + ").")
                : new Finding(Severity.WARN, Subject.DISPLAY, "No display (" + display.detail()
                        + "): the desktop window cannot open; every command line command still works."));
        findings.add(docker.reachable()
                ? new Finding(Severity.OK, Subject.DOCKER, "Docker engine " + docker.version().orElse("?")
                        + " answers at " + docker.endpoint().address() + ".")
                : new Finding(Severity.WARN, Subject.DOCKER, "No Docker engine at " + docker.endpoint().address()
                        + ": " + docker.problem().orElse("no answer") + " Only the local stack mode needs Docker."));
        findings.add(keychain.usable()
                ? new Finding(Severity.OK, Subject.KEYCHAIN, "The OS keychain works ("
                        + keychain.backend().orElse("?") + ").")
                : new Finding(Severity.WARN, Subject.KEYCHAIN, "The OS keychain cannot be used: "
                        + keychain.problem().orElse("unknown reason")
                        + ". Tokens can still be kept in an encrypted file or asked for each time."));
        List<String> busy = ports.stream().filter(port -> !port.free())
                .map(port -> port.port() + " (" + port.purpose() + ")").toList();
        findings.add(busy.isEmpty()
                ? new Finding(Severity.OK, Subject.PORTS, "Ports 12345, 4317 and 4318 are free.")
                : new Finding(Severity.WARN, Subject.PORTS, "In use: " + String.join(", ", busy)
                        + ". Another agent or collector may be running; Alloy cannot listen there."));
        if (alloy.isEmpty()) {
            findings.add(new Finding(Severity.WARN, Subject.ALLOY, "Alloy is not installed (not on PATH, nor in the usual "
                    + "places). The setup wizard or `alloy-companion install` installs it."));
        } else {
            AlloyBinary first = alloy.get(0);
            findings.add(first.version().isPresent()
                    ? new Finding(Severity.OK, Subject.ALLOY, "Alloy " + first.version().get() + " at " + first.path()
                            + " (" + first.source() + ")" + (alloy.size() > 1 ? "; " + (alloy.size() - 1) + " more found" : "") + ".")
                    : new Finding(Severity.WARN, Subject.ALLOY, "An `alloy` at " + first.path()
                            + " did not report a version: " + first.problem().orElse("unknown reason") + "."));
        }
        findings.add(dirs.writable()
                ? new Finding(Severity.OK, Subject.DIRECTORIES, "App folders are writable.")
                : new Finding(Severity.FAIL, Subject.DIRECTORIES, "The app cannot write its folders: " + dirs.problem()
                        + ". Fix the permissions, or set ALLOY_COMPANION_HOME to a folder you own."));
        return findings;
    }
}
