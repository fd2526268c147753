package io.alloycompanion.core.config;

import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generates syntactically valid Alloy source, laid out in assorted (not necessarily formatted) ways. */
final class ValidConfigs {

    private ValidConfigs() {
    }

    private static Arbitrary<String> ident() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(8)
                .filter(word -> !word.equals("true") && !word.equals("false") && !word.equals("null"));
    }

    private static Arbitrary<String> space() {
        return Arbitraries.of("", " ", "  ", "\t");
    }

    static Arbitrary<String> literal() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 100000).map(String::valueOf),
                Arbitraries.of("1.5", "0.25", "1e3", ".5", "2.5e-3"),
                Arbitraries.of("true", "false", "null"),
                Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '-', '/', ':', '.', 'é').ofMaxLength(12)
                        .map(s -> "\"" + s + "\""),
                Arbitraries.of("\"a\\nb\"", "\"tab\\there\"", "\"q\\\"uote\"", "\"\\u00e9\"", "`raw \"string\"`"));
    }

    static Arbitrary<String> expr(int depth) {
        if (depth > 2) {
            return Arbitraries.oneOf(literal(), ident(), dotted());
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> expr(depth + 1));
        return Arbitraries.frequencyOf(
                Tuple.of(4, literal()),
                Tuple.of(2, dotted()),
                Tuple.of(1, Combinators.combine(inner, Arbitraries.of("+", "-", "*", "/", "%", "^", "==", "!=", "<", "<=", ">", ">=", "&&", "||"), inner)
                        .as((a, op, b) -> a + " " + op + " " + b)),
                Tuple.of(1, inner.map(e -> "(" + e + ")")),
                Tuple.of(1, inner.map(e -> "!" + e)),
                Tuple.of(1, inner.list().ofMaxSize(3).map(list -> list.stream().collect(Collectors.joining(", ", "[", "]")))),
                Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(3).map(list -> list.stream()
                        .collect(Collectors.joining(",\n", "[\n", ",\n]")))),
                Tuple.of(1, Combinators.combine(ident(), inner).as((k, v) -> k + " = " + v).list().ofMaxSize(3)
                        .map(list -> list.isEmpty() ? "{}" : list.stream().collect(Collectors.joining(", ", "{ ", " }")))),
                Tuple.of(1, Combinators.combine(ident(), inner).as((k, v) -> "\"" + k + "\" = " + v).list().ofMinSize(1).ofMaxSize(3)
                        .map(list -> list.stream().collect(Collectors.joining(",\n", "{\n", ",\n}")))),
                Tuple.of(1, Combinators.combine(dotted(), inner.list().ofMaxSize(3))
                        .as((f, args) -> f + "(" + String.join(", ", args) + ")")),
                Tuple.of(1, Combinators.combine(ident(), inner).as((a, i) -> a + "[" + i + "]")));
    }

    private static Arbitrary<String> dotted() {
        return ident().list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join(".", parts));
    }

    private static Arbitrary<String> comment() {
        return Arbitraries.of("// a comment", "/* block */", "// trailing words here", "/* multi\n line */");
    }

    static Arbitrary<String> statement(int depth) {
        Arbitrary<String> attribute = Combinators.combine(ident(), space(), space(), expr(0), Arbitraries.of("", " // note"))
                .as((name, s1, s2, value, tail) -> name + s1 + "=" + s2 + value + tail);
        if (depth > 2) {
            return attribute;
        }
        Arbitrary<String> block = Combinators.combine(dotted(), Arbitraries.of("", " \"label\"", " \"x_1\""),
                Arbitraries.lazy(() -> bodies(depth + 1)))
                .as((name, label, body) -> name + label + " {\n" + body + "}");
        Arbitrary<String> emptyBlock = Combinators.combine(dotted(), Arbitraries.of("{}", "{ }", "{\n}", "{\n\n}"))
                .as((name, braces) -> name + " " + braces);
        return Arbitraries.frequencyOf(Tuple.of(5, attribute), Tuple.of(2, block),
                Tuple.of(1, emptyBlock), Tuple.of(1, comment()));
    }

    static Arbitrary<String> bodies(int depth) {
        return Combinators.combine(statement(depth), Arbitraries.of("\n", "\n\n", "\n\n\n"))
                .as((stmt, sep) -> stmt + sep).list().ofMaxSize(depth == 0 ? 6 : 3)
                .map(list -> String.join("", list));
    }
}
