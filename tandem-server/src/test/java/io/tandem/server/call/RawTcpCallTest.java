package io.tandem.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.server.TandemHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A call driven with hand-written JSON lines over plain sockets, as a non-Java client would. */
class RawTcpCallTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A plain TCP client: writes lines, reads JSON lines. */
    private static final class RawClient implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        RawClient(int port) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void send(String json) throws Exception {
            out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        JsonNode read() throws Exception {
            return JSON.readTree(in.readLine());
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private static List<String> names(RawClient client, int count) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(client.read().get("message").asText());
        }
        return names;
    }

    @Test
    void anInternalCallOverRawJsonLines() throws Exception {
        try (TandemHarness t = TandemHarness.start();
                RawClient a = new RawClient(t.server().ctiPort());
                RawClient b = new RawClient(t.server().ctiPort())) {
            a.send("{\"message\":\"RequestRegisterClient\",\"ReferenceID\":1,\"ApplicationName\":\"raw-a\"}");
            b.send("{\"message\":\"RequestRegisterClient\",\"ReferenceID\":1,\"ApplicationName\":\"raw-b\"}");
            assertThat(names(a, 2)).containsExactly("EventServerConnected", "EventLinkConnected");
            assertThat(names(b, 2)).containsExactly("EventServerConnected", "EventLinkConnected");
            a.send("{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":2,\"ThisDN\":\"6001\"}");
            b.send("{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":2,\"ThisDN\":\"6002\"}");
            assertThat(names(a, 1)).containsExactly("EventRegistered");
            assertThat(names(b, 1)).containsExactly("EventRegistered");

            a.send("{\"message\":\"RequestMakeCall\",\"ReferenceID\":3,\"ThisDN\":\"6001\",\"OtherDN\":\"6002\"}");
            JsonNode dialing = a.read();
            assertThat(dialing.get("message").asText()).isEqualTo("EventDialing");
            assertThat(dialing.get("ReferenceID").asLong()).isEqualTo(3);
            String connId = dialing.get("ConnID").asText();
            JsonNode ringing = b.read();
            assertThat(ringing.get("message").asText()).isEqualTo("EventRinging");
            assertThat(ringing.get("ConnID").asText()).isEqualTo(connId);
            assertThat(ringing.get("OtherDN").asText()).isEqualTo("6001");
            assertThat(ringing.get("CallType").asText()).isEqualTo("Internal");

            b.send("{\"message\":\"RequestAnswerCall\",\"ReferenceID\":4,\"ThisDN\":\"6002\",\"ConnID\":\"" + connId + "\"}");
            JsonNode established = b.read();
            assertThat(established.get("message").asText()).isEqualTo("EventEstablished");
            assertThat(established.get("ReferenceID").asLong()).isEqualTo(4);
            assertThat(a.read().get("message").asText()).isEqualTo("EventEstablished");

            b.send("{\"message\":\"RequestReleaseCall\",\"ReferenceID\":5,\"ThisDN\":\"6002\",\"ConnID\":\"" + connId + "\"}");
            assertThat(b.read().get("ReferenceID").asLong()).isEqualTo(5);
            JsonNode released = a.read();
            assertThat(released.get("message").asText()).isEqualTo("EventReleased");
            assertThat(released.get("ConnID").asText()).isEqualTo(connId);
            assertThat(released.has("ReferenceID")).isFalse();

            a.send("{\"message\":\"RequestReleaseCall\",\"ReferenceID\":6,\"ThisDN\":\"6001\",\"ConnID\":\"" + connId + "\"}");
            JsonNode error = a.read();
            assertThat(error.get("message").asText()).isEqualTo("EventError");
            assertThat(error.get("ErrorCode").asInt()).isEqualTo(56);
        }
    }
}
