package io.tandem.server.request;

import static io.tandem.server.request.Precondition.CLIENT_REGISTERED;
import static io.tandem.server.request.Precondition.ON_PRIMARY;
import static io.tandem.server.request.Precondition.SWITCH_LINK_UP;
import static io.tandem.server.request.Precondition.THIS_DN_REGISTERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.protocol.MessageType;
import io.tandem.server.HarnessTest;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One handler per request, each with the preconditions docs/architecture.md lists. */
class RequestHandlersTest extends HarnessTest {

    @Test
    void everyRequestHasOneHandlerWithItsDeclaredPreconditions() {
        Set<Precondition> verb = EnumSet.of(CLIENT_REGISTERED, ON_PRIMARY, THIS_DN_REGISTERED, SWITCH_LINK_UP);
        Set<Precondition> userData = EnumSet.of(CLIENT_REGISTERED, ON_PRIMARY, THIS_DN_REGISTERED);
        Map<MessageType, Set<Precondition>> expected = new LinkedHashMap<>();
        expected.put(MessageType.REQUEST_REGISTER_CLIENT, Set.of());
        expected.put(MessageType.REQUEST_REGISTER_ADDRESS, EnumSet.of(CLIENT_REGISTERED, SWITCH_LINK_UP));
        expected.put(MessageType.REQUEST_UNREGISTER_ADDRESS, EnumSet.of(CLIENT_REGISTERED));
        for (MessageType type : new MessageType[] {MessageType.REQUEST_MAKE_CALL, MessageType.REQUEST_ANSWER_CALL,
            MessageType.REQUEST_RELEASE_CALL, MessageType.REQUEST_HOLD_CALL, MessageType.REQUEST_RETRIEVE_CALL,
            MessageType.REQUEST_INITIATE_TRANSFER, MessageType.REQUEST_INITIATE_CONFERENCE, MessageType.REQUEST_COMPLETE_TRANSFER,
            MessageType.REQUEST_COMPLETE_CONFERENCE, MessageType.REQUEST_ALTERNATE_CALL, MessageType.REQUEST_RECONNECT_CALL,
            MessageType.REQUEST_SINGLE_STEP_TRANSFER, MessageType.REQUEST_SEND_DTMF, MessageType.REQUEST_REDIRECT_CALL, MessageType.REQUEST_CLEAR_CALL, MessageType.REQUEST_DELETE_FROM_CONFERENCE, MessageType.REQUEST_MUTE_TRANSFER,
            MessageType.REQUEST_SET_DND_ON, MessageType.REQUEST_SET_DND_OFF, MessageType.REQUEST_CALL_FORWARD_SET,
            MessageType.REQUEST_CALL_FORWARD_CANCEL, MessageType.REQUEST_ROUTE_CALL, MessageType.REQUEST_PRIVATE_SERVICE,
            MessageType.REQUEST_MONITOR_NEXT_CALL, MessageType.REQUEST_CANCEL_MONITORING, MessageType.REQUEST_SET_MUTE_ON,
            MessageType.REQUEST_SET_MUTE_OFF}) {
            expected.put(type, verb);
        }
        expected.put(MessageType.REQUEST_ATTACH_USER_DATA, userData);
        expected.put(MessageType.REQUEST_UPDATE_USER_DATA, userData);
        expected.put(MessageType.REQUEST_DELETE_USER_DATA, userData);
        expected.put(MessageType.REQUEST_DELETE_PAIR, userData);
        expected.put(MessageType.REQUEST_DISTRIBUTE_USER_EVENT, EnumSet.of(CLIENT_REGISTERED, THIS_DN_REGISTERED));
        expected.put(MessageType.REQUEST_QUERY_SERVER, EnumSet.of(CLIENT_REGISTERED));
        expected.put(MessageType.REQUEST_QUERY_SWITCH, EnumSet.of(CLIENT_REGISTERED));
        expected.put(MessageType.REQUEST_SET_INPUT_MASK, EnumSet.of(CLIENT_REGISTERED));
        expected.put(MessageType.REQUEST_REGISTER_ALL, EnumSet.of(CLIENT_REGISTERED));
        expected.put(MessageType.REQUEST_UNREGISTER_ALL, EnumSet.of(CLIENT_REGISTERED));
        expected.put(MessageType.REQUEST_QUERY_CALL, EnumSet.of(CLIENT_REGISTERED, THIS_DN_REGISTERED));
        expected.put(MessageType.REQUEST_QUERY_ADDRESS, EnumSet.of(CLIENT_REGISTERED));
        for (MessageType type : new MessageType[] {MessageType.REQUEST_AGENT_LOGIN, MessageType.REQUEST_AGENT_READY,
            MessageType.REQUEST_AGENT_NOT_READY, MessageType.REQUEST_AGENT_LOGOUT}) {
            expected.put(type, userData);
        }

        Map<MessageType, Set<Precondition>> registered = t.server().core().requests().stream()
                .collect(Collectors.toMap(RequestHandlers.Route::type, RequestHandlers.Route::preconditions));
        assertThat(registered).isEqualTo(expected);
    }

    @Test
    void aTypeIsRegisteredOnceAndOnlyRequestsAreRegistered() {
        RequestHandlers handlers = new RequestHandlers().register(MessageType.REQUEST_QUERY_ADDRESS, Set.of(), (c, r) -> { });
        assertThatThrownBy(() -> handlers.register(MessageType.REQUEST_QUERY_ADDRESS, Set.of(), (c, r) -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessage("REQUEST_QUERY_ADDRESS has a handler already");
        assertThatThrownBy(() -> handlers.register(MessageType.EVENT_ERROR, Set.of(), (c, r) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("EVENT_ERROR is not a request");
    }
}
