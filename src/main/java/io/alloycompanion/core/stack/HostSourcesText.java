package io.alloycompanion.core.stack;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack's sources on this computer as people write them, one per line (the wizard's text boxes, {@code stack init
 * --scrape} and {@code --log-file}): a scrape target as {@code job=host:port[/path]}, a log file as an absolute path
 * that may end in a glob. Each line is checked on its own; a problem names its line and what was expected.
 */
public final class HostSourcesText {

    private static final Pattern TARGET = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\s*=\\s*([^/\\s]+:[0-9]{1,5})(/\\S*)?");
    private static final Set<String> RESERVED_JOBS = Set.of("mysql", "redis");

    /** Why a line cannot be used. */
    public enum Problem {
        /** Not {@code job=host:port[/path]}. */
        TARGET_FORMAT,
        /** The same job twice, or a job the stack's own exporters use. */
        TARGET_DUPLICATE,
        /** Not an absolute path. */
        LOG_RELATIVE,
        /** The folder the pattern is in does not exist. */
        LOG_NO_FOLDER
    }

    /** A problem on a line (1-based) with the text of that line. */
    public record LineProblem(Problem problem, int line, String text) {

        /** In English, for the command line. */
        public String describe(String what) {
            return switch (problem) {
                case TARGET_FORMAT -> what + " " + line + " (" + text + "): expected job=host:port or job=host:port/path, "
                        + "e.g. worker=localhost:8787/metrics";
                case TARGET_DUPLICATE -> what + " " + line + " (" + text + "): the job name is used twice or by the stack's "
                        + "own MySQL/Redis exporter; give it another name";
                case LOG_RELATIVE -> what + " " + line + " (" + text + "): expected an absolute path, e.g. /var/log/myapp/*.log";
                case LOG_NO_FOLDER -> what + " " + line + " (" + text + "): its folder does not exist on this computer";
            };
        }
    }

    /** The parsed lines, or the first problem of each bad line. */
    public record Result(StackSettings.HostSources sources, List<LineProblem> targetProblems, List<LineProblem> logProblems) {
        public boolean ok() {
            return targetProblems.isEmpty() && logProblems.isEmpty();
        }
    }

    private HostSourcesText() {
    }

    public static Result parse(List<String> targetLines, List<String> logLines) {
        List<StackSettings.Scrape> scrapes = new ArrayList<>();
        List<LineProblem> targetProblems = new ArrayList<>();
        Set<String> jobs = new HashSet<>(RESERVED_JOBS);
        for (int i = 0; i < targetLines.size(); i++) {
            String line = targetLines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher match = TARGET.matcher(line);
            if (!match.matches()) {
                targetProblems.add(new LineProblem(Problem.TARGET_FORMAT, i + 1, line));
                continue;
            }
            if (!jobs.add(match.group(1).toLowerCase(java.util.Locale.ROOT))) {
                targetProblems.add(new LineProblem(Problem.TARGET_DUPLICATE, i + 1, line));
                continue;
            }
            scrapes.add(new StackSettings.Scrape(match.group(1), match.group(2), Optional.ofNullable(match.group(3)).orElse("/metrics"), 15));
        }
        List<String> logs = new ArrayList<>();
        List<LineProblem> logProblems = new ArrayList<>();
        for (int i = 0; i < logLines.size(); i++) {
            String line = logLines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Optional<Problem> problem = checkLog(line);
            if (problem.isPresent()) {
                logProblems.add(new LineProblem(problem.get(), i + 1, line));
            } else {
                logs.add(line);
            }
        }
        return new Result(new StackSettings.HostSources(scrapes, logs), targetProblems, logProblems);
    }

    private static Optional<Problem> checkLog(String pattern) {
        StackSettings probe = StackSettings.DEFAULTS.withHostSources(new StackSettings.HostSources(List.of(), List.of(pattern)));
        StackLayout.HostLog log;
        try {
            log = StackLayout.hostLogs(probe).get(0);
        } catch (IllegalArgumentException e) {
            return Optional.of(Problem.LOG_RELATIVE);
        }
        try {
            Path dir = Path.of(log.hostDir());
            if (!dir.isAbsolute()) {
                return Optional.of(Problem.LOG_RELATIVE);
            }
            return Files.isDirectory(dir) ? Optional.empty() : Optional.of(Problem.LOG_NO_FOLDER);
        } catch (InvalidPathException e) {
            return Optional.of(Problem.LOG_RELATIVE);
        }
    }

    /** The lines a text box shows for these sources. */
    public static List<String> targetLines(StackSettings.HostSources sources) {
        return sources.scrapes().stream().map(scrape -> scrape.job() + "=" + scrape.address()
                + (scrape.metricsPath().equals("/metrics") ? "" : scrape.metricsPath())).toList();
    }
}
