package io.tandem.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.protocol.KeyValueList;
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
        SyncMessage full = new SyncMessage.FullSync(List.of(), List.of(new LiveCall(77, "019a8c3f2b000001", data)));

        String line = SyncCodec.encode(full);

        assertThat(line).endsWith("\n").doesNotContain("entries");
        assertThat(SyncCodec.decode(line.trim())).isEqualTo(full);
        SyncMessage change = new SyncMessage.Call(new LiveCall(78, "019a8c3f2b000002", KeyValueList.EMPTY), 1234);
        assertThat(SyncCodec.decode(SyncCodec.encode(change).trim())).isEqualTo(change);
        assertThat(SyncCodec.decode(SyncCodec.encode(new SyncMessage.CallEnded(78, 99)).trim())).isEqualTo(new SyncMessage.CallEnded(78, 99));
    }

    @Test
    void userDataThatIsNotStringsIntegersOrObjectsIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> SyncCodec.decode("{\"type\":\"call\",\"call\":{\"callId\":1,\"connId\":\"c\",\"userData\":{\"score\":1.5}},\"sentAt\":0}"))
                .isInstanceOf(SyncProtocolException.class).hasMessageContaining("value of 'score' must be a string, an integer or an object");
        assertThatThrownBy(() -> SyncCodec.decode("{\"type\":\"call\",\"call\":{\"callId\":1,\"connId\":\"\"},\"sentAt\":0}"))
                .isInstanceOf(SyncProtocolException.class).hasMessageContaining("a live call needs a ConnID");
    }
}
