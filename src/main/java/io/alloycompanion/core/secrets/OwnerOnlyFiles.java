package io.alloycompanion.core.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes files only their owner can read: mode 0600 on POSIX, a single owner-only ALLOW entry on Windows. The
 * permissions are in place before the first byte is written, so no other user can open the file in between, and
 * they are read back afterwards because a file system may silently ignore them.
 *
 * <p>{@link io.alloycompanion.core.platform.AtomicFiles} is not used: it gives the new file the old file's
 * permissions, which for a secret must never be wider than the owner's.
 */
final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> FILE_MODE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    static final Set<PosixFilePermission> DIRECTORY_MODE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** The file's permissions could not be limited to its owner, or were found wider afterwards. */
    static final class NotOwnerOnlyException extends IOException {
        private static final long serialVersionUID = 1L;

        NotOwnerOnlyException(String message) {
            super(message);
        }
    }

    private OwnerOnlyFiles() {
    }

    /** Replaces {@code target} in one move by an owner-only file holding {@code content}, forced to disk first. */
    static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().normalize().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = createOwnerOnly(temp)) {
                verifyFile(temp); // a file system that ignores permissions is caught before the first byte
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
            verifyFile(target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new owner-only file with a unique name in {@code dir} holding {@code content} (a one-shot hand-over file);
     * deleted again if writing fails, so a failure leaves nothing behind.
     */
    static Path createTemp(Path dir, String prefix, String suffix, byte[] content) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        Path file = absolute.resolve(prefix + UUID.randomUUID() + suffix);
        try {
            try (FileChannel channel = createOwnerOnly(file)) {
                verifyFile(file);
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Creates {@code dir} (and its parents) and limits it to its owner, tightening it if it already existed. */
    static void ownerOnlyDirectory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            Files.createDirectories(absolute.getParent());
            if (supportsPosix(absolute.getParent())) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            } else {
                Files.createDirectory(absolute);
            }
        }
        if (supportsPosix(absolute)) {
            Files.setPosixFilePermissions(absolute, DIRECTORY_MODE);
            requireWithin(absolute, DIRECTORY_MODE);
        } else if (supportsAcl(absolute)) {
            restrictAcl(absolute, true);
            requireOwnerOnlyAcl(absolute);
        } else {
            throw unsupported(absolute);
        }
    }

    /** Fails when anyone but the owner may read or write {@code file}. */
    static void verifyFile(Path file) throws IOException {
        if (supportsPosix(file)) {
            requireWithin(file, FILE_MODE);
        } else if (supportsAcl(file)) {
            requireOwnerOnlyAcl(file);
        } else {
            throw unsupported(file);
        }
    }

    private static FileChannel createOwnerOnly(Path temp) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Path dir = temp.getParent();
        if (supportsPosix(dir)) {
            // Created with 0600 in the same system call; the umask can only take bits away.
            return FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(FILE_MODE));
        }
        if (supportsAcl(dir)) {
            FileChannel channel = FileChannel.open(temp, options);
            try {
                restrictAcl(temp, false); // before any byte is written
                return channel;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        throw unsupported(dir);
    }

    /** One ALLOW entry, full control, for the owner; setting the whole list drops every inherited entry. */
    private static void restrictAcl(Path path, boolean inheritable) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(path, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal owner = view.getOwner();
        AclEntry.Builder entry = AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class));
        if (inheritable) {
            // Files later created in the folder get the same single entry.
            entry.setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);
        }
        view.setAcl(List.of(entry.build()));
    }

    private static void requireWithin(Path path, Set<PosixFilePermission> allowed) throws IOException {
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (!allowed.containsAll(actual)) {
            throw new NotOwnerOnlyException(path + " has permissions " + PosixFilePermissions.toString(actual)
                    + " after they were set to " + PosixFilePermissions.toString(allowed)
                    + "; the file system does not keep them, choose a folder on another drive");
        }
    }

    private static void requireOwnerOnlyAcl(Path path) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(path, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal owner = view.getOwner();
        for (AclEntry entry : view.getAcl()) {
            if (entry.type() == AclEntryType.ALLOW && !entry.principal().equals(owner)) {
                throw new NotOwnerOnlyException(path + " also allows access to " + entry.principal().getName()
                        + " after it was limited to " + owner.getName()
                        + "; the file system does not keep the limit, choose a folder on another drive");
            }
        }
    }

    /** Makes the move itself durable; not every platform can open a folder for this, so failure is tolerated. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // The file's own content was forced already; only the rename might be lost on a crash.
        }
    }

    private static boolean supportsPosix(Path path) throws IOException {
        return Files.getFileStore(existing(path)).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    private static boolean supportsAcl(Path path) throws IOException {
        return Files.getFileStore(existing(path)).supportsFileAttributeView(AclFileAttributeView.class);
    }

    private static Path existing(Path path) {
        Path candidate = path.toAbsolutePath();
        while (!Files.exists(candidate) && candidate.getParent() != null) {
            candidate = candidate.getParent();
        }
        return candidate;
    }

    private static NotOwnerOnlyException unsupported(Path path) {
        return new NotOwnerOnlyException("the file system holding " + path
                + " cannot limit a file to its owner; choose a folder on another drive");
    }
}
