package io.shortlink.edge.processing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimingTokenStoresTest {

    @Test
    void twoContextsInOneJvmClaimUnderDifferentIds() {
        String first = ClaimingTokenStores.nodeId("shortlink");
        String second = ClaimingTokenStores.nodeId("shortlink");

        assertThat(first).matches("shortlink-" + ProcessHandle.current().pid() + "@.+-[0-9a-f]{8}");
        assertThat(second).isNotEqualTo(first);
    }
}
