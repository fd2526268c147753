package io.alloycompanion.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.testsupport.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged app with no arguments under Xvfb, as a user would, and checks that a real X window titled
 * "Alloy Companion" is mapped and that the window was up within 3 seconds of JVM start (median of 3 launches; the
 * app logs the time itself once the first frame is handled).
 */
class DesktopLaunchIT {

    private static final Pattern STARTUP = Pattern.compile("Startup: main window shown (\\d+) ms after JVM start");
    private static final int LAUNCHES = 3;

    @TempDir
    Path temp;

    @Test
    void opensAMappedWindowUnderXvfbInUnderThreeSeconds() throws Exception {
        String display = TestServices.require("DISPLAY", "Xvfb");
        List<Long> startups = new ArrayList<>();
        for (int i = 0; i < LAUNCHES; i++) {
            startups.add(launchOnce(display, temp.resolve("home-" + i)));
        }
        Collections.sort(startups);
        long median = startups.get(LAUNCHES / 2);
        System.out.println("DesktopLaunchIT: startup to window (ms) " + startups + ", median " + median);
        assertThat(median).as("median start-up time in ms of " + startups).isLessThan(3000);
    }

    private long launchOnce(String display, Path home) throws Exception {
        Process app = JarProcess.builder(Map.of("DISPLAY", display, "ALLOY_COMPANION_HOME", home.toString()))
                .redirectOutput(temp.resolve("app-out.txt").toFile())
                .redirectErrorStream(true)
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Optional<Long> startup = Optional.empty();
            while (startup.isEmpty() && System.nanoTime() < deadline && app.isAlive()) {
                startup = startupTime(home.resolve("logs"));
                Thread.sleep(100);
            }
            assertThat(app.isAlive()).as("the app exited early: " + Files.readString(temp.resolve("app-out.txt"))).isTrue();
            assertThat(startup).as("no start-up line in the app's log").isPresent();
            assertThat(windowInfo(display)).as("the window is mapped (viewable)").contains("Map State: IsViewable");
            return startup.get();
        } finally {
            app.destroy();
            if (!app.waitFor(10, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static Optional<Long> startupTime(Path logs) throws IOException {
        if (!Files.isDirectory(logs)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(path -> path.toString().endsWith(".log")).toList()) {
                Matcher matcher = STARTUP.matcher(Files.readString(log));
                if (matcher.find()) {
                    return Optional.of(Long.parseLong(matcher.group(1)));
                }
            }
        }
        return Optional.empty();
    }

    private static String windowInfo(String display) throws Exception {
        Process xwininfo = new ProcessBuilder("xwininfo", "-name", "Alloy Companion", "-display", display)
                .redirectErrorStream(true).start();
        String tree = new String(xwininfo.getInputStream().readAllBytes());
        xwininfo.waitFor(10, TimeUnit.SECONDS);
        return tree;
    }
}
