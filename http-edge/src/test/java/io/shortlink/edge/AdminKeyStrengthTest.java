package io.shortlink.edge;

import io.shortlink.edge.security.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminKeyStrengthTest {

    @ParameterizedTest
    @ValueSource(strings = {"x", "admin", "changeme-changeme", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abababababababababababababab"})
    void aWeakAdminKeyIsRefusedSayingWhy(String weak) {
        assertThatThrownBy(() -> ApiKeys.requireStrongAdminKey(weak))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHORTLINK_ADMIN_KEY")
                .hasMessageContaining("at least 24");
    }

    @Test
    void aRandomKeyOrNoneIsAccepted() {
        assertThatCode(() -> ApiKeys.requireStrongAdminKey(ApiKeys.generate())).doesNotThrowAnyException();
        assertThatCode(() -> ApiKeys.requireStrongAdminKey("")).doesNotThrowAnyException();
        assertThatCode(() -> ApiKeys.requireStrongAdminKey(null)).doesNotThrowAnyException();
    }
}
