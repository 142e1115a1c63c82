package io.shortlink.edge.security;

import java.util.Optional;

/** A side's own store of issued, unrevoked keys, by the SHA-256 hash of the key. */
@FunctionalInterface
public interface ApiKeyLookup {

    Optional<ApiKeyPrincipal> findByHash(String keyHash);
}
