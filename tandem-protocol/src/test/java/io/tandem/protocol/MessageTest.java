package io.tandem.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The immutable message value. */
class MessageTest {

    @Test
    void knownAttributesMustHaveTheirKind() {
        assertThatThrownBy(() -> Message.builder(MessageType.EVENT_REGISTERED).put(Attribute.THIS_DN, 7001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ThisDN must be a string");
        assertThatThrownBy(() -> Message.builder(MessageType.EVENT_REGISTERED).put(Attribute.REFERENCE_ID, "1"))
                .hasMessageContaining("ReferenceID must be an integer");
    }

    @Test
    void withAndWithoutReturnCopies() {
        Message m = Message.builder(MessageType.EVENT_REGISTERED).put(Attribute.THIS_DN, "7001").build();
        Message withRef = m.with(Attribute.REFERENCE_ID, 4L);
        assertThat(m.referenceId()).isEmpty();
        assertThat(withRef.referenceId()).contains(4L);
        assertThat(withRef.without(Attribute.REFERENCE_ID)).isEqualTo(m);
        assertThatThrownBy(() -> m.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBuilderUsedAgainAfterBuildingLeavesTheBuiltMessageAsItWas() {
        Message.Builder builder = Message.builder(MessageType.EVENT_REGISTERED).put(Attribute.THIS_DN, "7001");
        Message first = builder.build();
        Message second = builder.put(Attribute.REFERENCE_ID, 9L).putRaw("Custom", "x").build();

        assertThat(first.attributes()).containsExactly(java.util.Map.entry("ThisDN", "7001"));
        assertThat(second.attributes()).containsExactly(java.util.Map.entry("ThisDN", "7001"), java.util.Map.entry("ReferenceID", 9L),
                java.util.Map.entry("Custom", "x"));
        assertThat(first.toBuilder().put(Attribute.THIS_DN, "7002").build().thisDn()).isEqualTo("7002");
        assertThat(first.thisDn()).as("a builder from a message works on its own copy").isEqualTo("7001");
        assertThat(first.without(Attribute.REFERENCE_ID)).as("nothing to remove: the same message").isSameAs(first);
        assertThat(first).isEqualTo(new Message(MessageType.EVENT_REGISTERED, "EventRegistered", java.util.Map.of("ThisDN", "7001")));
    }

    @Test
    void rawAttributesAreCheckedAsTheyArePut() {
        Message.Builder builder = Message.builder(MessageType.EVENT_REGISTERED);
        assertThatThrownBy(() -> builder.putRaw("ThisDN", 7001L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ThisDN must be a string");
        assertThatThrownBy(() -> builder.putRaw("Custom", null)).isInstanceOf(NullPointerException.class).hasMessage("Custom");
        assertThat(builder.putRaw("ReferenceID", 3).build().referenceId()).as("an int widened").contains(3L);
    }

    @Test
    void typesKnowTheirTLibraryIdsAndUnknownNames() {
        assertThat(MessageType.EVENT_DN_OUT_OF_SERVICE.id()).isEqualTo(147);
        assertThat(MessageType.EVENT_DN_BACK_IN_SERVICE.id()).isEqualTo(148);
        assertThat(MessageType.EVENT_HARDWARE_ERROR.id()).isEqualTo(117);
        assertThat(MessageType.fromWireName("RequestRegisterAddress")).isEqualTo(MessageType.REQUEST_REGISTER_ADDRESS);
        assertThat(MessageType.fromWireName("RequestSendDTMF")).isEqualTo(MessageType.REQUEST_SEND_DTMF);
        assertThat(MessageType.fromWireName("Bogus")).isEqualTo(MessageType.UNKNOWN);
        assertThat(MessageType.REQUEST_MAKE_CALL.isRequest()).isTrue();
        assertThat(MessageType.EVENT_RINGING.isRequest()).isFalse();
    }
}
