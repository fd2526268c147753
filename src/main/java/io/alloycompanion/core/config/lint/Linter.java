package io.alloycompanion.core.config.lint;

import io.alloycompanion.core.config.ast.AttributeStmt;
import io.alloycompanion.core.config.ast.BlockStmt;
import io.alloycompanion.core.config.ast.ConfigFile;
import io.alloycompanion.core.config.ast.Expr;
import io.alloycompanion.core.config.ast.Stmt;
import io.alloycompanion.core.config.ast.StringLiterals;
import io.alloycompanion.core.config.ast.Trees;
import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.core.config.syntax.Diagnostic.Severity;
import io.alloycompanion.core.config.syntax.SourceFile;
import io.alloycompanion.core.config.syntax.TokenKind;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a parsed config for the mistakes Alloy only reports when it refuses to start, or never reports at all:
 * duplicate components, references to components that do not exist, secrets written in plain text, deprecated
 * forms, receivers open to the network, proxies Alloy will ignore and Grafana Cloud URLs whose path cannot work.
 * Every finding has a position, a message and a suggested fix.
 */
public final class Linter {

    /** Namespaces of Alloy's built-in components; a reference starting with one of these names a component. */
    static final Set<String> COMPONENT_NAMESPACES = Set.of("beyla", "database_observability", "discovery", "faro",
            "local", "loki", "mimir", "otelcol", "prometheus", "pyroscope", "remote", "module");

    private static final Set<String> SECRET_ATTRIBUTES = Set.of("password", "bearer_token", "api_key", "client_secret",
            "secret_key", "secret_access_key", "access_token", "auth_token", "token", "secret", "credentials", "api_token");
    private static final Pattern CLOUD_TOKEN = Pattern.compile("glc_[A-Za-z0-9+/_=-]{20,}");

    private final SourceFile source;
    private final LintContext context;
    private final List<Diagnostic> findings = new ArrayList<>();
    private final Set<Expr> innerChains = Collections.newSetFromMap(new IdentityHashMap<>());

    private Linter(SourceFile source, LintContext context) {
        this.source = source;
        this.context = context;
    }

    public static List<Diagnostic> lint(ConfigFile file, LintContext context) {
        Linter linter = new Linter(file.source(), context);
        linter.run(file.body());
        List<Diagnostic> sorted = new ArrayList<>(linter.findings);
        sorted.sort(Comparator.comparingInt(diagnostic -> diagnostic.start().offset()));
        return sorted;
    }

    private void run(List<Stmt> body) {
        checkScope(body);
        Trees.forEachStatement(body, (stmt, enclosing) -> {
            if (stmt instanceof AttributeStmt) {
                AttributeStmt attribute = (AttributeStmt) stmt;
                plainTextSecrets(attribute);
                deprecatedCalls(attribute.value());
                cloudUrls(attribute);
            } else {
                BlockStmt block = (BlockStmt) stmt;
                if (enclosing.isEmpty()) {
                    deprecatedBasicAuth(block);
                    openReceiver(block);
                    ignoredProxy(block);
                }
            }
        });
    }

    /** A finding: its code and values (for translations), and the English message and fix. */
    private void add(Severity severity, int start, int end, String code, List<String> args, List<String> fixArgs,
                     String message, String suggestion) {
        findings.add(new Diagnostic(severity, source.position(start), Optional.of(source.position(end)), message,
                Optional.ofNullable(suggestion), code, args, fixArgs));
    }

    // Components

    /**
     * A module scope: the file's top level, or the body of a {@code declare} block, whose components can only see
     * each other (and the module's arguments).
     */
    private void checkScope(List<Stmt> body) {
        Map<String, BlockStmt> declared = duplicateComponents(body);
        undeclaredReferences(body, declared);
        for (BlockStmt module : Trees.blocks(body, "declare")) {
            checkScope(module.body());
        }
    }

    private Map<String, BlockStmt> duplicateComponents(List<Stmt> body) {
        Map<String, BlockStmt> declared = new HashMap<>();
        for (BlockStmt block : Trees.blocks(body)) {
            BlockStmt first = declared.putIfAbsent(block.id(), block);
            if (first != null && block.labelValue().isPresent()) {
                String line = String.valueOf(source.line(first.namePos()));
                String renamed = block.fullName() + " \"" + block.label() + "_2\"";
                add(Severity.ERROR, block.namePos(), block.lCurly(), "duplicate-component", List.of(block.id(), line),
                        List.of(renamed), block.id() + " is declared twice; the first is at line " + line,
                        "give one of them another label, e.g. " + renamed);
            } else if (first != null) {
                String line = String.valueOf(source.line(first.namePos()));
                add(Severity.ERROR, block.namePos(), block.lCurly(), "duplicate-block", List.of(block.id(), line),
                        List.of(), block.id() + " is declared twice; the first is at line " + line,
                        "merge the two into one block");
            }
        }
        return declared;
    }

