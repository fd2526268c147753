package io.alloycompanion.core.stack;

import io.alloycompanion.core.config.generate.ConfigGenerator;
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

    /** {@code job=host:port[/path]}: a DNS name or IPv4 address, or an IPv6 address in brackets; no query in the path. */
    private static final Pattern TARGET = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_-]*)\\s*=\\s*((?:\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):([0-9]{1,5}))(/[^\\s?#]*)?");
    /** The labels of the scrapes the stack makes itself (its MySQL and Redis exporters). */
    private static final Set<String> RESERVED_LABELS = Set.of("mysql", "redis");

    /** Why a line cannot be used. */
    public enum Problem {
        /** Not {@code job=host:port[/path]}. */
        TARGET_FORMAT,
        /** The same job twice (as Alloy labels it: {@code my-app} and {@code my_app} clash), or a job the stack's own exporters use. */
        TARGET_DUPLICATE,
        /** Not an absolute path. */
        LOG_RELATIVE,
        /** The folder the pattern is in does not exist. */
        LOG_NO_FOLDER,
        /** A folder rather than files in it ({@code /var/log/myapp} instead of {@code /var/log/myapp/*.log}). */
        LOG_FOLDER,
        /** Files right at the root of a disk: the whole disk would be mounted. */
        LOG_ROOT,
        /** The same pattern twice (every line would reach Loki twice). */
        LOG_DUPLICATE
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
                case LOG_FOLDER -> what + " " + line + " (" + text + "): that is a folder; name the files in it, e.g. "
                        + text.replaceAll("[/\\\\]+$", "") + "/*.log";
                case LOG_ROOT -> what + " " + line + " (" + text + "): files at the root of a disk would mount the whole disk; "
                        + "keep the log files in a folder";
                case LOG_DUPLICATE -> what + " " + line + " (" + text + "): the same file pattern is given twice";
            };
        }
    }

    /** The parsed lines, or the first problem of each bad line. */
    public record Result(StackSettings.HostSources sources, List<LineProblem> targetProblems, List<LineProblem> logProblems) {
        public boolean ok() {
            return targetProblems.isEmpty() && logProblems.isEmpty();
        }
    }

    /**
     * Whether a folder exists, asked for each log line. The command line asks the disk; the desktop app answers from
     * what a background check found (a path on a slow network share would otherwise stall typing).
     */
    @FunctionalInterface
    public interface Folders {
        /** Empty while it is not known yet: the line is not called wrong for it. */
        Optional<Boolean> isDirectory(Path path);

        Folders DISK = path -> Optional.of(Files.isDirectory(path));
    }

    private HostSourcesText() {
    }

    public static Result parse(List<String> targetLines, List<String> logLines) {
        return parse(targetLines, logLines, StackSettings.HostSources.NONE);
    }

    /**
     * @param previous the sources the lines were shown from: a target that is still there keeps its scrape interval
     *                 (which the lines do not show)
     */
    public static Result parse(List<String> targetLines, List<String> logLines, StackSettings.HostSources previous) {
        return parse(targetLines, logLines, previous, Folders.DISK);
    }

    public static Result parse(List<String> targetLines, List<String> logLines, StackSettings.HostSources previous,
                               Folders folders) {
        List<StackSettings.Scrape> scrapes = new ArrayList<>();
        List<LineProblem> targetProblems = new ArrayList<>();
        Set<String> labels = new HashSet<>(RESERVED_LABELS);
        for (int i = 0; i < targetLines.size(); i++) {
            String line = targetLines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher match = TARGET.matcher(line);
            if (!match.matches() || Integer.parseInt(match.group(3)) < 1 || Integer.parseInt(match.group(3)) > 65535) {
                targetProblems.add(new LineProblem(Problem.TARGET_FORMAT, i + 1, line));
                continue;
            }
            if (!labels.add(ConfigGenerator.label(match.group(1)))) {
                targetProblems.add(new LineProblem(Problem.TARGET_DUPLICATE, i + 1, line));
                continue;
            }
            String job = match.group(1);
            String address = match.group(2);
            String path = Optional.ofNullable(match.group(4)).orElse("/metrics");
            int interval = previous.scrapes().stream()
                    .filter(old -> old.job().equals(job) && old.address().equals(address) && old.metricsPath().equals(path))
                    .mapToInt(StackSettings.Scrape::intervalSeconds).findFirst().orElse(15);
            scrapes.add(new StackSettings.Scrape(job, address, path, interval));
        }
        List<String> logs = new ArrayList<>();
        List<LineProblem> logProblems = new ArrayList<>();
        for (int i = 0; i < logLines.size(); i++) {
            String line = logLines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Optional<Problem> problem = logs.contains(line) ? Optional.of(Problem.LOG_DUPLICATE) : checkLog(line, folders);
            if (problem.isPresent()) {
                logProblems.add(new LineProblem(problem.get(), i + 1, line));
            } else {
                logs.add(line);
            }
        }
        return new Result(new StackSettings.HostSources(scrapes, logs), targetProblems, logProblems);
    }

    private static Optional<Problem> checkLog(String pattern, Folders folders) {
        StackSettings probe = StackSettings.DEFAULTS.withHostSources(new StackSettings.HostSources(List.of(), List.of(pattern)));
        StackLayout.HostLog log;
        try {
            log = StackLayout.hostLogs(probe).get(0);
        } catch (IllegalArgumentException e) {
            return Optional.of(Problem.LOG_RELATIVE);
        }
        if (log.hostDir().equals("/") || log.hostDir().matches("[A-Za-z]:[/\\\\]?")) {
            return Optional.of(Problem.LOG_ROOT);
        }
        if (pattern.endsWith("/") || pattern.endsWith("\\")) {
            return Optional.of(Problem.LOG_FOLDER);
        }
        try {
            Path dir = Path.of(log.hostDir());
            if (!dir.isAbsolute()) {
                return Optional.of(Problem.LOG_RELATIVE);
            }
            if (folders.isDirectory(dir).equals(Optional.of(false))) {
                return Optional.of(Problem.LOG_NO_FOLDER);
            }
            // A pattern without a glob that names a folder: the folder's files were meant.
            boolean glob = pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
            return !glob && folders.isDirectory(Path.of(pattern)).orElse(false) ? Optional.of(Problem.LOG_FOLDER) : Optional.empty();
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
