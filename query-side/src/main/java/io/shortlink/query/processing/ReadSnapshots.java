package io.shortlink.query.processing;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads that must agree with each other (a page and its total, a link's days and its top lists) made from one
 * snapshot of PostgreSQL: read apart, a projection's batch committed in between makes them disagree.
 */
public final class ReadSnapshots {

    private ReadSnapshots() {
    }

    /** Read-only transactions at REPEATABLE READ: every statement in one sees the same snapshot. */
    public static TransactionTemplate of(PlatformTransactionManager transactionManager) {
        TransactionTemplate oneSnapshot = new TransactionTemplate(transactionManager);
        oneSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        oneSnapshot.setReadOnly(true);
        return oneSnapshot;
    }
}
