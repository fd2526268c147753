package io.alloycompanion.core.stack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.alloycompanion.core.cloud.Endpoint;
import io.alloycompanion.core.cloud.Signal;
import io.alloycompanion.core.cloud.StackProfile;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How one local stack is built and run: kept in its folder ({@code .alloy-companion/stack.json}) so the desktop app
 * and {@code stack up --dir D} agree. Images are pinned by tag; host ports are bound to 127.0.0.1 only.
 *
 * @param project          prefix of the containers, network and volumes ({@code <project>-tempo}, …)
 * @param images           image per service
 * @param hostPorts        host port per service, published to the service's {@link StackService#containerPort()}
 * @param otlpHttpHostPort host port of Alloy's OTLP HTTP receiver (4318 in the container), where apps send telemetry
 * @param retentionDays    how long Tempo, Loki and Prometheus keep data
 * @param mysqlExporter    whether Alloy scrapes a MySQL exporter at {@code mysqld-exporter:9104}
 * @param redisExporter    whether Alloy scrapes a Redis exporter at {@code redis-exporter:9121}
 * @param healthTimeoutSeconds how long {@code up} waits for each service to become healthy
 * @param cloud            whether the stack's Alloy also sends everything to Grafana Cloud ("both" in the wizard),
 *                         and where; empty: local only
 * @param hostSources      programs and log files on the developer's computer the stack's Alloy also collects
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StackSettings(int schemaVersion, String project, Map<StackService, String> images,
                            Map<StackService, Integer> hostPorts, int otlpHttpHostPort, int retentionDays,
                            boolean mysqlExporter, boolean redisExporter, int healthTimeoutSeconds,
                            Optional<CloudForwarding> cloud, HostSources hostSources) {

    public static final int SCHEMA_VERSION = 1;
    public static final String DEFAULT_PROJECT = "alloy-companion";
    public static final int DEFAULT_OTLP_HTTP_PORT = 4318;
    public static final int DEFAULT_RETENTION_DAYS = 7;
    public static final int DEFAULT_HEALTH_TIMEOUT_SECONDS = 90;

    /** Pinned defaults: releases known to accept the generated files. */
    public static final Map<StackService, String> DEFAULT_IMAGES = Map.of(
            StackService.TEMPO, "grafana/tempo:2.8.2",
            StackService.LOKI, "grafana/loki:3.5.5",
            StackService.PROMETHEUS, "prom/prometheus:v3.5.0",
            StackService.ALLOY, "grafana/alloy:v1.18.0",
            StackService.GRAFANA, "grafana/grafana:12.1.1");

    public static final StackSettings DEFAULTS = new StackSettings(SCHEMA_VERSION, DEFAULT_PROJECT, Map.of(), Map.of(),
            DEFAULT_OTLP_HTTP_PORT, DEFAULT_RETENTION_DAYS, false, false, DEFAULT_HEALTH_TIMEOUT_SECONDS, Optional.empty(), HostSources.NONE);

    public StackSettings {
        project = project == null || project.isBlank() ? DEFAULT_PROJECT : project.strip();
        if (!project.matches("[a-z0-9][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("project name " + project
                    + " must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        EnumMap<StackService, String> allImages = new EnumMap<>(StackService.class);
        EnumMap<StackService, Integer> allPorts = new EnumMap<>(StackService.class);
        for (StackService service : StackService.values()) {
            String image = images == null ? null : images.get(service);
            allImages.put(service, image == null || image.isBlank() ? DEFAULT_IMAGES.get(service) : image.strip());
            Integer port = hostPorts == null ? null : hostPorts.get(service);
            allPorts.put(service, port == null || port == 0 ? service.containerPort() : checkPort(port, service.id()));
        }
        images = Map.copyOf(allImages);
        hostPorts = Map.copyOf(allPorts);
        otlpHttpHostPort = otlpHttpHostPort == 0 ? DEFAULT_OTLP_HTTP_PORT : checkPort(otlpHttpHostPort, "OTLP HTTP");
        retentionDays = retentionDays <= 0 ? DEFAULT_RETENTION_DAYS : retentionDays;
        healthTimeoutSeconds = healthTimeoutSeconds <= 0 ? DEFAULT_HEALTH_TIMEOUT_SECONDS : healthTimeoutSeconds;
        cloud = cloud == null ? Optional.empty() : cloud;
        hostSources = hostSources == null ? HostSources.NONE : hostSources;
    }

    /**
     * What the stack's Alloy collects from the developer's computer besides OTLP: Prometheus endpoints to scrape (a
     * worker at {@code localhost:8787}, reached from the container as {@code host.docker.internal}) and log files
     * (globs; each one's folder is mounted read-only into the Alloy container).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HostSources(java.util.List<Scrape> scrapes, java.util.List<String> logFiles) {

        public static final HostSources NONE = new HostSources(java.util.List.of(), java.util.List.of());

        public HostSources {
            scrapes = scrapes == null ? java.util.List.of() : java.util.List.copyOf(scrapes);
            logFiles = logFiles == null ? java.util.List.of() : logFiles.stream().map(String::strip)
                    .filter(path -> !path.isEmpty()).toList();
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isEmpty() {
            return scrapes.isEmpty() && logFiles.isEmpty();
        }
    }

    /** A Prometheus endpoint on the developer's computer, as the user wrote it ({@code localhost:8787}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scrape(String job, String address, String metricsPath, int intervalSeconds) {
        public Scrape {
            if (job == null || job.isBlank() || address == null || address.isBlank()) {
                throw new IllegalArgumentException("a scrape target needs a job name and an address (host:port)");
            }
            job = job.strip();
            address = address.strip();
            metricsPath = metricsPath == null || metricsPath.isBlank() ? "/metrics" : metricsPath.strip();
            intervalSeconds = intervalSeconds <= 0 ? 15 : intervalSeconds;
        }

        /**
         * The address as the stack's Alloy reaches it: this computer's loopback names become
         * {@code host.docker.internal} (the container's own loopback is not this computer's).
         */
        public String containerAddress() {
            for (String loopback : new String[] {"localhost:", "127.0.0.1:", "[::1]:", "0.0.0.0:"}) {
                if (address.toLowerCase(java.util.Locale.ROOT).startsWith(loopback)) {
                    return "host.docker.internal:" + address.substring(loopback.length());
                }
            }
            return address;
        }
    }

    /**
     * Grafana Cloud as a second destination of the stack's Alloy: the profile whose token {@code up} hands to the
     * Alloy container (as {@link #TOKEN_VARIABLE}, never written to the folder) and the endpoints copied from it
     * when the stack was generated. Holds no secret.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CloudForwarding(String profile, Optional<Endpoint> metrics, Optional<Endpoint> logs, Optional<Endpoint> otlp) {

        public CloudForwarding {
            if (profile == null || profile.isBlank()) {
                throw new IllegalArgumentException("Grafana Cloud forwarding needs the profile whose token Alloy uses");
            }
            profile = profile.strip();
            metrics = complete(metrics);
            logs = complete(logs);
            otlp = complete(otlp);
            if (metrics.isEmpty() && logs.isEmpty() && otlp.isEmpty()) {
                throw new IllegalArgumentException("profile " + profile + " has no complete endpoint (URL and username) "
                        + "for metrics, logs or OTLP: fill them in on the Credentials screen or with `credentials add`");
            }
        }

        private static Optional<Endpoint> complete(Optional<Endpoint> endpoint) {
            return endpoint == null ? Optional.empty() : endpoint.filter(Endpoint::isComplete);
        }

        /** The profile's endpoints, or why they cannot be used. */
        public static CloudForwarding of(StackProfile profile) {
            return new CloudForwarding(profile.name(), profile.endpoint(Signal.METRICS), profile.endpoint(Signal.LOGS),
                    profile.endpoint(Signal.OTLP));
        }
    }

    /** The environment variable the stack's Alloy reads the Grafana Cloud token from. */
    public static final String TOKEN_VARIABLE = "GCLOUD_RW_API_KEY";

    private static int checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " for " + what + " is outside 1-65535");
        }
        return port;
    }

    public String image(StackService service) {
        return images.get(service);
    }

    public int hostPort(StackService service) {
        return hostPorts.get(service);
    }

    /** Every published host port with what uses it, in start order. */
    public Map<Integer, String> publishedPorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        for (StackService service : StackService.values()) {
            ports.put(hostPort(service), service.id());
        }
        ports.put(otlpHttpHostPort, "alloy (OTLP HTTP)");
        return ports;
    }

    /** The container, volume or network name for a part of this stack. */
    public String name(String part) {
        return project + "-" + part;
    }

    public String network() {
        return name("net");
    }

    public StackSettings withImage(StackService service, String image) {
        Map<StackService, String> copy = new EnumMap<>(images);
        copy.put(service, image);
        return new StackSettings(schemaVersion, project, copy, hostPorts, otlpHttpHostPort, retentionDays, mysqlExporter,
                redisExporter, healthTimeoutSeconds, cloud, hostSources);
    }

    public StackSettings withHostPort(StackService service, int port) {
        Map<StackService, Integer> copy = new EnumMap<>(hostPorts);
        copy.put(service, port);
        return new StackSettings(schemaVersion, project, images, copy, otlpHttpHostPort, retentionDays, mysqlExporter,
                redisExporter, healthTimeoutSeconds, cloud, hostSources);
    }

    public StackSettings withOtlpHttpHostPort(int port) {
        return new StackSettings(schemaVersion, project, images, hostPorts, port, retentionDays, mysqlExporter,
                redisExporter, healthTimeoutSeconds, cloud, hostSources);
    }

    public StackSettings withProject(String value) {
        return new StackSettings(schemaVersion, value, images, hostPorts, otlpHttpHostPort, retentionDays, mysqlExporter,
                redisExporter, healthTimeoutSeconds, cloud, hostSources);
    }

    public StackSettings withRetentionDays(int days) {
        return new StackSettings(schemaVersion, project, images, hostPorts, otlpHttpHostPort, days, mysqlExporter,
                redisExporter, healthTimeoutSeconds, cloud, hostSources);
    }

    public StackSettings withExporters(boolean mysql, boolean redis) {
        return new StackSettings(schemaVersion, project, images, hostPorts, otlpHttpHostPort, retentionDays, mysql, redis,
                healthTimeoutSeconds, cloud, hostSources);
    }

    public StackSettings withHealthTimeoutSeconds(int seconds) {
        return new StackSettings(schemaVersion, project, images, hostPorts, otlpHttpHostPort, retentionDays, mysqlExporter,
                redisExporter, seconds, cloud, hostSources);
    }

    public StackSettings withCloud(Optional<CloudForwarding> value) {
        return new StackSettings(schemaVersion, project, images, hostPorts, otlpHttpHostPort, retentionDays, mysqlExporter,
                redisExporter, healthTimeoutSeconds, value, hostSources);
    }

    /**
     * The same Grafana Cloud profile's current endpoints (they were copied when the stack was generated, and the
     * profile may have changed since); unchanged when the stack keeps everything locally, or the profile is gone or
     * has no complete endpoint left.
     */
    public StackSettings withCloudRefreshed(java.util.function.Function<String, Optional<StackProfile>> profiles) {
        if (cloud.isEmpty()) {
            return this;
        }
        try {
            return profiles.apply(cloud.get().profile()).map(profile -> withCloud(Optional.of(CloudForwarding.of(profile))))
                    .orElse(this);
        } catch (IllegalArgumentException e) {
            return this;
        }
    }

    public StackSettings withHostSources(HostSources value) {
        return new StackSettings(schemaVersion, project, images, hostPorts, otlpHttpHostPort, retentionDays, mysqlExporter,
                redisExporter, healthTimeoutSeconds, cloud, value);
    }
}
