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
