package io.tandem.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test against a fresh {@link TandemHarness} (embedded switch and CTI server with the test configuration)
 * for each test method. Subclasses may add their own {@code @BeforeEach}; it runs after the harness is up.
 */
public abstract class HarnessTest {

    /** The harness of the running test. */
    protected TandemHarness t;

    @BeforeEach
    final void startHarness() {
        t = TandemHarness.start();
    }

    @AfterEach
    final void stopHarness() {
        t.close();
    }
}
