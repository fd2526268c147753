package io.alloycompanion.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.config.ast.LexicalToken;
import io.alloycompanion.core.config.parser.ParseResult;
import io.alloycompanion.core.config.parser.Parser;
import io.alloycompanion.core.config.printer.Printer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LosslessAndExamplesTest {

    static Stream<Path> everyFile() throws IOException {
        try (Stream<Path> files = Files.walk(TestData.root())) {
            return files.filter(Files::isRegularFile).filter(path -> !path.toString().endsWith(".md")).toList().stream();
        }
    }

    static Stream<Path> examples() {
        return TestData.files("examples", ".alloy").stream();
    }

    @ParameterizedTest
    @MethodSource("everyFile")
    void everyCharacterOfTheInputBelongsToTheTree(Path file) {
        String text = TestData.read(file);
        ParseResult result = Parser.parse(file.getFileName().toString(), text);

        assertThat(result.file().toSource()).isEqualTo(text);
        int at = 0;
        for (LexicalToken token : result.file().tokens()) {
            assertThat(token.start()).isEqualTo(at);
            assertThat(token.end()).isGreaterThan(token.start());
            at = token.end();
        }
        assertThat(at).isEqualTo(text.length());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void documentationExamplesParseFormatIdempotentlyAndKeepTheirMeaningAndComments(Path file) {
        ParseResult parsed = Parser.parse(file.getFileName().toString(), TestData.read(file));
        assertThat(parsed.diagnostics()).isEmpty();

        String formatted = Printer.print(parsed.file());
        ParseResult reparsed = Parser.parse("formatted", formatted);

        assertThat(reparsed.diagnostics()).isEmpty();
        assertThat(TreeShape.of(reparsed.file())).isEqualTo(TreeShape.of(parsed.file()));
        assertThat(Printer.print(reparsed.file())).isEqualTo(formatted);
        assertThat(formatted.lines()).as("indentation is tabs").noneMatch(line -> line.startsWith(" "));
    }

    @Test
    void aFormattedExampleReadsLikeAlloyFmtOutput() {
        ParseResult parsed = Parser.parse("11", TestData.read(TestData.root().resolve("examples/11-loki-write-grafana-cloud-basic-auth.alloy")));
        String formatted = Printer.print(parsed.file());
        assertThat(formatted).contains("\n\tendpoint {\n").contains("\t\turl = ");
    }
}
