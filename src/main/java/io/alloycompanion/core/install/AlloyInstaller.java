package io.alloycompanion.core.install;

import io.alloycompanion.core.install.InstallException.Kind;
import io.alloycompanion.core.platform.Architecture;
import io.alloycompanion.core.platform.AtomicFiles;
import io.alloycompanion.core.platform.CommandRunner;
import io.alloycompanion.core.platform.OperatingSystem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Installs Alloy for the current user without admin rights: downloads the release zip for this OS and architecture,
 * verifies it against the release's {@code SHA256SUMS} (mandatory; it fails closed), unpacks the binary into its own
 * version folder, checks that it runs, and only then makes it the active version. Nothing half-done is left behind.
 *
 * <p>Layout under the install folder: {@code versions/<tag>/<binary>}, {@code active} (the active tag), and on
 * Linux and macOS {@code bin/alloy}, a link to the active binary that can be put on PATH.
 */
public final class AlloyInstaller {

    private final Downloader downloader;
    private final ReleaseSource source;
    private final CommandRunner runner;
    private final OperatingSystem os;
    private final Architecture arch;

    public AlloyInstaller(Downloader downloader, ReleaseSource source, CommandRunner runner, OperatingSystem os, Architecture arch) {
        this.downloader = downloader;
        this.source = source;
        this.runner = runner;
        this.os = os;
        this.arch = arch;
    }

    /**
     * @param version a tag such as {@code v1.18.0}, or empty for the latest release
     */
    public InstallResult install(Optional<String> version, Path dir, InstallListener listener, BooleanSupplier cancelled)
            throws InstallException, InterruptedException {
        String zip = ReleaseAssets.zipFor(os, arch).orElseThrow(() -> new InstallException(Kind.UNSUPPORTED_PLATFORM,
                "Alloy publishes no build for " + os.alloyName() + "/" + arch.alloyName()
                        + ". Builds exist for linux (amd64, arm64, ppc64le, s390x), darwin (amd64, arm64) and windows (amd64)."));
        String tag = resolveTag(version, listener);
        listener.step(new InstallEvent(InstallEvent.What.READING_SUMS, tag));
        String expected = Sha256Sums.parse(downloader.fetchText(source.url(tag, "SHA256SUMS"), 1 << 20)).forFile(zip)
                .orElseThrow(() -> new InstallException(Kind.CHECKSUM, "SHA256SUMS of " + tag + " has no line for " + zip
                        + ", so the download cannot be verified. Nothing was installed."));

        List<Path> created = new ArrayList<>();
        for (Path folder = dir; folder != null && !Files.exists(folder); folder = folder.getParent()) {
            created.add(0, folder);
        }
        Path downloads = dir.resolve("downloads");
        Path versions = dir.resolve("versions");
        for (Path folder : List.of(downloads, versions)) {
            if (!Files.exists(folder)) {
                created.add(folder);
            }
        }
        createDirectories(downloads);
        createDirectories(versions);
        boolean installed = false;

        Path download = downloads.resolve(zip + ".part");
        Path staging = versions.resolve("." + tag + ".staging");
        try {
            listener.step(new InstallEvent(InstallEvent.What.DOWNLOADING, source.url(tag, zip)));
            downloader.download(source.url(tag, zip), download, listener, cancelled);
            checkZipMagic(download, source.url(tag, zip));
            String actual = sha256(download);
            if (!actual.equals(expected)) {
                throw new InstallException(Kind.CHECKSUM, "Checksum mismatch for " + zip + ": SHA256SUMS says " + expected
                        + " but the download is " + actual + ". The file was altered or damaged; nothing was installed.");
            }
            listener.step(new InstallEvent(InstallEvent.What.VERIFIED, actual));

            deleteTree(staging);
            Files.createDirectories(staging);
            String binaryName = ReleaseAssets.binaryIn(zip);
            Path binary = staging.resolve(binaryName);
            unzip(download, binaryName, binary, source.url(tag, zip));
            makeExecutable(binary);
            String reported = versionOf(binary);
            listener.step(new InstallEvent(InstallEvent.What.BINARY_RUNS, reported));

            Path target = versions.resolve(tag);
            deleteTree(target);
            move(staging, target);
            activate(dir, tag, target.resolve(binaryName));
            listener.step(new InstallEvent(InstallEvent.What.ACTIVE, tag));
            installed = true;
            return new InstallResult(1, tag, target.resolve(binaryName), actual, InstallResult.PER_USER);
        } catch (IOException e) {
            throw new InstallException(Kind.FILESYSTEM, "Cannot write in " + dir + ": " + e.getMessage()
                    + ". Choose a folder you can write to (--dir).", e);
        } finally {
            quietly(() -> Files.deleteIfExists(download));
            quietly(() -> deleteTree(staging));
            if (!installed) {
                // Leave the folder as it was: remove the (empty) folders this attempt created, innermost first.
                for (int i = created.size() - 1; i >= 0; i--) {
                    Path folder = created.get(i);
                    quietly(() -> Files.deleteIfExists(folder));
                }
            }
        }
    }