    private void undeclaredReferences(List<Stmt> body, Map<String, BlockStmt> declared) {
        Set<String> namespaces = new LinkedHashSet<>(COMPONENT_NAMESPACES);
        declared.keySet().forEach(id -> namespaces.add(id.substring(0, id.indexOf('.') < 0 ? id.length() : id.indexOf('.'))));
        Trees.forEachStatement(body, (stmt, enclosing) -> {
            boolean inNestedModule = enclosing.stream().anyMatch(block -> block.fullName().equals("declare"));
            if (stmt instanceof AttributeStmt && !inNestedModule) {
                Trees.forEachExpression(((AttributeStmt) stmt).value(), expr -> checkReference(expr, declared, namespaces));
            }
        });
    }

    private void checkReference(Expr expr, Map<String, BlockStmt> declared, Set<String> namespaces) {
        // Only whole chains: for a.b.c.d, the visitor also sees a.b.c, a.b and a; check the longest one only.
        if (!(expr instanceof Expr.Access)) {
            return;
        }
        // Expressions are visited outside in, so an inner chain is always seen after the chain around it.
        innerChains.add(((Expr.Access) expr).value());
        if (innerChains.contains(expr)) {
            return;
        }
        Optional<String> name = Trees.dottedName(expr);
        if (name.isEmpty()) {
            return;
        }
        String[] parts = name.get().split("\\.");
        if (parts.length < 3 || !namespaces.contains(parts[0])) {
            return;
        }
        for (int length = parts.length; length >= 2; length--) {
            if (declared.containsKey(String.join(".", Arrays.copyOf(parts, length)))) {
                return;
            }
        }
        String component = String.join(".", Arrays.copyOf(parts, Math.min(parts.length, 3)));
        String closest = closest(component, declared.keySet());
        if (closest == null) {
            add(Severity.ERROR, expr.start(), expr.end(), "undeclared-component", List.of(component), List.of(component),
                    component + " is not declared in this config", "declare " + component + ", or correct the name");
        } else {
            add(Severity.ERROR, expr.start(), expr.end(), "misspelled-component", List.of(component), List.of(closest),
                    component + " is not declared in this config", "did you mean " + closest + "?");
        }
    }


