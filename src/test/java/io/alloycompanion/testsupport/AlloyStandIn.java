package io.alloycompanion.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Test code only: a stand-in for the Alloy binary, which cannot be downloaded on the test machines. It is a POSIX
 * shell script that answers {@code --version} exactly as Alloy does (FACTS.md §3), packed like a real release asset;
 * {@code run} and {@code validate} start {@link AlloyStandInMain} in a JVM of their own (a real separate process with
 * a real HTTP server), using this test run's Java and class path.
 */
public final class AlloyStandIn {

    private AlloyStandIn() {
    }

    public static String script(String tag) {
        return "#!/bin/sh\n"
                + "case \"$1\" in\n"
                + "  --version|-v)\n"
                + "    echo 'alloy, version " + tag + " (branch: HEAD, revision: 1a2b3c4d5)'\n"
                + "    echo '  build user:       stand-in@alloy-companion-tests'\n"
                + "    echo '  build date:       2026-10-01T10:00:00Z'\n"
                + "    echo '  go version:       go1.24.4'\n"
                + "    echo '  platform:         linux/amd64'\n"
                + "    echo '  tags:             netgo,builtinassets'\n"
                + "    exit 0 ;;\n"
                + "  run|validate)\n"
                + "    exec " + shellQuote(javaCommand()) + " -cp " + shellQuote(absoluteClassPath())
                + " -Xshare:auto -XX:TieredStopAtLevel=1 -Xmx128m " + AlloyStandInMain.class.getName() + " \"$@\" ;;\n"
                + "  *)\n"
                + "    echo \"Error: unknown command \\\"$1\\\" for \\\"alloy\\\"\" >&2\n"
                + "    exit 1 ;;\n"
                + "esac\n";
    }

    /** Writes the stand-in as an executable {@code alloy} in {@code folder} and returns its path. */
    public static java.nio.file.Path install(java.nio.file.Path folder, String tag) {
        try {
            java.nio.file.Files.createDirectories(folder);
            java.nio.file.Path binary = folder.resolve("alloy");
            java.nio.file.Files.writeString(binary, script(tag));
            binary.toFile().setExecutable(true);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> java.nio.file.Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static String javaCommand() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** A zip holding one file, as Alloy's release zips do (no folders). */
    public static byte[] zip(String entryName, byte[] content) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry(entryName));
                zip.write(content);
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] releaseZip(String binaryName, String tag) {
        return releaseZip(binaryName, tag, 0);
    }

    /** With {@code padding} bytes of random data in a trailing comment, so downloads take measurable time. */
    public static byte[] releaseZip(String binaryName, String tag, int padding) {
        StringBuilder script = new StringBuilder(script(tag));
        if (padding > 0) {
            Random random = new Random(42);
            script.append("# ");
            for (int i = 0; i < padding; i++) {
                script.append((char) ('a' + random.nextInt(26)));
            }
            script.append('\n');
        }
        return zip(binaryName, script.toString().getBytes(StandardCharsets.UTF_8));
    }
}
