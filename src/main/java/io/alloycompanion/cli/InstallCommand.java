package io.alloycompanion.cli;

import io.alloycompanion.core.install.AlloyInstaller;
import io.alloycompanion.core.install.Downloader;
import io.alloycompanion.core.install.InstallEvent;
import io.alloycompanion.core.install.InstallException;
import io.alloycompanion.core.install.InstallListener;
import io.alloycompanion.core.install.InstallResult;
import io.alloycompanion.core.install.PackageManagers;
import io.alloycompanion.core.install.PathExposure;
import io.alloycompanion.core.install.ServiceSetup;
import io.alloycompanion.core.install.ReleaseSource;
import io.alloycompanion.core.platform.EnvironmentProxySelector;
import io.alloycompanion.core.platform.Json;
import io.alloycompanion.core.platform.ProcessCommandRunner;
import io.alloycompanion.core.secrets.Secret;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "install",
        description = "Download, verify (SHA256SUMS, mandatory) and install Alloy for this user, without admin rights. "
                + "Progress goes to stderr, the result to stdout. Exit 1 when the install failed; nothing half-done is left.")
final class InstallCommand implements Callable<Integer> {

    // This command's own --version (of Alloy) hides the inherited help options; --help is declared here instead.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;


    @Spec
    private CommandSpec spec;

    @Option(names = "--version", paramLabel = "vX.Y.Z|latest", defaultValue = "latest", description = "The release (default latest).")
    private String version;

