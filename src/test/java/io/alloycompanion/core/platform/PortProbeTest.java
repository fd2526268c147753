package io.alloycompanion.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortProbeTest {

    @Test
    void aListeningPortIsNotFreeAndBecomesFreeWhenClosed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = socket.getLocalPort();
            assertThat(new PortProbe().isFree(port)).isFalse();
        }
        assertThat(new PortProbe().isFree(port)).isTrue();
    }

    @Test
    void aWildcardListenerAlsoCounts() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            assertThat(new PortProbe().isFree(socket.getLocalPort())).isFalse();
        }
    }
}
