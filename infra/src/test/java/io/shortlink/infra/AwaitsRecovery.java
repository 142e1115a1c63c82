package io.shortlink.infra;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes that stop a server of the shared system: after them, the next class finds it whole again (see
 * {@link RunningShortlink#awaitRecovered()}), whatever order the classes run in.
 */
final class AwaitsRecovery implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        RunningShortlink.shared().awaitRecovered();
    }
}
