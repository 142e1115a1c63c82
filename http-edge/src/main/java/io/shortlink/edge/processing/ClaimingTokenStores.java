package io.shortlink.edge.processing;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

/**
 * Token stores whose claims tell instances apart. A processor's segment is worked by the one instance whose claim on
 * its token (table token_entry) is current; the others take over once the owner released it or stopped extending it
 * for the claim timeout (docs/adr/0051). Each instance, and each application context in a JVM, claims under an id of
 * its own: Axon's default, the JVM's name, is the same for two contexts in one JVM, which would then both work it.
 */
public final class ClaimingTokenStores {

    private ClaimingTokenStores() {
    }

    public static JpaTokenStore jpa(EntityManagerProvider entityManagers, Serializer serializer, String application,
                                    Duration claimTimeout) {
        return JpaTokenStore.builder()
                .entityManagerProvider(entityManagers)
                .serializer(serializer)
                .nodeId(nodeId(application))
                .claimTimeout(claimTimeout)
                .build();
    }

    /** {@code <application>-<pid>@<host>-<random>}: unique per instance and per application context. */
    public static String nodeId(String application) {
        return application + "-" + ProcessHandle.current().pid() + "@" + host() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unnamed) {
            return "unknown-host";
        }
    }
}
