package io.alloycompanion.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.alloycompanion.core.config.ast.LexicalToken;
import io.alloycompanion.core.config.parser.ParseResult;
import io.alloycompanion.core.config.parser.Parser;
import io.alloycompanion.core.config.printer.Printer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of the parser and printer over generated input: any text either parses or yields diagnostics (never
 * another exception, never a hang), the tree always covers the whole input, and formatting keeps meaning and reaches
 * a fixed point for everything that parses (in one pass for the golden files and examples, see PrinterGoldenTest). Inputs come from three sources: arbitrary text over Alloy's alphabet, the
 * Alloy fuzz seeds and test files with random edits, and syntactically valid configs built from the grammar.
 */
class SyntaxPropertiesTest {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    private static ParseResult parseWithinLimit(String text) {
        return assertTimeoutPreemptively(LIMIT, () -> Parser.parse("fuzz.alloy", text));
    }

    private static void checkInvariants(String text) {
        ParseResult result = parseWithinLimit(text);
        assertThat(result.file().toSource()).isEqualTo(text);
        int at = 0;
        for (LexicalToken token : result.file().tokens()) {
            assertThat(token.start()).isEqualTo(at);
            at = token.end();
        }
        assertThat(at).isEqualTo(text.length());
        if (result.diagnostics().isEmpty()) {
            String once = assertTimeoutPreemptively(LIMIT, () -> Printer.print(result.file()));
            ParseResult again = Parser.parse("formatted.alloy", once);
            assertThat(again.diagnostics()).as("formatted output parses:\n" + once).isEmpty();
            assertThat(TreeShape.of(again.file())).isEqualTo(TreeShape.of(result.file()));
            // Like alloy fmt, the printer reads line breaks from the source: a value split over lines that it joins
            // ends an alignment run in the first pass but not in the second. It settles after at most two passes.
            String twice = Printer.print(again.file());
            assertThat(Printer.print(Parser.parse("twice.alloy", twice).file())).isEqualTo(twice);
        }
    }

    @Property(tries = 400)
    void arbitraryTextNeverBreaksTheParser(@ForAll("alloyishText") String text) {
        checkInvariants(text);
    }

    @Property(tries = 400)
    void editedCorpusFilesNeverBreakTheParser(@ForAll("editedCorpus") String text) {
        checkInvariants(text);
    }

    @Property(tries = 300)
    void validConfigsRoundTrip(@ForAll("validConfig") String text) {
        ParseResult result = parseWithinLimit(text);
        assertThat(result.diagnostics()).as(text).isEmpty();
        checkInvariants(text);
    }

    @Provide
    Arbitrary<String> alloyishText() {
        Arbitrary<Character> chars = Arbitraries.of('a', 'b', '_', '.', '=', '"', '`', '\\', '{', '}', '[', ']', '(', ')',
                ',', '\n', '\t', ' ', '/', '*', '0', '1', 'e', '+', '-', '!', '&', '|', '<', '>', '%', '^', '\r', 'é', '\'', '#');
        return chars.list().ofMaxSize(200).map(list -> {
            StringBuilder out = new StringBuilder();
            list.forEach(out::append);
            return out.toString();
        });
    }

    @Provide
    Arbitrary<String> editedCorpus() {
        List<String> corpus = new ArrayList<>();
        for (String folder : List.of("parser", "parser/valid", "printer", "examples")) {
            for (Path file : TestData.files(folder, "")) {
                if (!file.toFile().isDirectory()) {
                    corpus.add(TestData.read(file));
                }
            }
        }
        // The Go fuzz seeds, as the inputs they encode.
        corpus.add("A0000000000000000");
        corpus.add("A={A!0A\"");
        corpus.add("A\"");
        Arbitrary<String> base = Arbitraries.of(corpus);
        Arbitrary<List<Tuple.Tuple3<Integer, Integer, String>>> edits = Combinators.combine(
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 8),
                Arbitraries.of("", "{", "}", "\"", "`", ",", "\n", "=", "/*", "*/", "//", "[", "]", "(", ")", ".", "0x", "\\"))
                .as(Tuple::of).list().ofMinSize(1).ofMaxSize(6);
        return Combinators.combine(base, edits).as((text, list) -> {
            StringBuilder out = new StringBuilder(text);
            for (Tuple.Tuple3<Integer, Integer, String> edit : list) {
                int at = out.length() == 0 ? 0 : edit.get1() % (out.length() + 1);
                int end = Math.min(out.length(), at + edit.get2());
                out.replace(at, end, edit.get3());
            }
            return out.toString();
        });
    }

    @Provide
    Arbitrary<String> validConfig() {
        return ValidConfigs.bodies(0);
    }
}
