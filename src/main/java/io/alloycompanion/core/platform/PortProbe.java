package io.alloycompanion.core.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Tells whether a TCP port can still be bound on this machine. */
public final class PortProbe {

    /**
     * True when nothing listens on the port, checked both on the wildcard address (Alloy's receivers bind
     * {@code 0.0.0.0} by default) and on loopback (Windows lets a wildcard bind succeed beside a loopback one).
     */
    public boolean isFree(int port) {
        return canBind(new InetSocketAddress(port)) && canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            // As Go (and so Alloy) does on Linux and macOS: a port whose last connection is in TIME_WAIT is free.
            // On Windows SO_REUSEADDR would let us bind over a live listener, so it stays off there.
            socket.setReuseAddress(OperatingSystem.current() != OperatingSystem.WINDOWS);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
