package io.alloycompanion.core.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Files that hold a secret: readable by their owner only from the moment they exist. The permissions are given when
 * the file is created, not only set afterwards, because between a plain create and a later chmod any user could open
 * it (and keep it open).
 */
final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /**
     * Replaces {@code requested} in one move with a file holding {@code content}, mode 0600. Unlike
     * {@code AtomicFiles} it neither keeps the old file's mode (a world-readable file must not stay so once it holds a
     * token) nor keeps a backup (that would be one more copy of a secret).
     */
    static void replace(Path requested, byte[] content) throws IOException {
        // A link is followed: the file it points to is replaced, the link stays.
        Path target = Files.isSymbolicLink(requested) ? requested.toRealPath() : requested;
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not a .conf name, so systemd never reads a half-written drop-in.
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", fileAttributes(dir));
        try {
            tighten(temp);
            writeAndForce(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new file with a unique name in {@code dir}, owner-only, holding {@code content}; deleted again if writing
     * fails, so a failure leaves nothing behind.
     */
    static Path createTemp(Path dir, String prefix, String suffix, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, prefix, suffix, fileAttributes(dir));
        try {
            tighten(file);
            writeAndForce(file, content);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static void writeAndForce(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * The mode given at creation passes through the umask, which may only take bits away; setting it again makes it
     * exactly owner-only (an odd umask such as 0277 would otherwise leave a file its owner cannot write).
     */
    private static void tighten(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, OWNER_RW);
        }
    }

    /**
     * POSIX: the mode. Windows (NTFS): an access list with the owner alone, the owner being whoever owns the folder it
     * goes in (the app's own data folder or the user's config, so the user the app runs as). Elsewhere (FAT, network
     * shares without ACLs) nothing can be said, and the folder's own protection applies.
     */
    private static FileAttribute<?>[] fileAttributes(Path dir) throws IOException {
        FileStore store = Files.getFileStore(dir);
        if (store.supportsFileAttributeView(PosixFileAttributeView.class)) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RW)};
        }
        if (store.supportsFileAttributeView(AclFileAttributeView.class)) {
            UserPrincipal owner = Files.getOwner(dir);
            AclEntry entry = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
            return new FileAttribute<?>[] {new AclAttribute(List.of(entry))};
        }
        return new FileAttribute<?>[0];
    }

    /** The attribute name Windows' file system provider reads at creation time. */
    private record AclAttribute(List<AclEntry> value) implements FileAttribute<List<AclEntry>> {
        @Override
        public String name() {
            return "acl:acl";
        }
    }
}
