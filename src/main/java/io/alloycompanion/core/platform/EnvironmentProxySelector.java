package io.alloycompanion.core.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses proxies the way command-line tools do: {@code HTTPS_PROXY}/{@code HTTP_PROXY} (either case) unless the host
 * matches {@code NO_PROXY}; without those variables, the system's proxy settings. Loopback is always direct.
 */
public final class EnvironmentProxySelector extends ProxySelector {

    private final Environment env;
    private final ProxySelector system;

    public EnvironmentProxySelector(Environment env, ProxySelector system) {
        this.env = env;
        this.system = system;
    }

    /** The process's environment, falling back to the JVM's default selector (system proxies when enabled). */
    public static ProxySelector forMachine(Environment env) {
        System.setProperty("java.net.useSystemProxies", "true");
        ProxySelector fallback = ProxySelector.getDefault();
        return new EnvironmentProxySelector(env, fallback == null ? ProxySelector.of(null) : fallback);
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = Optional.ofNullable(uri.getHost()).orElse("").toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")) {
            return List.of(Proxy.NO_PROXY);
        }
        Optional<String> configured = "https".equalsIgnoreCase(uri.getScheme())
                ? variable("HTTPS_PROXY").or(() -> variable("HTTP_PROXY"))
                : variable("HTTP_PROXY");
        if (configured.isEmpty()) {
            List<Proxy> proxies = system.select(uri);
            return proxies == null || proxies.isEmpty() ? List.of(Proxy.NO_PROXY) : proxies;
        }
        if (bypassed(host)) {
            return List.of(Proxy.NO_PROXY);
        }
        URI proxy = URI.create(configured.get().contains("://") ? configured.get() : "http://" + configured.get());
        int port = proxy.getPort() > 0 ? proxy.getPort() : 80;
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
    }

    private Optional<String> variable(String name) {
        return env.variable(name).or(() -> env.variable(name.toLowerCase(Locale.ROOT)));
    }

    private boolean bypassed(String host) {
        for (String entry : variable("NO_PROXY").orElse("").split(",")) {
            String rule = entry.trim().toLowerCase(Locale.ROOT);
            if (rule.isEmpty()) {
                continue;
            }
            if (rule.equals("*")) {
                return true;
            }
            String suffix = rule.startsWith(".") ? rule : "." + rule;
            int colon = suffix.indexOf(':');
            String bare = colon > 0 ? suffix.substring(0, colon) : suffix;
            if (host.equals(bare.substring(1)) || host.endsWith(bare)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException error) {
        system.connectFailed(uri, address, error);
    }
}
