package io.alloycompanion.core.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each generated file lives in the stack folder and how each container is made from the settings. The paths
 * inside the containers are the images' documented defaults.
 */
public final class StackLayout {

    public static final String ALLOY_CONFIG = "alloy/config.alloy";
    public static final String TEMPO_CONFIG = "tempo/tempo-config.yaml";
    public static final String LOKI_CONFIG = "loki/loki-config.yaml";
    public static final String PROMETHEUS_CONFIG = "prometheus/prometheus.yml";
    public static final String GRAFANA_DATASOURCES = "grafana/provisioning/datasources/datasources.yaml";
    public static final String GRAFANA_DASHBOARD_PROVIDER = "grafana/provisioning/dashboards/dashboards.yaml";
    public static final String GRAFANA_STARTER_DASHBOARD = "grafana/dashboards/starter.json";
    public static final String COMPOSE = "docker-compose.yml";
    /** The app's own files in the stack folder: settings and the last generated copy of every file. */
    public static final String STATE_DIR = ".alloy-companion";
    public static final String SETTINGS_FILE = STATE_DIR + "/stack.json";
    public static final String GENERATED_DIR = STATE_DIR + "/generated";

    /** Alloy's OTLP HTTP receiver inside its container. */
    public static final int OTLP_HTTP_CONTAINER_PORT = 4318;

    private StackLayout() {
    }

    public static Path settingsFile(Path dir) {
        return dir.resolve(SETTINGS_FILE);
    }

    /** Where the stack's Alloy finds the log files of this computer: each file's folder, mounted read-only. */
    public static final String HOST_LOGS = "/host/logs";

    /**
     * A log file pattern of this computer as the stack's Alloy sees it.
     *
     * @param hostDir          the folder mounted: the pattern's part before its first glob character, up to the last
     *                         separator
     * @param containerPattern the same files inside the Alloy container
     */
    public record HostLog(String hostPattern, String hostDir, String containerDir, String containerPattern) {
    }

    /** The settings' log files, one folder mounted per distinct folder ({@code /host/logs/0}, {@code /host/logs/1}, …). */
    public static List<HostLog> hostLogs(StackSettings settings) {
        List<HostLog> logs = new ArrayList<>();
        Map<String, String> mounted = new LinkedHashMap<>();
        for (String pattern : settings.hostSources().logFiles()) {
            String slashes = pattern.replace('\\', '/');
            int glob = firstGlob(slashes);
            int cut = (glob < 0 ? slashes : slashes.substring(0, glob)).lastIndexOf('/');
            if (cut < 0) {
                throw new IllegalArgumentException("the log file " + pattern + " needs an absolute path");
            }
            String hostDir = cut == 0 ? pattern.substring(0, 1) : pattern.substring(0, cut);
            String containerDir = mounted.computeIfAbsent(hostDir, dir -> HOST_LOGS + "/" + mounted.size());
            logs.add(new HostLog(pattern, hostDir, containerDir, containerDir + "/" + slashes.substring(cut + 1)));
        }
        return logs;
    }

    private static int firstGlob(String pattern) {
        int first = -1;
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int at = pattern.indexOf(c);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** The containers in start order. */
    public static List<ContainerSpec> containers(StackSettings settings) {
        List<ContainerSpec> specs = new ArrayList<>();
        for (StackService service : StackService.values()) {
            specs.add(container(settings, service));
        }
        return specs;
    }

    /**
     * Each service gets its folder mounted, not its file: files are replaced by moving a new one over them, and a
     * mounted file would keep showing the container the old one.
     */
    public static ContainerSpec container(StackSettings settings, StackService service) {
        Map<Integer, Integer> ports = new TreeMap<>();
        ports.put(settings.hostPort(service), service.containerPort());
        List<String> args;
        List<ContainerSpec.Bind> binds = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        Optional<String> user = Optional.empty();
        List<String> extraHosts = List.of();
        List<String> secretEnv = List.of();
        List<ContainerSpec.Bind> hostMounts = new ArrayList<>();
        switch (service) {
            case TEMPO:
                args = List.of("-config.file=/etc/tempo/tempo-config.yaml");
                binds.add(new ContainerSpec.Bind("tempo", "/etc/tempo"));
                // Tempo's image runs as uid 10001 and does not own /var/tempo in a fresh volume.
                user = Optional.of("0");
                break;
            case LOKI:
                args = List.of("-config.file=/etc/loki/loki-config.yaml");
                binds.add(new ContainerSpec.Bind("loki", "/etc/loki"));
                break;
            case PROMETHEUS:
                args = List.of("--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus",
                        "--storage.tsdb.retention.time=" + settings.retentionDays() + "d",
                        "--web.enable-remote-write-receiver", "--enable-feature=exemplar-storage");
                binds.add(new ContainerSpec.Bind("prometheus", "/etc/prometheus"));
                break;
            case ALLOY:
                args = List.of("run", "--server.http.listen-addr=0.0.0.0:" + service.containerPort(),
                        "--storage.path=" + service.dataPath(), "/etc/alloy/config.alloy");
                binds.add(new ContainerSpec.Bind("alloy", "/etc/alloy"));
                ports.put(settings.otlpHttpHostPort(), OTLP_HTTP_CONTAINER_PORT);
                // So scrape targets on the developer's machine are reachable as host.docker.internal on Linux too.
                extraHosts = List.of("host.docker.internal:host-gateway");
                if (settings.cloud().isPresent()) {
                    secretEnv = List.of(StackSettings.TOKEN_VARIABLE);
                }
                for (HostLog log : hostLogs(settings)) {
                    ContainerSpec.Bind mount = new ContainerSpec.Bind(log.hostDir(), log.containerDir());
                    if (!hostMounts.contains(mount)) {
                        hostMounts.add(mount);
                    }
                }
                break;
            case GRAFANA:
                args = List.of();
                binds.add(new ContainerSpec.Bind("grafana/provisioning", "/etc/grafana/provisioning"));
                binds.add(new ContainerSpec.Bind("grafana/dashboards", "/var/lib/grafana/dashboards"));
                // A local, single-user Grafana: no login, the anonymous user may edit.
                env.put("GF_AUTH_ANONYMOUS_ENABLED", "true");
                env.put("GF_AUTH_ANONYMOUS_ORG_ROLE", "Admin");
                env.put("GF_AUTH_DISABLE_LOGIN_FORM", "true");
                break;
            default:
                throw new IllegalArgumentException(service.toString());
        }
        return new ContainerSpec(service, settings.name(service.id()), settings.image(service), args, env, binds,
                settings.name(service.volume()), ports, user, extraHosts, secretEnv, hostMounts);
    }
}