    /**
     * Downloads one release file into {@code target} and verifies it against the release's SHA256SUMS; on any
     * failure the file is gone. Used for the Windows installer executable.
     */
    public String downloadVerified(String tag, String asset, Path target, InstallListener listener, BooleanSupplier cancelled)
            throws InstallException {
        String expected = Sha256Sums.parse(downloader.fetchText(source.url(tag, "SHA256SUMS"), 1 << 20)).forFile(asset)
                .orElseThrow(() -> new InstallException(Kind.CHECKSUM, "SHA256SUMS of " + tag + " has no line for " + asset
                        + ", so the download cannot be verified."));
        listener.step(new InstallEvent(InstallEvent.What.DOWNLOADING, source.url(tag, asset)));
        downloader.download(source.url(tag, asset), target, listener, cancelled);
        try {
            String actual = sha256(target);
            if (!actual.equals(expected)) {
                Files.deleteIfExists(target);
                throw new InstallException(Kind.CHECKSUM, "Checksum mismatch for " + asset + ": SHA256SUMS says " + expected
                        + " but the download is " + actual + ".");
            }
            listener.step(new InstallEvent(InstallEvent.What.VERIFIED, actual));
            return actual;
        } catch (IOException e) {
            throw new InstallException(Kind.FILESYSTEM, "Cannot read " + target + ": " + e.getMessage(), e);
        }
    }

    /** The tag a version argument stands for, asking the release source for the latest. */
    public String resolveTag(Optional<String> version, InstallListener listener) throws InstallException {
        String tag;
        if (version.isPresent() && !version.get().equals("latest")) {
            tag = version.get().startsWith("v") ? version.get() : "v" + version.get();
        } else {
            listener.step(new InstallEvent(InstallEvent.What.ASKING_LATEST, source.describe()));
            tag = source.latestTag();
        }
        return checkTag(tag);
    }

    static String checkTag(String tag) throws InstallException {
        if (!ReleaseAssets.isTag(tag)) {
            throw new InstallException(Kind.NOT_FOUND, "\"" + tag + "\" is not a release version; use the form v1.18.0.");
        }
        return tag;
    }

