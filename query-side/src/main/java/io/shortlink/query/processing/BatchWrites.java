package io.shortlink.query.processing;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The writes a projection gathers over one batch of its processor, made when the batch commits (in its prepare-commit
 * phase, inside its transaction) as a few bulk statements instead of one round trip per event. The batch is the root
 * unit of work: the live processor's batch, or a replay's, which may take the writes to make them later itself
 * ({@link #takenFrom}).
 */
public final class BatchWrites {

    private static final String TAKEN = BatchWrites.class.getName() + ".taken";

    private BatchWrites() {
    }

    /**
     * The writes gathered so far in the batch in progress under {@code key}; the first call of a batch creates them
     * and arranges for {@code write} to receive them when the batch commits, or, when they are taken, adds that
     * write to the taken ones.
     */
    public static <W> W current(String key, Supplier<W> create, Consumer<W> write) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(key, name -> {
            W writes = create.get();
            List<Runnable> taken = unitOfWork.getResource(TAKEN);
            if (taken == null) {
                unitOfWork.onPrepareCommit(committing -> write.accept(writes));
            } else {
                taken.add(() -> write.accept(writes));
            }
            return writes;
        });
    }

    /**
     * Takes the writes of {@code unitOfWork}, before it starts, from its commit: they gather in the list returned, in
     * the order the batch started them, for the caller to make in a transaction of its own.
     */
    public static List<Runnable> takenFrom(UnitOfWork<?> unitOfWork) {
        List<Runnable> taken = new ArrayList<>();
        unitOfWork.resources().put(TAKEN, taken);
        return taken;
    }
}
