package io.alloycompanion.core.stack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container of the stack, as both {@code stack up} (through the Docker API) and the generated
 * {@code docker-compose.yml} create it: one description, so the two cannot drift apart.
 *
 * @param args   arguments for the image's own entrypoint (compose's {@code command})
 * @param binds  files or folders of the stack folder, relative to it, mounted read-only
 * @param ports  host port → container port, published on 127.0.0.1 only
 * @param user   the user to run as when the image's default cannot write its data volume
 * @param secretEnv environment variables whose values are secrets: never in the spec, the folder or the compose
 *                  file; {@code up} takes them from the keychain when it creates the container
 * @param hostMounts folders of the developer's computer (absolute paths) mounted read-only, such as the folders of
 *                  log files the stack's Alloy tails; their contents change all the time and do not count as the
 *                  container's files
 */
public record ContainerSpec(StackService service, String name, String image, List<String> args, Map<String, String> env,
                            List<Bind> binds, String volume, Map<Integer, Integer> ports, Optional<String> user,
                            List<String> extraHosts, List<String> secretEnv, List<Bind> hostMounts) {

    public ContainerSpec {
        args = List.copyOf(args);
        // Sorted: the spec's text is hashed to tell whether a container is still current, in every JVM alike.
        env = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(env));
        binds = List.copyOf(binds);
        ports = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(ports));
        extraHosts = List.copyOf(extraHosts);
        secretEnv = List.copyOf(new java.util.TreeSet<>(secretEnv));
        hostMounts = List.copyOf(hostMounts);
    }

    /**
     * The record's own text, with {@code secretEnv} and {@code hostMounts} only when there are any: the spec's text is hashed to tell whether
     * a container is current, and containers made before secret variables existed must stay current.
     */
    @Override
    public String toString() {
        return "ContainerSpec[service=" + service + ", name=" + name + ", image=" + image + ", args=" + args + ", env=" + env
                + ", binds=" + binds + ", volume=" + volume + ", ports=" + ports + ", user=" + user + ", extraHosts=" + extraHosts
                + (secretEnv.isEmpty() ? "" : ", secretEnv=" + secretEnv)
                + (hostMounts.isEmpty() ? "" : ", hostMounts=" + hostMounts) + "]";
    }

    /** A path of the stack folder mounted into the container. */
    public record Bind(String source, String target) {
    }
}
