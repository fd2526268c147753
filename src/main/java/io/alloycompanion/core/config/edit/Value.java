package io.alloycompanion.core.config.edit;

import io.alloycompanion.core.config.ast.StringLiterals;
import io.alloycompanion.core.config.parser.Parser;
import io.alloycompanion.core.config.syntax.Identifiers;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A typed value to write into a config, rendered as Alloy source with correct escaping. */
public sealed interface Value permits Value.Str, Value.Num, Value.Bool, Value.Null, Value.ListOf, Value.MapOf,
        Value.Expression {

    /** The value as it is written in a config. */
    String render();

    static Value string(String value) {
        return new Str(value);
    }

    /**
     * An expression written as is, such as {@code sys.env("GCLOUD_RW_API_KEY")} or a component reference.
     *
     * @throws IllegalArgumentException when the text is not exactly one expression
     */
    static Value expression(String source) {
        var parsed = Parser.parseExpression(source.trim());
        if (!parsed.diagnostics().isEmpty()) {
            throw new IllegalArgumentException("\"" + source.trim() + "\" is not one Alloy expression: "
                    + parsed.diagnostics().get(0).message());
        }
        return new Expression(source);
    }

    record Str(String value) implements Value {
        @Override
        public String render() {
            return StringLiterals.quote(value);
        }
    }

    record Num(Number value) implements Value {
        @Override
        public String render() {
            return value.toString();
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public String render() {
            return Boolean.toString(value);
        }
    }

    record Null() implements Value {
        @Override
        public String render() {
            return "null";
        }
    }

    record ListOf(List<Value> values) implements Value {
        public ListOf {
            values = List.copyOf(values);
        }

        @Override
        public String render() {
            return values.stream().map(Value::render).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** An object; keys that are not identifiers are quoted. Rendered on one line, in the map's order. */
    record MapOf(Map<String, Value> values) implements Value {
        @Override
        public String render() {
            if (values.isEmpty()) {
                return "{}";
            }
            return values.entrySet().stream()
                    .map(entry -> key(entry.getKey()) + " = " + entry.getValue().render())
                    .collect(Collectors.joining(", ", "{ ", " }"));
        }

        private static String key(String key) {
            return Identifiers.isValid(key) ? key : StringLiterals.quote(key);
        }
    }

    record Expression(String source) implements Value {
        @Override
        public String render() {
            return source.trim();
        }
    }
}
