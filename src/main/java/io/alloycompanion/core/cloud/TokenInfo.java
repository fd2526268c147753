package io.alloycompanion.core.cloud;

import java.util.Optional;

/**
 * What a {@code glc_} token says about itself: its organisation, its name and the region it was created in. The
 * region is shown, never used to build hostnames: a token and the stack it writes to can be in different regions.
 */
public record TokenInfo(Optional<String> org, Optional<String> name, Optional<String> region) {
}
