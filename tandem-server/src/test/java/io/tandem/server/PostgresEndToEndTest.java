package io.tandem.server;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.TandemHarness.WAIT;

import io.tandem.common.db.PostgresTestServer;
import io.tandem.server.TandemHarness.Agent;
import org.junit.jupiter.api.Test;

/** The all-in-one server with its configuration and switch state in PostgreSQL. */
class PostgresEndToEndTest {

    @Test
    void extendAndConnectOnPostgres() {
        try (TandemHarness t = TandemHarness.start(PostgresTestServer.freshSchema())) {
            Agent monitor = t.agent("monitor");
            monitor.client().registerAddress("7001").join();
            expect(monitor.events().next(WAIT), EVENT_REGISTERED, "7001");
            Agent a = t.agent("desk");
            a.client().registerAddress("7001", ext("REMOTE_DEST", "0677777777", "REMOTE_NAME", "PG mobile")).join();
            expect(a.events().next(WAIT), EVENT_REGISTERED, "7001");
            extensionsAre(expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7001"), "REMOTE_DEST", "0677777777", "REMOTE_NAME", "PG mobile");
            expect(monitor.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7001");
            a.client().close();
            extensionsAre(expect(monitor.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7001"), "OOS_REASON", "NotExtended");
        }
    }
}
