package io.tandem.server.extend;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_HARDWARE_ERROR;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_UNREGISTERED;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.Events.referenceIs;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.client.RequestFailedException;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Extend and connect end to end: real switch, real server, real clients over TCP. */
class ExtendAndConnectTest extends HarnessTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String BOB_MOBILE = "0622222222";


    private static long extend(Agent agent, String dn, String dest, String name) {
        Message registered = agent.client().registerAddress(dn, name == null ? ext("REMOTE_DEST", dest)
                : ext("REMOTE_DEST", dest, "REMOTE_NAME", name)).join();
        return registered.referenceId().orElseThrow();
    }

    private List<String> destinations(String device, boolean activeOnly) {
        JsonNode rds = t.device(device).get("remoteDestinations");
        List<String> numbers = new ArrayList<>();
        rds.forEach(rd -> {
            if (!activeOnly || rd.get("active").asBoolean()) {
                numbers.add(rd.get("number").asText());
            }
        });
        return numbers;
    }

    @Test
    void activationAnswersRegisteredAtOnceThenBackInServiceWithRemoteExtensions() {
        Agent a = t.agent("desk-a");
        long ref = extend(a, "7002", BOB_MOBILE, "Bob mobile");

        Message registered = expect(a.events().next(WAIT), EVENT_REGISTERED, "7002");
        referenceIs(registered, ref);
        extensionsAre(registered, "SERVICE_STATE", "OutOfService", "OOS_REASON", "NotExtended");
        Message back = expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");
        referenceIs(back, ref);
        extensionsAre(back, "REMOTE_DEST", BOB_MOBILE, "REMOTE_NAME", "Bob mobile");
        assertThat(a.events().drain(QUIET)).isEmpty();

        assertThat(destinations("CTIRDbob", true)).containsExactly(BOB_MOBILE);
        assertThat(back.integer(Attribute.EVENT_SEQUENCE_NUMBER).orElseThrow())
                .isGreaterThan(registered.integer(Attribute.EVENT_SEQUENCE_NUMBER).orElseThrow());
    }

    @Test
    void remoteDestStandsForTheNameWhenRemoteNameIsAbsentAndAPreProvisionedDestinationIsReused() {
        Agent a = t.agent("desk-a");
        extend(a, "7001", "0611111111", null);
        expect(a.events().next(WAIT), EVENT_REGISTERED, "7001");
        extensionsAre(expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7001"),
                "REMOTE_DEST", "0611111111", "REMOTE_NAME", "0611111111");
        assertThat(destinations("CTIRDalice", false)).containsExactly("0611111111");

        a.client().unregisterAddress("7001").join();
        expect(a.events().next(WAIT), EVENT_UNREGISTERED, "7001");
        assertThat(a.events().drain(QUIET)).isEmpty();
        assertThat(destinations("CTIRDalice", false)).as("a configured destination stays, inactive").containsExactly("0611111111");
        assertThat(destinations("CTIRDalice", true)).isEmpty();
    }

    @Test
    void unregisterByTheControllerDeactivatesAndTellsTheOtherClients() {
        Agent monitor = t.agent("monitor");
        Agent a = t.agent("desk-a");
        monitor.client().registerAddress("7002").join();
        extensionsAre(expect(monitor.events().next(WAIT), EVENT_REGISTERED, "7002"),
                "SERVICE_STATE", "OutOfService", "OOS_REASON", "NotExtended");

        extend(a, "7002", BOB_MOBILE, "Bob mobile");
        expect(a.events().next(WAIT), EVENT_REGISTERED, "7002");
        expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");
        Message seen = expect(monitor.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");
        referenceIs(seen, null);
        extensionsAre(seen, "REMOTE_DEST", BOB_MOBILE, "REMOTE_NAME", "Bob mobile");

        long ref = a.client().unregisterAddress("7002").join().referenceId().orElseThrow();
        referenceIs(expect(a.events().next(WAIT), EVENT_UNREGISTERED, "7002"), ref);
        extensionsAre(expect(monitor.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7002"), "OOS_REASON", "NotExtended");
        assertThat(a.events().drain(QUIET)).isEmpty();
        assertThat(monitor.events().drain(QUIET)).isEmpty();
        assertThat(destinations("CTIRDbob", false)).as("the destination the server added is removed again").isEmpty();
    }

    @Test
    void disconnectOfTheControllerDeactivates() {
        Agent monitor = t.agent("monitor");
        Agent a = t.agent("desk-a");
        monitor.client().registerAddress("7002").join();
        monitor.events().next(WAIT);
        extend(a, "7002", BOB_MOBILE, null);
        expect(monitor.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");

        a.client().close();
        extensionsAre(expect(monitor.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7002"), "OOS_REASON", "NotExtended");
        assertThat(destinations("CTIRDbob", true)).isEmpty();
    }

    @Test
    void theLastClientToActivateControlsAndOnlyItDeactivates() {
        Agent a = t.agent("desk-a");
        Agent b = t.agent("desk-b");
        extend(a, "7002", BOB_MOBILE, "first");
        expect(a.events().next(WAIT), EVENT_REGISTERED, "7002");
        expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");

        long refB = extend(b, "7002", "0633333333", "second");
        Message bRegistered = expect(b.events().next(WAIT), EVENT_REGISTERED, "7002");
        extensionsAre(bRegistered, "SERVICE_STATE", "InService", "REMOTE_DEST", BOB_MOBILE, "REMOTE_NAME", "first");
        Message bBack = expect(b.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");
        referenceIs(bBack, refB);
        extensionsAre(bBack, "REMOTE_DEST", "0633333333", "REMOTE_NAME", "second");
        Message aBack = expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");
        referenceIs(aBack, null);
        extensionsAre(aBack, "REMOTE_DEST", "0633333333", "REMOTE_NAME", "second");
        assertThat(destinations("CTIRDbob", false)).as("the replaced destination is removed").containsExactly("0633333333");

        a.client().unregisterAddress("7002").join();
        expect(a.events().next(WAIT), EVENT_UNREGISTERED, "7002");
        assertThat(b.events().drain(QUIET)).as("a non-controller's unregister changes nothing for others").isEmpty();
        assertThat(destinations("CTIRDbob", true)).containsExactly("0633333333");

        a.client().registerAddress("7002").join();
        expect(a.events().next(WAIT), EVENT_REGISTERED, "7002");
        b.client().close();
        extensionsAre(expect(a.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7002"), "OOS_REASON", "NotExtended");
        assertThat(destinations("CTIRDbob", false)).isEmpty();
    }

    @Test
    void disconnectOfANonControllerOnlyRemovesItsOwnRegistration() {
        Agent a = t.agent("desk-a");
        Agent b = t.agent("desk-b");
        extend(a, "7002", BOB_MOBILE, null);
        a.events().skipTo(EVENT_DN_BACK_IN_SERVICE, WAIT);
        long refB = extend(b, "7002", "0633333333", null);
        expect(b.events().next(WAIT), EVENT_REGISTERED, "7002");
        referenceIs(expect(b.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002"), refB);
        extensionsAre(expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002"), "REMOTE_DEST", "0633333333", "REMOTE_NAME", "0633333333");

        a.client().close();
        assertThat(b.events().drain(QUIET)).isEmpty();
        assertThat(destinations("CTIRDbob", true)).containsExactly("0633333333");
    }

    @Test
    void registrationWithoutRemoteDestIsPlainMonitoring() {
        Agent a = t.agent("desk-a");
        a.client().registerAddress("7002").join();
        extensionsAre(expect(a.events().next(WAIT), EVENT_REGISTERED, "7002"),
                "SERVICE_STATE", "OutOfService", "OOS_REASON", "NotExtended");
        assertThat(a.events().drain(QUIET)).isEmpty();
        assertThat(destinations("CTIRDbob", false)).isEmpty();
    }

    @Test
    void remoteDestOnADnThatIsNotARemoteTerminalIsRefusedWithoutRegistering() {
        Agent a = t.agent("desk-a");
        for (String dn : List.of("6001", "5000")) {
            assertThatThrownBy(() -> a.client().registerAddress(dn, ext("REMOTE_DEST", BOB_MOBILE)).join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(RequestFailedException.class);
            Message error = io.tandem.server.Events.error(a.events().next(WAIT), EVENT_ERROR, 1141);
            assertThat(error.thisDn()).isEqualTo(dn);
            assertThat(error.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("not a remote terminal");
            assertThatThrownBy(() -> a.client().unregisterAddress(dn).join()).hasCauseInstanceOf(RequestFailedException.class);
            io.tandem.server.Events.error(a.events().next(WAIT), EVENT_ERROR, 41);
        }
    }

    private void assertHardwareError(String dn, String dest, int code, String switchError, String messagePart) {
        Agent a = t.agent("desk-" + dest);
        long ref = extend(a, dn, dest, null);
        expect(a.events().next(WAIT), EVENT_REGISTERED, dn);
        Message error = io.tandem.server.Events.error(a.events().next(WAIT), EVENT_HARDWARE_ERROR, code);
        assertThat(error.thisDn()).isEqualTo(dn);
        referenceIs(error, ref);
        assertThat(error.extensions().getString("SWITCH_ERROR")).contains(switchError);
        assertThat(error.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains(messagePart);
        assertThat(a.events().drain(QUIET)).isEmpty();
        a.client().close();
    }

    @Test
    void switchRefusalsAnswerEventHardwareErrorNamingTheProblem() {
        assertHardwareError("7004", "0655555555", 42, "REMOTE_DESTINATION_LIMIT_EXCEEDED", "limit for owner 'dave' is 2");
        assertHardwareError("7002", "6002", 1145, "NUMBER_IS_SWITCH_DN", "is a directory number of the switch");
        assertHardwareError("7002", "12ab", 71, "NOT_REACHABLE", "does not match the external dial plan");
        assertHardwareError("7002", "0611111111", 42, "DUPLICATE_REMOTE_DESTINATION", "already a remote destination of device CTIRDalice");
        assertThat(destinations("CTIRDdave", false)).containsExactly("0644444441", "0144444442");
        assertThat(destinations("CTIRDbob", false)).isEmpty();
    }

    @Test
    void aFailedActivationLeavesThePreviousControllerAndDestination() {
        Agent a = t.agent("desk-a");
        Agent b = t.agent("desk-b");
        extend(a, "7002", BOB_MOBILE, "Bob mobile");
        a.events().skipTo(EVENT_DN_BACK_IN_SERVICE, WAIT);

        extend(b, "7002", "6001", null);
        expect(b.events().next(WAIT), EVENT_REGISTERED, "7002");
        io.tandem.server.Events.error(b.events().next(WAIT), EVENT_HARDWARE_ERROR, 1145);
        assertThat(a.events().drain(QUIET)).isEmpty();
        assertThat(destinations("CTIRDbob", true)).containsExactly(BOB_MOBILE);

        b.client().unregisterAddress("7002").join();
        expect(b.events().next(WAIT), EVENT_UNREGISTERED, "7002");
        assertThat(destinations("CTIRDbob", true)).as("b never controlled it").containsExactly(BOB_MOBILE);
        a.client().unregisterAddress("7002").join();
        assertThat(destinations("CTIRDbob", false)).isEmpty();
    }

    @Test
    void preProvisionedDestinationWorksWhenTheLimitIsReached() {
        Agent a = t.agent("desk-a");
        extend(a, "7004", "0144444442", "home");
        expect(a.events().next(WAIT), EVENT_REGISTERED, "7004");
        extensionsAre(expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7004"), "REMOTE_DEST", "0144444442", "REMOTE_NAME", "home");
    }

    @Test
    void switchSideOutOfServiceWhileExtended() {
        Agent a = t.agent("desk-a");
        extend(a, "7002", BOB_MOBILE, "Bob mobile");
        a.events().skipTo(EVENT_DN_BACK_IN_SERVICE, WAIT);

        assertThat(t.post("/api/switch/devices/CTIRDbob/out-of-service", null).status()).isEqualTo(200);
        extensionsAre(expect(a.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7002"), "OOS_REASON", "DeviceOutOfService");
        assertThat(t.post("/api/switch/devices/CTIRDbob/in-service", null).status()).isEqualTo(200);
        Message back = expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");
        referenceIs(back, null);
        extensionsAre(back, "REMOTE_DEST", BOB_MOBILE, "REMOTE_NAME", "Bob mobile");
        assertThat(a.events().drain(QUIET)).isEmpty();
    }

    @Test
    void activationWhileTheDeviceIsOutOfServiceWaitsForTheDevice() {
        t.post("/api/switch/devices/CTIRDbob/out-of-service", null);
        Agent a = t.agent("desk-a");
        extend(a, "7002", BOB_MOBILE, null);
        extensionsAre(expect(a.events().next(WAIT), EVENT_REGISTERED, "7002"),
                "SERVICE_STATE", "OutOfService", "OOS_REASON", "DeviceOutOfService");
        assertThat(a.events().drain(QUIET)).isEmpty();

        t.post("/api/switch/devices/CTIRDbob/in-service", null);
        extensionsAre(expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002"), "REMOTE_DEST", BOB_MOBILE, "REMOTE_NAME", BOB_MOBILE);
    }

    @Test
    void callsToARemoteTerminalGetDestinationBusyUnlessExtended() {
        JsonNode busy = t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"7002\"}").body();
        assertThat(busy.get("state").asText()).isEqualTo("FAILED");
        assertThat(busy.get("cause").asText()).isEqualTo("USER_BUSY");

        Agent a = t.agent("desk-a");
        extend(a, "7002", BOB_MOBILE, null);
        a.events().skipTo(EVENT_DN_BACK_IN_SERVICE, WAIT);
        JsonNode ringing = t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"7002\"}").body();
        assertThat(ringing.get("state").asText()).isEqualTo("ALERTING");
        assertThat(ringing.get("alerting").asText()).as("only the active remote destination rings").isEqualTo(BOB_MOBILE);
        JsonNode answered = t.post("/api/switch/parties/" + BOB_MOBILE + "/answer", null).body();
        assertThat(answered.get("state").asText()).isEqualTo("CONNECTED");
        JsonNode ended = t.post("/api/switch/parties/0698765432/hangup", null).body();
        assertThat(ended.get("state").asText()).isEqualTo("DISCONNECTED");
        assertThat(ended.get("cause").asText()).isEqualTo("NORMAL_CLEARING");

        a.client().unregisterAddress("7002").join();
        assertThat(t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"7002\"}").body().get("cause").asText())
                .isEqualTo("USER_BUSY");
    }
}
