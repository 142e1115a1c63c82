package io.shortlink.query.processing;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The writes a projection gathers over one batch of its processor, made when the batch commits (in its prepare-commit
 * phase, inside its transaction) as a few bulk statements instead of one round trip per event. The batch is the root
 * unit of work: the live processor's batch, or a replay's.
 */
public final class BatchWrites {

    private BatchWrites() {
    }

    /**
     * The writes gathered so far in the batch in progress under {@code key}; the first call of a batch creates them
     * and arranges for {@code write} to receive them when the batch commits.
     */
    public static <W> W current(String key, Supplier<W> create, Consumer<W> write) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(key, name -> {
            W writes = create.get();
            unitOfWork.onPrepareCommit(committing -> write.accept(writes));
            return writes;
        });
    }
}
