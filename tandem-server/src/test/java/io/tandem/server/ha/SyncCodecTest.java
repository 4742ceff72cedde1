package io.tandem.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.protocol.KeyValueList;
import io.tandem.server.call.CallReplica;
import io.tandem.server.call.LiveCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sync link's JSON lines: live calls with their UserData survive the round trip exactly. */
class SyncCodecTest {

    @Test
    void liveCallsKeepTheirUserDataThroughTheCodec() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("tier", "gold");
        nested.put("since", 2019L);
        KeyValueList data = new KeyValueList(Map.of("case", "42", "attempts", 3L, "customer", new KeyValueList(nested)));
        LiveCall call = new LiveCall(77, "019a8c3f2b000001", data);
        SyncMessage full = new SyncMessage.FullSync("calls", List.of(SyncCodec.toTree(call)));

        String line = SyncCodec.encode(full);

        assertThat(line).endsWith("\n").doesNotContain("entries");
        SyncMessage.FullSync decoded = (SyncMessage.FullSync) SyncCodec.decode(line.trim());
        assertThat(decoded.part()).isEqualTo("calls");
        assertThat(decoded.items()).hasSize(1);
        assertThat(SyncCodec.fromTree(decoded.items().get(0), LiveCall.class)).isEqualTo(call);
        CallReplica.Change change = new CallReplica.Change(78, new LiveCall(78, "019a8c3f2b000002", KeyValueList.EMPTY));
        SyncMessage.Change message = (SyncMessage.Change) SyncCodec.decode(
                SyncCodec.encode(new SyncMessage.Change("calls", 7, 1234, SyncCodec.toTree(change))).trim());
        assertThat(message.sequence()).isEqualTo(7);
        assertThat(SyncCodec.fromTree(message.change(), CallReplica.Change.class)).isEqualTo(change);
        CallReplica.Change ended = new CallReplica.Change(78, null);
        assertThat(SyncCodec.fromTree(SyncCodec.toTree(ended), CallReplica.Change.class)).isEqualTo(ended);
    }

    @Test
    void userDataThatIsNotStringsIntegersOrObjectsIsRefusedWithTheKeyNamed() {
        SyncMessage.Change scored = (SyncMessage.Change) SyncCodec.decode("{\"type\":\"change\",\"part\":\"calls\",\"sequence\":1,"
                + "\"sentAt\":0,\"change\":{\"callId\":1,\"call\":{\"callId\":1,\"connId\":\"c\",\"userData\":{\"score\":1.5}}}}");
        assertThatThrownBy(() -> SyncCodec.fromTree(scored.change(), CallReplica.Change.class))
                .isInstanceOf(SyncProtocolException.class).hasMessageContaining("value of 'score' must be a string, an integer or an object");
        SyncMessage.Change noConnId = (SyncMessage.Change) SyncCodec.decode("{\"type\":\"change\",\"part\":\"calls\",\"sequence\":1,"
                + "\"sentAt\":0,\"change\":{\"callId\":1,\"call\":{\"callId\":1,\"connId\":\"\"}}}");
        assertThatThrownBy(() -> SyncCodec.fromTree(noConnId.change(), CallReplica.Change.class))
                .isInstanceOf(SyncProtocolException.class).hasMessageContaining("a live call needs a ConnID");
    }
}
