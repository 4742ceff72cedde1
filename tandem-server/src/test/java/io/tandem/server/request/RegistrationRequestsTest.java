package io.tandem.server.request;

import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_LINK_CONNECTED;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_SERVER_CONNECTED;
import static io.tandem.protocol.MessageType.EVENT_UNREGISTERED;
import static io.tandem.server.Events.error;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.Events.referenceIs;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Session and registration rules, and each EventError case, over TCP. */
class RegistrationRequestsTest extends HarnessTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    /** Sends a raw JSON request and returns the single answer. */
    private static Message answer(Agent agent, String json) {
        agent.client().sendRaw(json);
        return agent.events().next(WAIT);
    }

    @Test
    void registerClientIsAnsweredWithServerConnectedThenLinkConnected() {
        Agent raw = t.unregisteredAgent();
        raw.client().sendRaw("{\"message\":\"RequestRegisterClient\",\"ReferenceID\":3,\"ApplicationName\":\"desk\"}");
        Message connected = raw.events().next(EVENT_SERVER_CONNECTED, WAIT);
        referenceIs(connected, 3L);
        assertThat(connected.string(Attribute.SERVER_ROLE)).contains("primary");
        assertThat(connected.string(Attribute.APPLICATION_NAME)).contains("desk");
        raw.events().next(EVENT_LINK_CONNECTED, WAIT);
        error(answer(raw, "{\"message\":\"RequestRegisterClient\",\"ReferenceID\":4,\"ApplicationName\":\"desk\"}"), EVENT_ERROR, 43);
    }

    @Test
    void dnRequestsBeforeRegisterClientAreRefused() {
        Agent raw = t.unregisteredAgent();
        Message e = error(answer(raw, "{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":1,\"ThisDN\":\"6001\"}"), EVENT_ERROR, 506);
        referenceIs(e, 1L);
        assertThat(e.thisDn()).isEqualTo("6001");
        error(answer(raw, "{\"message\":\"RequestRegisterClient\",\"ReferenceID\":2}"), EVENT_ERROR, 53);
    }

    @Test
    void registeredCarriesTheDnStateSnapshot() {
        Agent a = t.agent("desk");
        a.client().registerAddress("6001").join();
        extensionsAre(expect(a.events().next(WAIT), EVENT_REGISTERED, "6001"), "SERVICE_STATE", "InService");
        a.client().registerAddress("6099").join();
        extensionsAre(expect(a.events().next(WAIT), EVENT_REGISTERED, "6099"),
                "SERVICE_STATE", "OutOfService", "OOS_REASON", "DeviceNotFound");
        t.post("/api/switch/devices/SEP000000006002/out-of-service", null);
        a.client().registerAddress("6002").join();
        extensionsAre(expect(a.events().next(WAIT), EVENT_REGISTERED, "6002"),
                "SERVICE_STATE", "OutOfService", "OOS_REASON", "DeviceOutOfService");
    }

    @Test
    void phoneServiceChangesGoToEveryRegisteredClient() {
        Agent a = t.agent("a");
        Agent b = t.agent("b");
        Agent other = t.agent("other");
        a.client().registerAddress("6002").join();
        b.client().registerAddress("6002").join();
        other.client().registerAddress("6001").join();
        a.events().next(WAIT);
        b.events().next(WAIT);
        other.events().next(WAIT);
        t.post("/api/switch/devices/SEP000000006002/out-of-service", null);
        for (Agent agent : List.of(a, b)) {
            extensionsAre(expect(agent.events().next(WAIT), MessageType.EVENT_DN_OUT_OF_SERVICE, "6002"), "OOS_REASON", "DeviceOutOfService");
        }
        t.post("/api/switch/devices/SEP000000006002/in-service", null);
        for (Agent agent : List.of(a, b)) {
            extensionsAre(expect(agent.events().next(WAIT), MessageType.EVENT_DN_BACK_IN_SERVICE, "6002"));
        }
        assertThat(other.events().drain(QUIET)).isEmpty();
    }

    @Test
    void registeringTwiceIsHarmlessAndUnregisterAnswersOnce() {
        Agent a = t.agent("desk");
        a.client().registerAddress("6001").join();
        a.client().registerAddress("6001").join();
        expect(a.events().next(WAIT), EVENT_REGISTERED, "6001");
        expect(a.events().next(WAIT), EVENT_REGISTERED, "6001");
        long ref = a.client().unregisterAddress("6001").join().referenceId().orElseThrow();
        referenceIs(expect(a.events().next(WAIT), EVENT_UNREGISTERED, "6001"), ref);
        error(answer(a, "{\"message\":\"RequestUnregisterAddress\",\"ReferenceID\":90,\"ThisDN\":\"6001\"}"), EVENT_ERROR, 41);
    }

    @Test
    void eachRefusalHasItsErrorCodeReferenceIdAndMessage() {
        Agent a = t.agent("desk");
        Message notConfigured = error(answer(a, "{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":11,\"ThisDN\":\"9999\"}"), EVENT_ERROR, 59);
        referenceIs(notConfigured, 11L);
        assertThat(notConfigured.thisDn()).isEqualTo("9999");
        assertThat(notConfigured.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("9999").contains("not configured");

        referenceIs(error(answer(a, "{\"message\":\"RequestUnregisterAddress\",\"ReferenceID\":12,\"ThisDN\":\"6002\"}"), EVENT_ERROR, 41), 12L);
        error(answer(a, "{\"message\":\"RequestUnregisterAddress\",\"ReferenceID\":13,\"ThisDN\":\"9999\"}"), EVENT_ERROR, 59);

        Message unknown = error(answer(a, "{\"message\":\"RequestTeleport\",\"ReferenceID\":14}"), EVENT_ERROR, 51);
        assertThat(unknown.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("RequestTeleport");
        Message unsupported = error(answer(a, "{\"message\":\"RequestMergeCalls\",\"ReferenceID\":15,\"ThisDN\":\"6001\"}"), EVENT_ERROR, 51);
        assertThat(unsupported.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("RequestMergeCalls");
        error(answer(a, "{\"message\":\"EventRinging\",\"ReferenceID\":16}"), EVENT_ERROR, 51);

        Message missing = error(answer(a, "{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":17}"), EVENT_ERROR, 53);
        assertThat(missing.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("ThisDN");
        Message wrongType = error(answer(a, "{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":18,\"ThisDN\":7001}"), EVENT_ERROR, 53);
        assertThat(wrongType.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("ThisDN must be a string");
        referenceIs(wrongType, 18L);
        Message badExtension = error(answer(a,
                "{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":19,\"ThisDN\":\"7002\",\"Extensions\":{\"REMOTE_DEST\":612}}"), EVENT_ERROR, 53);
        assertThat(badExtension.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("REMOTE_DEST must be a string");
        error(answer(a, "{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":20,\"ThisDN\":\"7002\",\"Extensions\":{\"REMOTE_DEST\":\"\"}}"),
                EVENT_ERROR, 53);
        error(answer(a, "{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":21,\"ThisDN\":\"7002\",\"Extensions\":{\"REMOTE_NAME\":\"x\"}}"),
                EVENT_ERROR, 53);
        assertThat(a.events().drain(QUIET)).isEmpty();
        error(answer(a, "{\"message\":\"RequestUnregisterAddress\",\"ReferenceID\":22,\"ThisDN\":\"7002\"}"), EVENT_ERROR, 41);
    }

    @Test
    void sequenceNumbersIncreaseAcrossClients() {
        Agent a = t.agent("a");
        Agent b = t.agent("b");
        a.client().registerAddress("6001").join();
        b.client().registerAddress("6001").join();
        long first = a.events().next(WAIT).integer(Attribute.EVENT_SEQUENCE_NUMBER).orElseThrow();
        long second = b.events().next(WAIT).integer(Attribute.EVENT_SEQUENCE_NUMBER).orElseThrow();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void extensionsSnapshotOfAnExtendedTerminal() {
        Agent a = t.agent("a");
        a.client().registerAddress("7002", ext("REMOTE_DEST", "0622222222")).join();
        a.events().skipTo(MessageType.EVENT_DN_BACK_IN_SERVICE, WAIT);
        Agent b = t.agent("b");
        b.client().registerAddress("7002").join();
        extensionsAre(expect(b.events().next(WAIT), EVENT_REGISTERED, "7002"),
                "SERVICE_STATE", "InService", "REMOTE_DEST", "0622222222", "REMOTE_NAME", "0622222222");
    }
}
