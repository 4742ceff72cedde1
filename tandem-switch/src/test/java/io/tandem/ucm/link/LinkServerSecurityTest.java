package io.tandem.ucm.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.net.ConnectionLimits;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.SwitchFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The link port before a link is open (security-probe D4, D14): a long line is not buffered, wrong passwords slow
 * the address down, a silent connection is closed at the deadline.
 */
class LinkServerSecurityTest {

    private Database db;
    private EmbeddedSwitch sw;
    private NioEventLoopGroup group;
    private LinkServer server;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(DatabaseSettings.h2Memory("ls" + System.nanoTime()), "test");
        sw = EmbeddedSwitch.start(SwitchFixtures.standard(), db);
        group = new NioEventLoopGroup(1);
        server = LinkServer.start(sw.links(), "127.0.0.1", 0, Duration.ofSeconds(1),
                ConnectionLimits.LINK.withDeadline(Duration.ofMillis(800)), Clock.systemUTC(), null, group, group);
    }

    @AfterEach
    void stop() {
        server.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        sw.close();
        db.close();
    }

    /** Sends {@code bytes} on a fresh connection and returns every line the switch sends until it closes. */
    private List<String> exchange(byte[] bytes) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.contains("\"ping\"")) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private List<String> open(String password) throws Exception {
        return exchange(("{\"t\":\"open\",\"applicationUser\":\"app1\",\"password\":\"" + password + "\"}\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLongLineBeforeOpeningClosesTheConnection() throws Exception {
        byte[] line = new byte[LinkServer.MAX_LINE_BEFORE_OPEN + 1000];
        java.util.Arrays.fill(line, (byte) 'x');
        assertThat(exchange(line)).as("closed without an answer").isEmpty();
    }

    @Test
    void aSilentConnectionIsClosedAtTheDeadline() throws Exception {
        assertThat(exchange(new byte[0])).isEmpty();
    }

    @Test
    void wrongPasswordsMakeTheAddressWait() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(open("wrong" + i)).singleElement().asString().contains("\"t\":\"refused\"", "AUTHENTICATION_FAILED",
                    "application user 'app1' unknown or wrong password");
        }
        assertThat(open("one")).singleElement().asString().contains("AUTHENTICATION_FAILED",
                "too many failed opens from 127.0.0.1; try again in 1 s");
    }

    @Test
    void aRequestWithMoreDestinationsThanAllowedIsRefusedWholeOnTheWire() throws Exception {
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i <= io.tandem.switchlink.SwitchLink.MAX_ACTIVE_DESTINATIONS; i++) {
            changes.append(i == 0 ? "" : ",").append("{\"device\":\"CTIRDalice\",\"number\":\"0611111111\",\"active\":true}");
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("{\"t\":\"open\",\"applicationUser\":\"app1\",\"password\":\"one\"}\n"
                    + "{\"t\":\"setActiveRemoteDestinations\",\"id\":5,\"changes\":[" + changes + "]}\n").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String answer = in.readLine();
            while (answer != null && !answer.contains("\"id\":5")) {
                assertThat(answer).as("nothing but the open and pings before the answer").containsAnyOf("\"opened\"", "\"ping\"");
                answer = in.readLine();
            }
            assertThat(answer).isEqualTo("{\"t\":\"failed\",\"id\":5,\"error\":\"INVALID_ARGUMENT\","
                    + "\"message\":\"1001 remote destinations in one request; at most 1000\"}");
        }
        assertThat(sw.device("CTIRDalice").join().remoteDestinations()).as("nothing set active")
                .noneMatch(io.tandem.switchlink.RemoteDestination::active);
    }
}
