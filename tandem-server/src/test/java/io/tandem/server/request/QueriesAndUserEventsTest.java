package io.tandem.server.request;

import static io.tandem.protocol.MessageType.EVENT_ATTACHED_DATA_CHANGED;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_ESTABLISHED;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.EVENT_SERVER_INFO;
import static io.tandem.protocol.MessageType.EVENT_SWITCH_INFO;
import static io.tandem.protocol.MessageType.EVENT_USER_EVENT;
import static io.tandem.server.Events.error;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.referenceIs;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RequestQueryServer, RequestQuerySwitch, RequestDistributeUserEvent and RequestDeletePair over TCP. */
class QueriesAndUserEventsTest extends HarnessTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    private Agent desk(String name, String... dns) {
        Agent agent = t.agent(name);
        for (String dn : dns) {
            agent.client().registerAddress(dn).join();
            expect(agent.events().next(WAIT), EVENT_REGISTERED, dn);
        }
        return agent;
    }

    private static Message answer(Agent agent, String json) {
        agent.client().sendRaw(json);
        return agent.events().next(WAIT);
    }

    @Test
    void queryServerListsEveryRequestItAnswersAndNoneOfThemIsUnsupported() {
        Agent desk = desk("desk", "6001");
        Message info = answer(desk, "{\"message\":\"RequestQueryServer\",\"ReferenceID\":3}");
        assertThat(info.type()).isEqualTo(EVENT_SERVER_INFO);
        referenceIs(info, 3L);
        assertThat(info.string(Attribute.SERVER)).contains("test-primary");
        assertThat(info.string(Attribute.SERVER_ROLE)).contains("primary");
        assertThat(info.string(Attribute.SERVER_VERSION)).isPresent();
        List<String> capabilities = List.of(info.extensions().getString("CAPABILITIES").orElseThrow().split(","));
        assertThat(capabilities).isEqualTo(t.server().core().requests().stream().map(r -> r.type().wireName()).toList())
                .contains("RequestAgentLogin", "RequestDistributeUserEvent", "RequestQueryServer", "RequestDeletePair", "RequestRouteCall",
                        "RequestSetDNDOn", "RequestCallForwardSet");

        long reference = 100;
        for (String request : capabilities) {
            Message answer = answer(desk, "{\"message\":\"" + request + "\",\"ReferenceID\":" + reference + ",\"ThisDN\":\"6001\"}");
            if (answer.type() == EVENT_ERROR) {
                assertThat(answer.integer(Attribute.ERROR_CODE).orElseThrow()).as("%s is answered", request).isNotEqualTo(51L);
            }
            desk.events().drain(Duration.ofMillis(100));
            reference++;
        }
    }

    @Test
    void querySwitchNamesTheSwitchAndItsLink() {
        Agent desk = desk("desk");
        Message info = answer(desk, "{\"message\":\"RequestQuerySwitch\",\"ReferenceID\":4}");
        assertThat(info.type()).isEqualTo(EVENT_SWITCH_INFO);
        referenceIs(info, 4L);
        assertThat(info.extensions().entries()).containsEntry("SWITCH_TYPE", "Cisco Unified Communications Manager")
                .containsEntry("SWITCH", "embedded switch").containsEntry("LINK_STATE", "UP");
    }

    @Test
    void aUserEventReachesEveryClientOfTheDnAndOnlyThem() {
        Agent desk = desk("desk", "6001");
        Agent wallboard = desk("wallboard", "6001");
        Agent elsewhere = desk("elsewhere", "6002");
        Message own = answer(desk, "{\"message\":\"RequestDistributeUserEvent\",\"ReferenceID\":5,\"ThisDN\":\"6001\","
                + "\"UserData\":{\"note\":\"customer is VIP\",\"level\":3}}");
        expect(own, EVENT_USER_EVENT, "6001");
        referenceIs(own, 5L);
        assertThat(own.kvList(Attribute.USER_DATA)).isEqualTo(KeyValueList.ofStrings("note", "customer is VIP").with("level", 3L));
        Message seen = expect(wallboard.events().next(WAIT), EVENT_USER_EVENT, "6001");
        assertThat(seen.referenceId()).isEmpty();
        assertThat(seen.kvList(Attribute.USER_DATA)).isEqualTo(own.kvList(Attribute.USER_DATA));
        assertThat(elsewhere.events().drain(QUIET)).isEmpty();

        error(answer(desk, "{\"message\":\"RequestDistributeUserEvent\",\"ReferenceID\":6,\"ThisDN\":\"6001\"}"), EVENT_ERROR, 53);
        error(answer(desk, "{\"message\":\"RequestDistributeUserEvent\",\"ReferenceID\":7,\"ThisDN\":\"6002\",\"UserData\":{\"a\":\"b\"}}"),
                EVENT_ERROR, 41);
        assertThat(wallboard.events().drain(QUIET)).isEmpty();
    }

    @Test
    void deletePairRemovesOneKeyAndAnUnknownKeyChangesNothing() {
        Agent desk = desk("desk", "6001");
        t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"6001\"}");
        String connId = expect(desk.events().next(WAIT), EVENT_RINGING, "6001").string(Attribute.CONN_ID).orElseThrow();
        desk.client().sendRaw("{\"message\":\"RequestAnswerCall\",\"ThisDN\":\"6001\",\"ConnID\":\"" + connId + "\"}");
        expect(desk.events().next(WAIT), EVENT_ESTABLISHED, "6001");
        desk.client().sendRaw("{\"message\":\"RequestAttachUserData\",\"ThisDN\":\"6001\",\"ConnID\":\"" + connId
                + "\",\"UserData\":{\"case\":\"42\",\"tier\":\"gold\"}}");
        expect(desk.events().next(WAIT), EVENT_ATTACHED_DATA_CHANGED, "6001");

        Message changed = answer(desk, "{\"message\":\"RequestDeletePair\",\"ReferenceID\":8,\"ThisDN\":\"6001\",\"ConnID\":\"" + connId
                + "\",\"Key\":\"case\"}");
        expect(changed, EVENT_ATTACHED_DATA_CHANGED, "6001");
        referenceIs(changed, 8L);
        assertThat(changed.kvList(Attribute.USER_DATA)).isEqualTo(KeyValueList.ofStrings("tier", "gold"));
        Message unknown = error(answer(desk, "{\"message\":\"RequestDeletePair\",\"ReferenceID\":9,\"ThisDN\":\"6001\",\"ConnID\":\"" + connId
                + "\",\"Key\":\"case\"}"), EVENT_ERROR, 53);
        assertThat(unknown.string(Attribute.ERROR_MESSAGE).orElseThrow()).isEqualTo("the UserData of ConnID " + connId + " has no key 'case'");
        error(answer(desk, "{\"message\":\"RequestDeletePair\",\"ReferenceID\":10,\"ThisDN\":\"6001\",\"ConnID\":\"" + connId + "\"}"), EVENT_ERROR, 53);
        error(answer(desk, "{\"message\":\"RequestDeletePair\",\"ReferenceID\":11,\"ThisDN\":\"6001\",\"ConnID\":\"nope\",\"Key\":\"tier\"}"),
                EVENT_ERROR, 56);
        assertThat(desk.events().drain(QUIET)).isEmpty();
    }
}
