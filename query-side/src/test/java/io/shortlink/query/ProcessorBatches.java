package io.shortlink.query;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.util.List;

/**
 * Hands events to a projection the way its processor does: a batch of events is one unit of work around the
 * projection's handlers, and the writes the handlers gather go to the store when the unit of work commits.
 */
public final class ProcessorBatches {

    private ProcessorBatches() {
    }

    /** The events (payloads or event messages) as one batch. */
    public static void handle(Object projection, Object... events) {
        handle(projection, List.of(events), events.length);
    }

    /** The events (payloads or event messages) in batches of {@code batchSize}. */
    public static void handle(Object projection, List<?> events, int batchSize) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        for (int from = 0; from < events.size(); from += batchSize) {
            List<?> batch = events.subList(from, Math.min(events.size(), from + batchSize));
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                for (Object event : batch) {
                    handlers.handle(GenericEventMessage.asEventMessage(event));
                }
            } catch (Exception e) {
                unitOfWork.rollback(e);
                throw new IllegalStateException(e);
            }
            unitOfWork.commit();
        }
    }
}
