package io.shortlink.query.processing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenClaimsTest {

    @Test
    void twoContextsInOneJvmClaimUnderDifferentIds() {
        String first = TokenClaims.nodeId("shortlink");
        String second = TokenClaims.nodeId("shortlink");

        assertThat(first).matches("shortlink-" + ProcessHandle.current().pid() + "@.+-[0-9a-f]{8}");
        assertThat(second).isNotEqualTo(first);
    }
}
