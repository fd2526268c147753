package io.alloycompanion;

import io.alloycompanion.cli.Cli;
import io.alloycompanion.cli.CliContext;
import io.alloycompanion.cli.ExitCodes;
import io.alloycompanion.core.platform.AppDirectories;
import io.alloycompanion.core.platform.DisplayProbe;
import io.alloycompanion.core.platform.Environment;
import io.alloycompanion.core.platform.windows.ConsoleInterrupt;
import io.alloycompanion.ui.DesktopApp;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The one entry point: no arguments opens the desktop app, anything else is the command line (except
 * {@link ConsoleInterrupt#ARGUMENT}, the app's own helper for stopping Alloy on Windows). Deliberately not a
 * JavaFX {@code Application}, so the jar also starts where JavaFX is on the class path rather than the module path,
 * and so CLI commands never load the toolkit.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals(ConsoleInterrupt.ARGUMENT)) {
            // The app itself, started again on Windows to stop Alloy with a Ctrl+Break on its console.
            ConsoleInterrupt.main(new String[] {args[1]});
            return;
        }
        Environment env = Environment.current();
        AppDirectories directories = AppDirectories.resolve(env);
        // Must happen before the first logger is created: logback reads it while configuring itself.
        System.setProperty("alloyCompanion.logDir", directories.logs().toString());

        if (args.length == 0) {
            DisplayProbe.Display display = new DisplayProbe(env).probe();
            if (!display.available()) {
                System.err.println("alloy-companion: no display to open the desktop app on (" + display.detail() + ").");
                System.err.println("Every feature is also a command: run `alloy-companion --help`.");
                System.exit(ExitCodes.USAGE_OR_ENVIRONMENT);
            }
            DesktopApp.launchApp(env, directories);
            return;
        }
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        System.exit(Cli.run(CliContext.forMachine(env), out, err, args));
    }
}
