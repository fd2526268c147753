package io.alloycompanion.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlloyVersionTest {

    /** The shape of `alloy --version` (FACTS.md §3). */
    static final String OUTPUT = "alloy, version v1.18.0 (branch: HEAD, revision: 1a2b3c4d5)\n"
            + "  build user:       root@buildkitsandbox\n"
            + "  build date:       2026-10-01T10:00:00Z\n"
            + "  go version:       go1.24.4\n"
            + "  platform:         linux/amd64\n"
            + "  tags:             netgo,builtinassets\n";

    @Test
    void readsTheTagFromTheFirstLine() {
        assertThat(AlloyVersion.parse(OUTPUT)).contains("v1.18.0");
        assertThat(AlloyVersion.parse("alloy, version v1.9.0-rc.1 (branch: x)")).contains("v1.9.0-rc.1");
    }

    @Test
    void rejectsOtherPrograms() {
        assertThat(AlloyVersion.parse("grafana-agent, version v0.40.0")).isEmpty();
        assertThat(AlloyVersion.parse("")).isEmpty();
    }
}
