package io.alloycompanion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every key exists in English, Spanish and Brazilian Portuguese; every key is used by an FXML file ({@code %key})
 * or a Java string literal; every key used exists; translations keep the same {@code {n}} placeholders.
 */
class LocalizationBundlesTest {

    private static final Path BUNDLES = Path.of("resources/i18n");
    private static final List<String> BUNDLE_FILES = List.of("messages.properties", "messages_es.properties", "messages_pt_BR.properties");
    private static final Pattern FXML_KEY = Pattern.compile("\"%([A-Za-z0-9_.]+)\"");
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    private static Map<String, String> load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(BUNDLES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> map = new TreeMap<>();
        properties.forEach((key, value) -> map.put((String) key, (String) value));
        return map;
    }

    @Test
    void everyBundleHasExactlyTheSameKeys() throws IOException {
        Set<String> english = load(BUNDLE_FILES.get(0)).keySet();
        for (String file : BUNDLE_FILES.subList(1, BUNDLE_FILES.size())) {
            Set<String> other = load(file).keySet();
            assertThat(difference(english, other)).as("keys missing from " + file).isEmpty();
            assertThat(difference(other, english)).as("keys in " + file + " but not in English").isEmpty();
        }
    }

    @Test
    void translationsUseTheSamePlaceholdersAndValidPatterns() throws IOException {
        Map<String, String> english = load(BUNDLE_FILES.get(0));
        for (String file : BUNDLE_FILES) {
            Map<String, String> bundle = load(file);
            bundle.forEach((key, value) -> {
                assertThat(placeholders(value)).as(file + ": " + key).isEqualTo(placeholders(english.get(key)));
                if (!placeholders(value).isEmpty()) {
                    new MessageFormat(value); // throws on a malformed pattern
                    assertThat(value).as(file + ": " + key + " uses an ASCII apostrophe, which MessageFormat drops")
                            .doesNotContain("'");
                }
                assertThat(value).as(file + ": " + key).isNotBlank();
            });
        }
    }

    @Test
    void everyKeyIsUsedAndEveryUsedKeyExists() throws IOException {
        Set<String> keys = load(BUNDLE_FILES.get(0)).keySet();
        Set<String> usedInFxml = scan(Path.of("resources/fxml"), ".fxml", FXML_KEY);
        Set<String> javaLiterals = scan(Path.of("src/main/java"), ".java", JAVA_LITERAL);
        Set<String> used = new HashSet<>(usedInFxml);
        javaLiterals.stream().filter(keys::contains).forEach(used::add);

        assertThat(difference(keys, used)).as("keys no view or class uses").isEmpty();
        assertThat(difference(usedInFxml, keys)).as("FXML keys missing from the bundles").isEmpty();
        Set<String> prefixes = keys.stream().map(key -> key.substring(0, key.indexOf('.') + 1)).collect(Collectors.toSet());
        Set<String> keyLikeLiterals = javaLiterals.stream()
                .filter(literal -> prefixes.stream().anyMatch(literal::startsWith))
                .filter(literal -> !literal.matches(".*\\.(properties|json|alloy|log|bak|conf|env|service|token|txt|md)$"))
                .collect(Collectors.toSet());
        assertThat(difference(keyLikeLiterals, keys)).as("Java strings that look like keys but are missing").isEmpty();
    }

    private static Set<String> scan(Path root, String suffix, Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(suffix)).toList()) {
                Matcher matcher = pattern.matcher(Files.readString(file));
                while (matcher.find()) {
                    found.add(matcher.group(1));
                }
            }
        }
        return found;
    }

    private static Set<String> placeholders(String value) {
        Set<String> result = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(value);
        while (matcher.find()) {
            result.add(matcher.group(1));
        }
        return result;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
