package io.shortlink.command.link;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives out generated codes. Numbers come in blocks from a PostgreSQL sequence (one round trip per block, shared
 * safely by any number of instances) and pass through {@link CodePermutation}, then base 62. The unused rest of a
 * block is lost on restart, which only skips numbers: a number is never handed out twice.
 */
@Component
public class LinkCodes {

    private final JdbcTemplate jdbc;
    private final CodePermutation permutation;
    private final long blockSize;
    private long next;
    private long blockEnd;

    public LinkCodes(JdbcTemplate jdbc,
                     @Value("${shortlink.codes.secret}") String secret,
                     @Value("${shortlink.codes.block-size:1000}") long blockSize) {
        this.jdbc = jdbc;
        this.permutation = new CodePermutation(secret);
        this.blockSize = blockSize;
    }

    public String next() {
        return Base62.encode(permutation.permute(nextNumber()), CodePermutation.DIGITS);
    }

    private synchronized long nextNumber() {
        if (next == blockEnd) {
            Long block = jdbc.queryForObject("select nextval('link_code_block_seq')", Long.class);
            next = block * blockSize;
            blockEnd = next + blockSize;
        }
        if (next >= CodePermutation.DOMAIN) {
            throw new IllegalStateException("The 7-character code space is used up");
        }
        return next++;
    }
}
