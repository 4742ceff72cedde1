package io.tandem.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.Events;

/** Building call requests and checking call events, for the call tests. */
public final class CallAsserts {

    private CallAsserts() {
    }

    /** A request of {@code type} on {@code dn}, with attribute name/value pairs. */
    public static Message request(MessageType type, String dn, Object... attributes) {
        Message.Builder b = Message.builder(type).put(Attribute.THIS_DN, dn);
        for (int i = 0; i < attributes.length; i += 2) {
            b.put((Attribute) attributes[i], attributes[i + 1]);
        }
        return b.build();
    }

    /** Asserts a call event: type, ThisDN, ConnID (when given), OtherDN (when given) and CallType. */
    public static Message call(Message event, MessageType type, String dn, String connId, String otherDn, String callType) {
        Events.expect(event, type, dn);
        String actual = event.string(Attribute.CONN_ID).orElseThrow(() -> new AssertionError("no ConnID in " + event));
        assertThat(actual).as("ConnID of %s", event).matches("[0-9a-f]{16}");
        if (connId != null) {
            assertThat(actual).as("ConnID of %s", event).isEqualTo(connId);
        }
        if (otherDn != null) {
            assertThat(event.string(Attribute.OTHER_DN)).as("OtherDN of %s", event).contains(otherDn);
        }
        assertThat(event.string(Attribute.CALL_TYPE)).as("CallType of %s", event).contains(callType);
        assertThat(event.integer(Attribute.CALL_ID)).as("CallID of %s", event).isPresent();
        assertThat(Long.toHexString(event.integer(Attribute.CALL_ID).orElseThrow())).isNotEqualTo(actual);
        return event;
    }

    /** The ConnID of an event. */
    public static String connId(Message event) {
        return event.string(Attribute.CONN_ID).orElseThrow();
    }

    /** UserData pairs. */
    static KeyValueList data(String... pairs) {
        return KeyValueList.ofStrings(pairs);
    }
}
