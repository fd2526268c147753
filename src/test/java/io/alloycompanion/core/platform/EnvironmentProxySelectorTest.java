package io.alloycompanion.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentProxySelectorTest {

    private static ProxySelector selector(Map<String, String> variables) {
        return new EnvironmentProxySelector(new Environment(OperatingSystem.LINUX, Architecture.AMD64, variables, Path.of("/")),
                ProxySelector.of(null));
    }

    @Test
    void httpsProxyIsUsedExceptForNoProxyHostsAndLoopback() {
        ProxySelector selector = selector(Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", "internal.corp,.local"));
        Proxy proxy = selector.select(URI.create("https://github.com/grafana/alloy")).get(0);
        assertThat(proxy.type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(((InetSocketAddress) proxy.address()).getHostString()).isEqualTo("proxy.corp");
        assertThat(((InetSocketAddress) proxy.address()).getPort()).isEqualTo(3128);
        assertThat(selector.select(URI.create("https://mirror.internal.corp/x"))).containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("https://box.local/x"))).containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("http://127.0.0.1:8080/x"))).containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("http://localhost/x"))).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void lowercaseVariablesAndWildcardWork() {
        assertThat(selector(Map.of("https_proxy", "proxy:8080")).select(URI.create("https://github.com")).get(0).type())
                .isEqualTo(Proxy.Type.HTTP);
        assertThat(selector(Map.of("https_proxy", "proxy:8080", "no_proxy", "*")).select(URI.create("https://github.com")))
                .containsExactly(Proxy.NO_PROXY);
        assertThat(selector(Map.of()).select(URI.create("https://github.com"))).containsExactly(Proxy.NO_PROXY);
    }
}
