package io.alloycompanion.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.alloycompanion.core.config.parser.ParseResult;
import io.alloycompanion.core.config.parser.Parser;
import io.alloycompanion.core.config.syntax.Diagnostic;
import io.alloycompanion.core.config.syntax.Scanner;
import io.alloycompanion.core.config.syntax.Token;
import io.alloycompanion.core.config.syntax.TokenKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alloy's parser error cases: every {@code /* ERROR "rx" *\/} marker must be matched by exactly one diagnostic at the
 * position of the token before it ({@code ERROR HERE}: right after that token), and no other diagnostic may appear.
 */
class ParserErrorsTest {

    private static final Pattern MARKER = Pattern.compile("^/\\* *ERROR *(HERE)? *\"([^\"]*)\" *\\*/$");

    static Stream<Path> errorCases() {
        return TestData.files("parser", ".alloy").stream();
    }

    static Stream<Path> validCases() {
        return TestData.files("parser/valid", ".alloy").stream();
    }

    /** Expected messages by char offset, found the way Alloy's harness finds them. */
    private static Map<Integer, String> expectedErrors(String text) {
        Map<Integer, String> expected = new HashMap<>();
        Scanner scanner = new Scanner(text, null, true);
        int prev = 0;
        int here = 0;
        while (true) {
            Token token = scanner.scan();
            if (token.kind() == TokenKind.EOF) {
                return expected;
            }
            if (token.kind() == TokenKind.COMMENT) {
                Matcher matcher = MARKER.matcher(token.text());
                if (matcher.matches()) {
                    expected.put(matcher.group(1) != null ? here : prev, matcher.group(2));
                }
                continue;
            }
            if (token.kind() == TokenKind.TERMINATOR && token.text().equals("\n")) {
                continue;
            }
            prev = token.offset();
            boolean literal = token.kind() == TokenKind.IDENT || token.kind() == TokenKind.NUMBER
                    || token.kind() == TokenKind.FLOAT || token.kind() == TokenKind.STRING;
            here = prev + (literal ? token.text().length() : token.kind().toString().length());
        }
    }

    /** Go's regexp reads a "{" that starts no repetition as a literal; Java needs it escaped. */
    private static Pattern goRegex(String rx) {
        return Pattern.compile(rx.replaceAll("\\{(?![0-9])", "\\\\{"));
    }

    @ParameterizedTest
    @MethodSource("errorCases")
    void reportsExactlyTheErrorsAlloyReports(Path file) {
        String text = TestData.read(file);
        ParseResult result = Parser.parse(file.getFileName().toString(), text);
        Map<Integer, String> expected = expectedErrors(text);
        assertThat(expected).as("the test file has markers").isNotEmpty();

        List<String> problems = new ArrayList<>();
        for (Diagnostic diagnostic : result.diagnostics()) {
            String rx = expected.remove(diagnostic.start().offset());
            if (rx == null) {
                problems.add("unexpected error: " + diagnostic);
            } else if (!goRegex(rx).matcher(diagnostic.message()).find()) {
                problems.add(diagnostic + " does not match \"" + rx + "\"");
            }
        }
        expected.forEach((offset, rx) -> problems.add("not reported: " + result.file().source().position(offset) + ": " + rx));
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("validCases")
    void validFilesParseWithoutDiagnostics(Path file) {
        ParseResult result = Parser.parse(file.getFileName().toString(), TestData.read(file));
        assertThat(result.diagnostics()).isEmpty();
    }
}