    /** The tag of the active version, if any. */
    public static Optional<String> active(Path dir) {
        try {
            Path file = dir.resolve("active");
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Installed versions, oldest first. */
    public static List<String> installed(Path dir) {
        Path versions = dir.resolve("versions");
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(versions)) {
            return entries.map(path -> path.getFileName().toString()).filter(ReleaseAssets::isTag).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Removes one installed version (or all), never anything outside the install folder. */
    public static List<String> uninstall(Path dir, Optional<String> version) throws InstallException {
        if (version.isPresent()) {
            checkTag(version.get());
        }
        List<String> removed = version.map(List::of).orElseGet(() -> installed(dir));
        try {
            for (String tag : removed) {
                Path folder = dir.resolve("versions").resolve(tag);
                if (!Files.isDirectory(folder)) {
                    throw new InstallException(Kind.NOT_FOUND, "Alloy " + tag + " is not installed in " + dir + ".");
                }
                deleteTree(folder);
                if (active(dir).filter(tag::equals).isPresent()) {
                    Files.deleteIfExists(dir.resolve("active"));
                    Files.deleteIfExists(dir.resolve("bin").resolve("alloy"));
                    Files.deleteIfExists(dir.resolve("bin").resolve("alloy.exe"));
                }
            }
            return removed;
        } catch (IOException e) {
            throw new InstallException(Kind.FILESYSTEM, "Cannot remove from " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes an installed version the active one again (a rollback, or going forward again), without downloading. */
    public void activateInstalled(Path dir, String tag) throws InstallException {
        checkTag(tag);
        Path folder = dir.resolve("versions").resolve(tag);
        String binaryName = ReleaseAssets.zipFor(os, arch).map(ReleaseAssets::binaryIn).orElse("alloy");
        if (!Files.isRegularFile(folder.resolve(binaryName))) {
            throw new InstallException(Kind.NOT_FOUND, "Alloy " + tag + " is not installed in " + dir + "; installed: "
                    + String.join(", ", installed(dir)) + ".");
        }
        try {
            activate(dir, tag, folder.resolve(binaryName));
        } catch (IOException e) {
            throw new InstallException(Kind.FILESYSTEM, "Cannot switch to " + tag + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Switches {@code bin/} first and records the tag last, so {@code active} never names a version not in place. */
    private void activate(Path dir, String tag, Path binary) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        if (os == OperatingSystem.WINDOWS) {
            // Links need privileges on Windows: bin\alloy.exe is a copy, replaced in one move.
            Path temp = bin.resolve(".alloy.exe." + tag + ".tmp");
            Files.copy(binary, temp, StandardCopyOption.REPLACE_EXISTING);
            move(temp, bin.resolve("alloy.exe"));
        } else {
            Path temp = bin.resolve(".alloy." + tag + ".tmp");
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, bin.relativize(binary));
            move(temp, bin.resolve("alloy"));
        }
        AtomicFiles.write(dir.resolve("active"), (tag + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private String versionOf(Path binary) throws InstallException, InterruptedException {
        AlloyBinary inspected = AlloyLocator.inspect(runner, binary, "download");
        return inspected.version().orElseThrow(() -> new InstallException(Kind.BROKEN_BINARY,
                "The downloaded binary does not run here: " + inspected.problem().orElse("no version") + ". Nothing was installed."));
    }

    /** A web page or anything else where a zip belongs is named as such, before its checksum is even compared. */
    private static void checkZipMagic(Path zip, String url) throws IOException, InstallException {
        try (InputStream file = Files.newInputStream(zip)) {
            byte[] magic = file.readNBytes(4);
            if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K') {
                throw new String(magic, StandardCharsets.ISO_8859_1).stripLeading().startsWith("<")
                        ? Downloader.notAZip(url)
                        : new InstallException(Kind.NOT_A_ZIP, "The download from " + url + " is not a zip file.");
            }
        }
    }

    private static void unzip(Path zip, String name, Path target, String url) throws IOException, InstallException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                // Only the one expected file, by exact name: nothing else in the archive is ever written.
                if (!entry.isDirectory() && entry.getName().equals(name)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
            }
        }
        throw new InstallException(Kind.NOT_A_ZIP, "The zip from " + url + " does not contain " + name + ".");
    }

    private void makeExecutable(Path binary) throws IOException {
        if (os != OperatingSystem.WINDOWS && Files.getFileStore(binary).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Path createDirectories(Path dir) throws InstallException {
        try {
            return Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new InstallException(Kind.FILESYSTEM, "Cannot create the folder " + dir + ": a file of that name is in the way.", e);
        } catch (IOException e) {
            throw new InstallException(Kind.FILESYSTEM, "Cannot create the folder " + dir + ": " + e.getMessage()
                    + ". Choose a folder you can write to (--dir).", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void quietly(IoAction action) {
        try {
            action.run();
        } catch (IOException ignored) {
            // cleanup only
        }
    }
}
