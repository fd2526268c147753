package io.alloycompanion.core.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Writes files the user owns so that a crash or a full disk never leaves half a file: the content goes to a
 * temporary file beside the target, is forced to disk, and then replaces the target in one move.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path requested, byte[] content) throws IOException {
        // A link is followed: the file it points to is replaced, the link stays.
        Path target = Files.isSymbolicLink(requested) ? requested.toRealPath() : requested;
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            keepAttributes(target, temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
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
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The new file gets the old one's permissions, owner and group, as an in-place edit would keep them (a packaged
     * Alloy reading /etc/alloy/config.alloy as its own user must still be able to after a save).
     */
    private static void keepAttributes(Path original, Path replacement) throws IOException {
        if (!Files.exists(original) || !Files.getFileStore(replacement).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        PosixFileAttributes attributes = Files.readAttributes(original, PosixFileAttributes.class);
        Files.setPosixFilePermissions(replacement, attributes.permissions());
        PosixFileAttributeView view = Files.getFileAttributeView(replacement, PosixFileAttributeView.class);
        try {
            view.setGroup(attributes.group());
            view.setOwner(attributes.owner());
        } catch (IOException e) {
            // Only root may give a file away; a user's own files keep their owner anyway.
        }
    }

    /** Like {@link #write}, first copying the previous version (if any) to {@code <name>.bak}. */
    public static void writeWithBackup(Path requested, byte[] content) throws IOException {
        Path target = Files.isSymbolicLink(requested) ? requested.toRealPath() : requested;
        if (Files.isRegularFile(target)) {
            Files.copy(target, target.resolveSibling(target.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        write(target, content);
    }
}
