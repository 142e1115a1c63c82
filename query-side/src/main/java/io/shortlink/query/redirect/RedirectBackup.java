package io.shortlink.query.redirect;

import java.util.Optional;

/** A second copy of the redirect view, kept by another projection, for when Redis cannot answer. */
public interface RedirectBackup {

    /** @throws org.springframework.dao.DataAccessException when this copy cannot answer either */
    Optional<RedirectEntry> find(String code);

    /** Epoch milliseconds up to which this copy holds every link event (a {@code ProcessorWatermark}). */
    long heldAsOf();
}