    @Option(names = "--dir", description = "Install folder (default: alloy in the app's data folder).")
    private Path dir;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "Download from URL/<tag>/<asset> instead of GitHub (URL/latest may hold the latest tag). "
                    + "Default: the mirror in the app's settings, if any.")
    private String mirror;

    @Option(names = "--path", description = "Also make `alloy` runnable from a terminal: a link in ~/.local/bin "
            + "(Linux, macOS) or the user Path (Windows).")
    private boolean path;

    @Option(names = "--service", description = "Run Alloy as a service: a systemd user unit for the installed binary "
            + "(Linux), or Grafana's official installer, silently and elevated through UAC (Windows).")
    private boolean service;

    @Option(names = "--config", description = "The config the service runs (default: config.alloy in the app's data folder).")
    private Path config;

    @Option(names = "--via", paramLabel = "winget|scoop|brew|apt|dnf",
            description = "Install with a package manager instead, its output streamed. apt and dnf add Grafana's "
                    + "repository and run as root through sudo: the commands are shown first and run only with --yes "
                    + "or after you answer y on the terminal.")
    private String via;

    @Option(names = "--yes", description = "With --via apt|dnf: agree to the root commands without being asked.")
    private boolean yes;

    @Option(names = "--profile", description = "With --service: the profile whose token the service gets "
            + "(default: the active one; none: the service starts without a token).")
    private String profile;

    @Mixin
    private PassphraseOption passphrase = new PassphraseOption();

    @Option(names = "--activate", paramLabel = "vX.Y.Z",
            description = "Switch to a version installed earlier (rollback) without downloading anything.")
    private String activate;

    @Option(names = "--json", description = "Print the result as one JSON document (with schemaVersion).")
    private boolean json;

    private final CliContext context;

    InstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Downloader downloader = new Downloader(EnvironmentProxySelector.forMachine(context.env()));
        String mirrorUrl = mirror != null ? mirror : context.settings().mirror().orElse(null);
        ReleaseSource source = mirrorUrl == null ? ReleaseSource.github(downloader) : ReleaseSource.mirror(mirrorUrl, downloader);
        AlloyInstaller installer = new AlloyInstaller(downloader, source, new ProcessCommandRunner(), context.env().os(),
                context.env().arch());
        Path target = dir != null ? dir : context.directories().data().resolve("alloy");
        try {
            if (via != null) {
                PackageManagers.Manager manager = PackageManagers.Manager.parse(via).orElse(null);
                if (manager == null) {
                    err.println("error: --via must be winget, scoop, brew, apt or dnf, not " + via);
                    return ExitCodes.USAGE_OR_ENVIRONMENT;
                }
                return viaPackageManager(manager, out, err);
            }
            if (activate != null) {
                String tag = activate.startsWith("v") ? activate : "v" + activate;
                installer.activateInstalled(target, tag);
                out.println("Alloy " + tag + " is active again");
                exposeIfAsked(target, out, err);
                return ExitCodes.OK;
            }
            Path serviceConfig = config != null ? config.toAbsolutePath() : context.directories().data().resolve("config.alloy");
            if (service) {
                Optional<Secret> token = AgentLaunches.token(passphrase.credentials(context), profile, err);
                try {
                    String done = new ServiceSetup(context.env(), context.runner()).install(installer, Optional.of(version),
                            target, serviceConfig, context.directories().data().resolve("alloy-data"), token,
                            context.directories().data(), new StderrProgress(err), () -> false);
                    exposeIfAsked(target, out, err);
                    out.println(done);
                    out.flush();
                    return ExitCodes.OK;
                } finally {
                    token.ifPresent(Secret::close);
                }
            }
            InstallResult result = installer.install(Optional.of(version), target, new StderrProgress(err), () -> false);
            exposeIfAsked(target, out, err);
            if (json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("schemaVersion", result.schemaVersion());
                document.put("version", result.version());
                document.put("path", result.path().toString());
                document.put("sha256", result.sha256());
                document.put("mode", result.mode());
                out.println(Json.write(document));
            } else {
                out.println("Installed Alloy " + result.version() + " at " + result.path());
                out.println("sha256 " + result.sha256() + " (verified against SHA256SUMS)");
            }
            out.flush();
            return ExitCodes.OK;
        } catch (InstallException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.CHECK_FAILED;
        }
    }

    private int viaPackageManager(PackageManagers.Manager manager, PrintWriter out, PrintWriter err)
            throws InstallException, InterruptedException {
        PackageManagers packages = new PackageManagers(context.runner());
        Consumer<String> stream = line -> {
            err.println("  " + line);
            err.flush();
        };
        if (!manager.needsAdministrator()) {
            packages.install(manager, stream);
            out.println("Installed Alloy with " + manager.id());
            return ExitCodes.OK;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        err.println("These commands add Grafana's " + manager.id() + " repository and install the package; they run as root"
                + (root ? "" : " through sudo") + ":");
        manager.rootScript().orElseThrow().lines().forEach(line -> err.println("    " + line));
        err.flush();
        if (!yes && !agreed(err)) {
            err.println("Nothing was run. Add --yes to agree, or install without admin rights: alloy-companion install");
            err.flush();
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        packages.installAgreed(manager, root ? PackageManagers.Elevation.NONE : PackageManagers.Elevation.SUDO, stream);
        out.println("Installed Alloy with " + manager.id() + ". " + PackageManagers.AFTER_PACKAGE);
        out.flush();
        return ExitCodes.OK;
    }

    /** Asks on the terminal; false without one. */
    private static boolean agreed(PrintWriter err) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("Run them? [y/N] ");
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
    }

    private void exposeIfAsked(Path target, PrintWriter out, PrintWriter err) throws InterruptedException {
        if (!path) {
            return;
        }
        try {
            err.println(new PathExposure(context.env(), new ProcessCommandRunner()).expose(target.resolve("bin")).message());
        } catch (IOException e) {
            err.println("warning: alloy was installed, but could not be put on PATH: " + e.getMessage());
        }
        err.flush();
    }

    /** Steps as lines; download progress at most twice a second, with speed and time left. */
    private static final class StderrProgress implements InstallListener {
        private final PrintWriter err;
        private long lastPrinted;

        StderrProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void step(InstallEvent event) {
            err.println(event.english());
            err.flush();
        }

        @Override
        public void progress(long done, long total, double bytesPerSecond) {
            long now = System.nanoTime();
            if (now - lastPrinted < 500_000_000L && done != total) {
                return;
            }
            lastPrinted = now;
            String size = total > 0 ? String.format("%.1f of %.1f MB (%d%%)", done / 1e6, total / 1e6, done * 100 / total)
                    : String.format("%.1f MB", done / 1e6);
            String left = total > 0 && bytesPerSecond > 0 ? String.format(", %d s left", (long) ((total - done) / bytesPerSecond)) : "";
            err.printf("  %s, %.1f MB/s%s%n", size, bytesPerSecond / 1e6, left);
            err.flush();
        }
    }
}
