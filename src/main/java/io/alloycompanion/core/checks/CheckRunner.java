package io.alloycompanion.core.checks;

import io.alloycompanion.core.platform.ThreadPools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs checks: independent ones at the same time, each after the checks it depends on, each within its timeout. A
 * check whose dependency did not pass or warn is skipped, naming that dependency; one that throws or runs out of
 * time fails with what happened. Results come back in the order the checks were given.
 */
public final class CheckRunner {

    /** Told about each check as it starts and ends (on the runner's threads). */
    public interface Listener {
        default void started(Check check) {
        }

        default void finished(CheckResult result) {
        }
    }

    private final ExecutorService pool;

    public CheckRunner() {
        this(ThreadPools.cached("checks"));
    }

    CheckRunner(ExecutorService pool) {
        this.pool = pool;
    }

    public List<CheckResult> run(List<Check> checks, Listener listener) throws InterruptedException {
        Map<String, Check> byId = new LinkedHashMap<>();
        for (Check check : checks) {
            if (byId.put(check.id(), check) != null) {
                throw new IllegalArgumentException("two checks have the id " + check.id());
            }
        }
        Map<String, CompletableFuture<CheckResult>> results = new HashMap<>();
        for (Check check : checks) {
            results.put(check.id(), new CompletableFuture<>());
        }
        List<Future<?>> jobs = new ArrayList<>();
        for (Check check : checks) {
            jobs.add(pool.submit(() -> {
                CheckResult result;
                try {
                    result = runAfterDependencies(check, byId, results, listener);
                } catch (RuntimeException | LinkageError e) {
                    result = result(check, Check.Outcome.fail(Text.of("check.failed.error", String.valueOf(e.getMessage())),
                            Check.evidence("error", String.valueOf(e)), null), Duration.ZERO);
                }
                // Completed before the listener is told: a listener that throws must not leave the run waiting.
                results.get(check.id()).complete(result);
                listener.finished(result);
            }));
        }
        List<CheckResult> out = new ArrayList<>();
        try {
            for (Check check : checks) {
                out.add(results.get(check.id()).get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a check could not be run", e.getCause());
        } catch (InterruptedException e) {
            jobs.forEach(job -> job.cancel(true));
            throw e;
        }
        return out;
    }

    private CheckResult runAfterDependencies(Check check, Map<String, Check> byId,
                                             Map<String, CompletableFuture<CheckResult>> results, Listener listener) {
        for (String dependency : check.dependsOn()) {
            CompletableFuture<CheckResult> before = results.get(dependency);
            if (before == null) {
                // Not among the checks run (e.g. --only): the check runs on its own.
                continue;
            }
            CheckResult found;
            try {
                found = before.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result(check, Check.Outcome.skipped(Text.of("check.skipped.cancelled")), Duration.ZERO);
            } catch (ExecutionException e) {
                return result(check, Check.Outcome.skipped(Text.of("check.skipped.needs", dependency)), Duration.ZERO);
            }
            if (found.status() == CheckStatus.FAIL || found.status() == CheckStatus.SKIPPED) {
                return result(check, new Check.Outcome(CheckStatus.SKIPPED, Text.of("check.skipped.needs", found.title()),
                        Check.evidence("needs", dependency), Optional.empty()), Duration.ZERO);
            }
        }
        listener.started(check);
        long start = System.nanoTime();
        CompletableFuture<Check.Outcome> outcome = new CompletableFuture<>();
        Thread worker = ThreadPools.start("check-" + check.id(), () -> {
            try {
                outcome.complete(check.run());
            } catch (Exception | LinkageError e) {
                outcome.completeExceptionally(e);
            }
        });
        try {
            Check.Outcome found = outcome.get(check.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return result(check, found, Duration.ofNanos(System.nanoTime() - start));
        } catch (TimeoutException e) {
            worker.interrupt();
            String seconds = seconds(check.timeout());
            return result(check, Check.Outcome.fail(Text.of("check.failed.timeout", seconds),
                    Check.evidence("timeout", seconds + " s"), null), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            return result(check, Check.Outcome.skipped(Text.of("check.skipped.cancelled")), Duration.ofNanos(System.nanoTime() - start));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return result(check, Check.Outcome.fail(Text.of("check.failed.error", message), Check.evidence("error", message), null),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** {@code 15} for 15 s, {@code 0.3} for 300 ms. */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? String.valueOf(millis / 1000)
                : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    private static CheckResult result(Check check, Check.Outcome outcome, Duration took) {
        return new CheckResult(check.id(), check.title(), outcome.status(), outcome.summary(), outcome.evidence(),
                outcome.fix(), took);
    }
}
