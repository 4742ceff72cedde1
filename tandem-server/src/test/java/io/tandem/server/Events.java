package io.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.util.Map;

/** Assertions on events, shared by the server tests. */
public final class Events {

    private Events() {
    }

    /** Extensions from key, value pairs. */
    public static KeyValueList ext(String... keysAndValues) {
        return KeyValueList.ofStrings(keysAndValues);
    }

    /** Asserts type and ThisDN, and returns the event. */
    public static Message expect(Message event, MessageType type, String thisDn) {
        assertThat(event.type()).as("event %s", event).isEqualTo(type);
        assertThat(event.thisDn()).as("ThisDN of %s", event).isEqualTo(thisDn);
        assertThat(event.integer(Attribute.EVENT_SEQUENCE_NUMBER)).as("EventSequenceNumber of %s", event).isPresent();
        assertThat(event.string(Attribute.TIME)).as("time of %s", event).isPresent();
        return event;
    }

    /** Asserts the event's Extensions are exactly {@code expected} (in any order). */
    public static void extensionsAre(Message event, String... keysAndValues) {
        assertThat(event.extensions().entries()).as("Extensions of %s", event)
                .containsExactlyInAnyOrderEntriesOf(ext(keysAndValues).entries());
    }

    /** Asserts the event carries {@code referenceId} (null: carries none). */
    public static void referenceIs(Message event, Long referenceId) {
        if (referenceId == null) {
            assertThat(event.referenceId()).as("ReferenceID of %s", event).isEmpty();
        } else {
            assertThat(event.referenceId()).as("ReferenceID of %s", event).contains(referenceId);
        }
    }

    /** Asserts an EventError / EventHardwareError with this code. */
    public static Message error(Message event, MessageType type, int code) {
        assertThat(event.type()).as("event %s", event).isEqualTo(type);
        assertThat(event.errorCode()).as("ErrorCode of %s", event).isEqualTo(code);
        assertThat(event.string(Attribute.ERROR_MESSAGE)).as("ErrorMessage of %s", event).isPresent();
        return event;
    }

    /** The extension map of an event. */
    public static Map<String, Object> extensions(Message event) {
        return event.extensions().entries();
    }
}
