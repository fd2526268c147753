package io.alloycompanion.core.agent;

import io.alloycompanion.core.config.ast.AttributeStmt;
import io.alloycompanion.core.config.ast.BlockStmt;
import io.alloycompanion.core.config.ast.Trees;
import io.alloycompanion.core.config.parser.ParseResult;
import io.alloycompanion.core.config.parser.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The addresses a config makes Alloy listen on, so their ports can be checked before it starts. */
public final class ConfigListeners {

    /** One listening address and the component (and block) that opens it. */
    public record Listener(String component, String address) {
        public Optional<Integer> port() {
            return ListenAddress.port(address);
        }
    }

    private ConfigListeners() {
    }

    /**
     * OTLP receivers (gRPC 4317, HTTP 4318 unless {@code endpoint} says otherwise), and the {@code http} servers of
     * {@code prometheus.receive_http}, {@code loki.source.api} and {@code faro.receiver} (their {@code listen_address}
     * and {@code listen_port}). Components in modules are not followed.
     */
    public static List<Listener> of(String name, String text) {
        ParseResult parsed = Parser.parse(name, text);
        List<Listener> out = new ArrayList<>();
        for (BlockStmt block : Trees.blocks(parsed.file().body())) {
            String id = block.id();
            switch (block.fullName()) {
                case "otelcol.receiver.otlp":
                    for (String protocol : List.of("grpc", "http")) {
                        String fallback = protocol.equals("grpc") ? "0.0.0.0:4317" : "0.0.0.0:4318";
                        for (BlockStmt server : Trees.blocks(block.body(), protocol)) {
                            out.add(new Listener(id + " (" + protocol + ")", string(server, "endpoint").orElse(fallback)));
                        }
                    }
                    break;
                case "prometheus.receive_http":
                case "loki.source.api":
                case "faro.receiver": {
                    String block2 = block.fullName().equals("faro.receiver") ? "server" : "http";
                    for (BlockStmt server : Trees.blocks(block.body(), block2)) {
                        String host = string(server, "listen_address").orElse("0.0.0.0");
                        Optional<String> port = Trees.attribute(server.body(), "listen_port")
                                .map(AttributeStmt::value).map(expr -> text.substring(expr.start(), expr.end() + 1).trim());
                        String fallbackPort = block.fullName().equals("faro.receiver") ? "12347" : "8080";
                        out.add(new Listener(id, host + ":" + port.orElse(fallbackPort)));
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return out;
    }

    private static Optional<String> string(BlockStmt block, String attribute) {
        return Trees.attribute(block.body(), attribute).flatMap(found -> Trees.stringValue(found.value()));
    }
}
