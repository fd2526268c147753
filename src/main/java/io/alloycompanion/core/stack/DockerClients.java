package io.alloycompanion.core.stack;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/** Builds docker-java clients for an endpoint, with timeouts so an engine that hangs cannot hang the app. */
public final class DockerClients {

    private DockerClients() {
    }

    public static DockerClient connect(DockerEndpoint endpoint, Duration responseTimeout) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.address())
                .withDockerTlsVerify(false)
                .build();
        var http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(3))
                .responseTimeout(responseTimeout)
                .maxConnections(20)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
