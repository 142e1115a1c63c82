package io.shortlink.edge;

import io.shortlink.edge.security.ApiKeys;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTest {

    @Test
    void keysAre256RandomBitsAndHashToStableHex() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(keys.add(ApiKeys.generate())).isTrue();
        }
        String key = keys.iterator().next();
        assertThat(key).matches("sk_[A-Za-z0-9_-]{43}");
        assertThat(ApiKeys.hash(key)).matches("[0-9a-f]{64}").isEqualTo(ApiKeys.hash(key)).isNotEqualTo(ApiKeys.hash(key + "x"));
        assertThat(ApiKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
