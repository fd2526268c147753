package io.alloycompanion.core.checks;

import io.alloycompanion.core.config.ast.AttributeStmt;
import io.alloycompanion.core.config.ast.BlockStmt;
import io.alloycompanion.core.config.ast.Expr;
import io.alloycompanion.core.config.ast.ObjectField;
import io.alloycompanion.core.config.ast.Trees;
import io.alloycompanion.core.config.parser.ParseResult;
import io.alloycompanion.core.config.parser.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the checks need to know from a config: where it writes each signal and what it scrapes. */
final class ConfigFacts {

    /** A component that sends to Grafana Cloud: its URL and basic-auth username as written (empty when not a literal). */
    record Writer(String component, String signal, Optional<String> url, Optional<String> username) {
    }

    /**
     * A scrape target written as a literal {@code {"__address__" = "host:port"}}.
     *
     * @param url {@code scheme://address + metrics_path}
     */
    record Target(String component, String url) {
    }

    final List<Writer> writers = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();
    /** Scrape components whose targets are not literals (discovery, another component's export). */
    final List<String> dynamicTargets = new ArrayList<>();

    static ConfigFacts of(String name, String text) {
        ParseResult parsed = Parser.parse(name, text);
        ConfigFacts facts = new ConfigFacts();
        Map<String, Optional<String>> basicAuthUsers = new LinkedHashMap<>();
        for (BlockStmt block : Trees.blocks(parsed.file().body())) {
            if (block.fullName().equals("otelcol.auth.basic")) {
                Optional<String> user = string(block.body(), "username");
                for (BlockStmt auth : Trees.blocks(block.body(), "client_auth")) {
                    Optional<String> deprecated = user;
                    user = string(auth.body(), "username").or(() -> deprecated);
                }
                basicAuthUsers.put(block.id(), user);
            }
        }
        for (BlockStmt block : Trees.blocks(parsed.file().body())) {
            switch (block.fullName()) {
                case "prometheus.remote_write":
                case "loki.write": {
                    String signal = block.fullName().equals("loki.write") ? "logs" : "metrics";
                    for (BlockStmt endpoint : Trees.blocks(block.body(), "endpoint")) {
                        Optional<String> user = Optional.empty();
                        for (BlockStmt auth : Trees.blocks(endpoint.body(), "basic_auth")) {
                            user = string(auth.body(), "username");
                        }
                        facts.writers.add(new Writer(block.id(), signal, string(endpoint.body(), "url"), user));
                    }
                    break;
                }
                case "otelcol.exporter.otlphttp":
                case "otelcol.exporter.otlp": {
                    for (BlockStmt client : Trees.blocks(block.body(), "client")) {
                        Optional<String> user = Trees.attribute(client.body(), "auth").flatMap(found -> Trees.dottedName(found.value()))
                                .map(ref -> ref.endsWith(".handler") ? ref.substring(0, ref.length() - ".handler".length()) : ref)
                                .flatMap(ref -> basicAuthUsers.getOrDefault(ref, Optional.empty()));
                        facts.writers.add(new Writer(block.id(), "otlp", string(client.body(), "endpoint"), user));
                    }
                    break;
                }
                case "prometheus.scrape": {
                    Optional<AttributeStmt> targets = Trees.attribute(block.body(), "targets");
                    String path = string(block.body(), "metrics_path").orElse("/metrics");
                    String scheme = string(block.body(), "scheme").orElse("http");
                    if (targets.isPresent() && targets.get().value() instanceof Expr.Array array) {
                        boolean literal = true;
                        for (Expr element : array.elements()) {
                            Optional<String> address = element instanceof Expr.ObjectLit object ? address(object) : Optional.empty();
                            if (address.isPresent()) {
                                facts.targets.add(new Target(block.id(), scheme + "://" + address.get() + path));
                            } else {
                                literal = false;
                            }
                        }
                        if (!literal) {
                            facts.dynamicTargets.add(block.id());
                        }
                    } else if (targets.isPresent()) {
                        facts.dynamicTargets.add(block.id());
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return facts;
    }

    private static Optional<String> address(Expr.ObjectLit object) {
        for (ObjectField field : object.fields()) {
            if (field.name().name().equals("__address__")) {
                return Trees.stringValue(field.value());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> string(List<io.alloycompanion.core.config.ast.Stmt> body, String attribute) {
        return Trees.attribute(body, attribute).flatMap(found -> Trees.stringValue(found.value()));
    }
}
