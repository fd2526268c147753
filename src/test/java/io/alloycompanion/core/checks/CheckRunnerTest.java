package io.alloycompanion.core.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    private Check check(String id, List<String> dependsOn, Duration timeout, Check.Outcome outcome, long sleepMillis) {
        return new Check() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Text title() {
                return Text.of("check.config.valid");
            }

            @Override
            public List<String> dependsOn() {
                return dependsOn;
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public Check.Outcome run() throws Exception {
                events.add("start " + id);
                Thread.sleep(sleepMillis);
                events.add("end " + id);
                if (outcome == null) {
                    throw new IllegalStateException("disk on fire");
                }
                return outcome;
            }
        };
    }

    private static Check.Outcome pass() {
        return Check.Outcome.pass(Text.of("check.config.valid.clean", "x"), Map.of());
    }

    @Test
    void independentChecksRunTogetherAndADependentOneWaitsForItsDependency() throws Exception {
        long start = System.nanoTime();
        List<CheckResult> results = new CheckRunner().run(List.of(
                check("a", List.of(), Duration.ofSeconds(5), pass(), 400),
                check("b", List.of(), Duration.ofSeconds(5), pass(), 400),
                check("c", List.of("a"), Duration.ofSeconds(5), pass(), 0)), new CheckRunner.Listener() { });
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(results).extracting(CheckResult::id).containsExactly("a", "b", "c");
        assertThat(results).allMatch(result -> result.status() == CheckStatus.PASS);
        assertThat(tookMillis).as("a and b side by side, not one after the other").isLessThan(780);
        assertThat(events.indexOf("start c")).isGreaterThan(events.indexOf("end a"));
        assertThat(results.get(0).took()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aFailedDependencySkipsTheChecksAfterItAndSaysWhichItNeeds() throws Exception {
        List<CheckResult> results = new CheckRunner().run(List.of(
                check("config", List.of(), Duration.ofSeconds(5),
                        Check.Outcome.fail(Text.of("check.config.valid.errors", 1, "x:1:1: bad"), Map.of(), Fix.OPEN_CONFIG), 0),
                check("endpoints", List.of("config"), Duration.ofSeconds(5), pass(), 0),
                check("after-endpoints", List.of("endpoints"), Duration.ofSeconds(5), pass(), 0)), new CheckRunner.Listener() { });

        assertThat(results).extracting(CheckResult::status).containsExactly(CheckStatus.FAIL, CheckStatus.SKIPPED, CheckStatus.SKIPPED);
        assertThat(events).containsExactly("start config", "end config");
        Texts english = new Texts(Locale.ENGLISH);
        assertThat(english.render(results.get(1).summary())).isEqualTo("Not checked: needs “Config valid” first.");
        assertThat(results.get(1).evidence()).containsEntry("needs", "config");
        assertThat(results.get(0).fix()).contains(Fix.OPEN_CONFIG);
    }

    @Test
    void aSlowCheckFailsAtItsTimeoutAndAThrowingOneFailsWithWhatHappened() throws Exception {
        long start = System.nanoTime();
        List<CheckResult> results = new CheckRunner().run(List.of(
                check("slow", List.of(), Duration.ofMillis(300), pass(), 10_000),
                check("throws", List.of(), Duration.ofSeconds(5), null, 0)), new CheckRunner.Listener() { });

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
        assertThat(results.get(0).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(results.get(0).summary()).isEqualTo(Text.of("check.failed.timeout", "0.3"));
        assertThat(results.get(1).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(new Texts(Locale.ENGLISH).render(results.get(1).summary())).isEqualTo("Could not be checked: disk on fire");
    }

    @Test
    void aDependencyNotAmongTheChecksRunDoesNotHoldTheCheckBack() throws Exception {
        List<CheckResult> results = new CheckRunner().run(List.of(check("c", List.of("not-run"), Duration.ofSeconds(5), pass(), 0)),
                new CheckRunner.Listener() { });
        assertThat(results.get(0).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void textsRenderInSpanishAndPortugueseToo() {
        Text text = Text.of("check.skipped.needs", Text.of("check.config.valid"));
        assertThat(new Texts(Locale.forLanguageTag("es")).render(text)).contains("“").doesNotContain("check.");
        assertThat(new Texts(Locale.forLanguageTag("pt-BR")).render(text)).contains("“").doesNotContain("check.");
    }
}