    private static String closest(String wanted, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(wanted, candidate);
            if (distance < bestDistance && distance <= Math.max(3, wanted.length() / 3)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    // Secrets and deprecated forms

    private void plainTextSecrets(AttributeStmt attribute) {
        Trees.forEachExpression(attribute.value(), expr -> {
            if (expr instanceof Expr.Literal && ((Expr.Literal) expr).kind() == TokenKind.STRING
                    && CLOUD_TOKEN.matcher(((Expr.Literal) expr).value()).find()) {
                add(Severity.ERROR, expr.start(), expr.end(), "cloud-token", List.of(), List.of(),
                        "a Grafana Cloud token is written in the config in plain text",
                        "store it in the keychain and read it with sys.env(\"GCLOUD_RW_API_KEY\"); then revoke this token, "
                                + "it may already have been shared");
            }
        });
        String name = attribute.name().name().toLowerCase(Locale.ROOT);
        Optional<String> literal = Trees.stringValue(attribute.value());
        if (SECRET_ATTRIBUTES.contains(name) && literal.isPresent() && !literal.get().isEmpty()
                && !CLOUD_TOKEN.matcher(literal.get()).find()) {
            add(Severity.WARNING, attribute.value().start(), attribute.value().end(), "plaintext-secret",
                    List.of(attribute.name().name()), List.of(attribute.name().name()),
                    attribute.name().name() + " is written in the config in plain text",
                    attribute.name().name() + " = sys.env(\"GCLOUD_RW_API_KEY\"), or local.file with is_secret = true");
        }
    }

    private void deprecatedCalls(Expr value) {
        Trees.forEachExpression(value, expr -> {
            if (expr instanceof Expr.Call) {
                Expr.Call call = (Expr.Call) expr;
                if (Trees.dottedName(call.value()).filter("env"::equals).isPresent()) {
                    String argument = call.args().size() == 1 && call.args().get(0) instanceof Expr.Literal
                            ? ((Expr.Literal) call.args().get(0)).value() : "\"NAME\"";
                    add(Severity.WARNING, call.start(), call.end(), "deprecated-env", List.of(), List.of("sys.env(" + argument + ")"),
                            "env() is deprecated", "sys.env(" + argument + ")");
                }
            }
        });
    }

    private void deprecatedBasicAuth(BlockStmt block) {
        if (!block.fullName().equals("otelcol.auth.basic")) {
            return;
        }
        for (String name : List.of("username", "password")) {
            Trees.attribute(block.body(), name).ifPresent(attribute -> add(Severity.WARNING, attribute.start(),
                    attribute.end(), "deprecated-basic-auth", List.of(name), List.of(),
                    "a top-level " + name + " in otelcol.auth.basic is deprecated (Alloy 1.13+)",
                    "move username and password into a client_auth block"));
        }
    }

    // Network

    private void openReceiver(BlockStmt block) {
        if (!block.fullName().equals("otelcol.receiver.otlp") || context.container()) {
            return;
        }
        for (String protocol : List.of("grpc", "http")) {
            String local = protocol.equals("grpc") ? "127.0.0.1:4317" : "127.0.0.1:4318";
            for (BlockStmt server : Trees.blocks(block.body(), protocol)) {
                Optional<AttributeStmt> endpoint = Trees.attribute(server.body(), "endpoint");
                if (endpoint.isEmpty()) {
                    add(Severity.WARNING, server.namePos(), server.lCurly(), "receiver-default-open", List.of(protocol),
                            List.of(local), "the OTLP " + protocol + " receiver listens on 0.0.0.0 (every network) by default",
                            "endpoint = \"" + local + "\" to accept data from this computer only");
                } else {
                    Optional<String> address = Trees.stringValue(endpoint.get().value());
                    if (address.isPresent() && (address.get().startsWith("0.0.0.0") || address.get().startsWith("[::]")
                            || address.get().startsWith(":"))) {
                        add(Severity.WARNING, endpoint.get().value().start(), endpoint.get().value().end(), "receiver-open",
                                List.of(protocol, address.get()), List.of(local),
                                "the OTLP " + protocol + " receiver listens on every network (" + address.get() + ")",
                                "endpoint = \"" + local + "\" unless other machines must send to it");
                    }
                }
            }
        }
    }

    private void ignoredProxy(BlockStmt block) {
        if (context.proxy().isEmpty()) {
            return;
        }
        String name = block.fullName();
        // Only components whose endpoints have proxy_from_environment; otelcol exporters follow HTTPS_PROXY already.
        if (!name.equals("prometheus.remote_write") && !name.equals("loki.write")) {
            return;
        }
        List<BlockStmt> clients = Trees.blocks(block.body(), "endpoint");
        for (BlockStmt client : clients) {
            boolean remote = Trees.attribute(client.body(), "url")
                    .flatMap(attribute -> Trees.stringValue(attribute.value()))
                    .map(Linter::isRemote).orElse(false);
            boolean handled = Trees.attribute(client.body(), "proxy_from_environment").isPresent()
                    || Trees.attribute(client.body(), "proxy_url").isPresent();
            if (remote && !handled) {
                add(Severity.WARNING, client.namePos(), client.lCurly(), "proxy-ignored", List.of(context.proxy().get()),
                        List.of(), "a proxy is configured (" + context.proxy().get() + ") but Alloy ignores it here",
                        "proxy_from_environment = true, and NO_PROXY=localhost,127.0.0.1 so local scrapes stay direct");
            }
        }
    }

    private static boolean isRemote(String url) {
        String host = host(url).orElse("");
        return !host.isEmpty() && !host.equals("localhost") && !host.startsWith("127.") && !host.equals("::1");
    }

    private static Optional<String> host(String url) {
        try {
            String withScheme = url.contains("://") ? url : "tcp://" + url;
            return Optional.ofNullable(URI.create(withScheme).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // Grafana Cloud

    private void cloudUrls(AttributeStmt attribute) {
        String name = attribute.name().name();
        if (!name.equals("url") && !name.equals("endpoint")) {
            return;
        }
        Optional<String> value = Trees.stringValue(attribute.value());
        if (value.isEmpty() || !value.get().contains(".grafana.net")) {
            return;
        }
        String url = value.get();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return;
        }
        String host = Optional.ofNullable(uri.getHost()).orElse("");
        String path = Optional.ofNullable(uri.getPath()).orElse("");
        String base = uri.getScheme() + "://" + host;
        if (host.startsWith("prometheus-") && !path.equals("/api/prom/push")) {
            String fixed = StringLiterals.quote(base + "/api/prom/push");
            add(Severity.WARNING, attribute.value().start(), attribute.value().end(), "cloud-metrics-url", List.of(),
                    List.of(fixed), "a Grafana Cloud metrics URL must end in /api/prom/push", fixed);
        } else if (host.startsWith("logs-") && !path.equals("/loki/api/v1/push")) {
            String fixed = StringLiterals.quote(base + "/loki/api/v1/push");
            add(Severity.WARNING, attribute.value().start(), attribute.value().end(), "cloud-logs-url", List.of(),
                    List.of(fixed), "a Grafana Cloud logs URL must end in /loki/api/v1/push", fixed);
        } else if (host.startsWith("otlp-gateway-") && !(path.equals("/otlp") || path.startsWith("/otlp/"))) {
            String fixed = StringLiterals.quote(base + "/otlp");
            add(Severity.WARNING, attribute.value().start(), attribute.value().end(), "cloud-otlp-url", List.of(),
                    List.of(fixed), "a Grafana Cloud OTLP gateway URL must include /otlp (without it every request gets 404)", fixed);
        }
    }
}
