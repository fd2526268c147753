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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the checks need to know from a config: where it writes each signal and what it scrapes. */
final class ConfigFacts {

    /** An attribute's value: a string literal's text, or an expression's source (e.g. {@code sys.env("URL")}). */
    record Value(String text, boolean literal) {
        @Override
        public String toString() {
            return literal ? text : text + " (expression)";
        }
    }

    /** A component that sends to Grafana Cloud: its URL and basic-auth username as written. */
    record Writer(String component, String signal, Optional<Value> url, Optional<Value> username) {
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
    /**
     * The {@code job} labels scrapes give their series: {@code job_name}, else the component's id (Alloy's default),
     * and any {@code job} written into a literal target (which wins over both).
     */
    final Set<String> scrapeJobs = new LinkedHashSet<>();

    static ConfigFacts of(String name, String text) {
        ParseResult parsed = Parser.parse(name, text);
        ConfigFacts facts = new ConfigFacts();
        Map<String, Optional<Value>> basicAuthUsers = new LinkedHashMap<>();
        for (BlockStmt block : Trees.blocks(parsed.file().body())) {
            if (block.fullName().equals("otelcol.auth.basic")) {
                Optional<Value> user = value(block.body(), "username", text);
                for (BlockStmt auth : Trees.blocks(block.body(), "client_auth")) {
                    Optional<Value> deprecated = user;
                    user = value(auth.body(), "username", text).or(() -> deprecated);
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
                        Optional<Value> user = Optional.empty();
                        for (BlockStmt auth : Trees.blocks(endpoint.body(), "basic_auth")) {
                            user = value(auth.body(), "username", text);
                        }
                        facts.writers.add(new Writer(block.id(), signal, value(endpoint.body(), "url", text), user));
                    }
                    break;
                }
                case "otelcol.exporter.otlphttp":
                case "otelcol.exporter.otlp": {
                    for (BlockStmt client : Trees.blocks(block.body(), "client")) {
                        Optional<Value> user = Trees.attribute(client.body(), "auth").flatMap(found -> Trees.dottedName(found.value()))
                                .map(ref -> ref.endsWith(".handler") ? ref.substring(0, ref.length() - ".handler".length()) : ref)
                                .flatMap(ref -> basicAuthUsers.getOrDefault(ref, Optional.empty()));
                        facts.writers.add(new Writer(block.id(), "otlp", value(client.body(), "endpoint", text), user));
                    }
                    break;
                }
                case "prometheus.scrape": {
                    Optional<AttributeStmt> targets = Trees.attribute(block.body(), "targets");
                    String path = string(block.body(), "metrics_path").orElse("/metrics");
                    String scheme = string(block.body(), "scheme").orElse("http");
                    facts.scrapeJobs.add(string(block.body(), "job_name").orElse(block.id()));
                    if (targets.isPresent() && targets.get().value() instanceof Expr.Array array) {
                        boolean literal = true;
                        for (Expr element : array.elements()) {
                            Optional<String> address = element instanceof Expr.ObjectLit object ? address(object) : Optional.empty();
                            if (element instanceof Expr.ObjectLit object) {
                                field(object, "job").ifPresent(facts.scrapeJobs::add);
                            }
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
        return field(object, "__address__");
    }

    private static Optional<String> field(Expr.ObjectLit object, String name) {
        for (ObjectField field : object.fields()) {
            if (field.name().name().equals(name)) {
                return Trees.stringValue(field.value());
            }
        }
        return Optional.empty();
    }

    private static Optional<Value> value(List<io.alloycompanion.core.config.ast.Stmt> body, String attribute, String text) {
        return Trees.attribute(body, attribute).map(found -> Trees.stringValue(found.value()).map(literal -> new Value(literal, true))
                .orElseGet(() -> new Value(text.substring(found.value().start(), Math.min(text.length(), found.value().end() + 1)).strip(),
                        false)));
    }

    private static Optional<String> string(List<io.alloycompanion.core.config.ast.Stmt> body, String attribute) {
        return Trees.attribute(body, attribute).flatMap(found -> Trees.stringValue(found.value()));
    }
}
