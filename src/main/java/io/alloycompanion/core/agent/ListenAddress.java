package io.alloycompanion.core.agent;

import java.util.Optional;

/** {@code host:port} addresses as Alloy takes them, e.g. {@code 127.0.0.1:12345}, {@code :4318}, {@code [::1]:12345}. */
public final class ListenAddress {

    public static final String DEFAULT = "127.0.0.1:12345";

    private ListenAddress() {
    }

    /** The port, when the address ends in a valid one. */
    public static Optional<Integer> port(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1).trim());
            return port > 0 && port < 65536 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The host part ("" for {@code :4318}). */
    public static String host(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    /** Where a client connects: a wildcard host (empty, 0.0.0.0, [::]) becomes loopback. */
    public static String forClients(String address) {
        String host = host(address);
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::")) {
            return "127.0.0.1:" + port(address).map(String::valueOf).orElse("12345");
        }
        return address;
    }

    /** True for a well-formed {@code host:port}. */
    public static boolean valid(String address) {
        return address != null && port(address).isPresent() && !address.contains(" ") && !address.contains("/");
    }
}
