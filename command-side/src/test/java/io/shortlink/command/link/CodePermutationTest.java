package io.shortlink.command.link;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodePermutationTest {

    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]{7}");

    private final CodePermutation permutation = new CodePermutation("a-test-key-of-enough-length");

    @Test
    void givesEveryNumberItsOwnCodeInTheCodeSpace() {
        Set<Long> seen = new HashSet<>();
        for (long n = 0; n < 200_000; n++) {
            long permuted = permutation.permute(n);
            assertThat(permuted).isBetween(0L, CodePermutation.DOMAIN - 1);
            assertThat(seen.add(permuted)).as("collision at %d", n).isTrue();
        }
        assertThat(permutation.permute(CodePermutation.DOMAIN - 1)).isBetween(0L, CodePermutation.DOMAIN - 1);
    }

    @Test
    void givesTheLargestNumbersDistinctCodesToo() {
        Set<Long> seen = new HashSet<>();
        for (long n = CodePermutation.DOMAIN - 100_000; n < CodePermutation.DOMAIN; n++) {
            assertThat(seen.add(permutation.permute(n))).isTrue();
        }
    }

    @Test
    void consecutiveNumbersDoNotLookSequential() {
        int samePositions = 0;
        int pairs = 10_000;
        String previous = code(1_000);
        for (long n = 1_001; n <= 1_000 + pairs; n++) {
            String current = code(n);
            assertThat(current).matches(CODE);
            for (int i = 0; i < CodePermutation.DIGITS; i++) {
                if (previous.charAt(i) == current.charAt(i)) {
                    samePositions++;
                }
            }
            previous = current;
        }
        // Unrelated codes share a position with probability 1/62: about 0.11 positions per pair.
        assertThat((double) samePositions / pairs).isLessThan(0.3);
    }

    @Test
    void dependsOnTheKey() {
        CodePermutation other = new CodePermutation("another-test-key-of-enough-length");
        int equal = 0;
        for (long n = 0; n < 1_000; n++) {
            if (other.permute(n) == permutation.permute(n)) {
                equal++;
            }
        }
        assertThat(equal).isLessThan(5);
    }

    @Test
    void refusesNumbersOutsideTheCodeSpaceAndShortKeys() {
        assertThatThrownBy(() -> permutation.permute(CodePermutation.DOMAIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> permutation.permute(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CodePermutation("short")).isInstanceOf(IllegalArgumentException.class);
    }

    private String code(long n) {
        return Base62.encode(permutation.permute(n), CodePermutation.DIGITS);
    }
}
