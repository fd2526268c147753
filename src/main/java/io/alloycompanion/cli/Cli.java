package io.alloycompanion.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Runs one command line and returns its exit code; never calls {@code System.exit} itself. */
public final class Cli {

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private Cli() {
    }

    public static int run(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        var tokenOnArgv = TokenInput.tokenOnArgv(args);
        if (tokenOnArgv.isPresent()) {
            err.println(TokenInput.argvRefusal(tokenOnArgv.get()));
            err.flush();
            return ExitCodes.USAGE_OR_ENVIRONMENT;
        }
        CommandLine commandLine = new CommandLine(new RootCommand(), new ContextFactory(context))
                .setOut(out)
                .setErr(err)
                .setExitCodeExceptionMapper(error -> ExitCodes.USAGE_OR_ENVIRONMENT)
                .setExecutionExceptionHandler((error, cmd, parseResult) -> {
                    LOG.error("Command {} failed", String.join(" ", parseResult.originalArgs()), error);
                    cmd.getErr().println("error: " + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()));
                    cmd.getErr().println("Details are in the log file.");
                    return ExitCodes.USAGE_OR_ENVIRONMENT;
                });
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE_OR_ENVIRONMENT);
        commandLine.getCommandSpec().exitCodeOnExecutionException(ExitCodes.USAGE_OR_ENVIRONMENT);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Hands every command the shared context through its constructor. */
    private static final class ContextFactory implements IFactory {
        private final CliContext context;
        private final IFactory fallback = CommandLine.defaultFactory();

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                constructor.setAccessible(true);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return fallback.create(type);
            }
        }
    }
}
