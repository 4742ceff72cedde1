package io.tandem.server.link;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_LINK_CONNECTED;
import static io.tandem.protocol.MessageType.EVENT_LINK_DISCONNECTED;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_SERVER_CONNECTED;
import static io.tandem.server.Events.error;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.Events.referenceIs;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.TandemClient;
import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.http.Router;
import io.tandem.protocol.Message;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.config.DnType;
import io.tandem.server.config.TServerConfig;
import io.tandem.switchlink.DeviceType;
import io.tandem.switchlink.LinkCredentials;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLinkListener;
import io.tandem.switchlink.wire.RemoteSwitchConnector;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.config.SwitchConfig;
import io.tandem.ucm.config.SwitchConfigChange;
import io.tandem.ucm.link.LinkServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CTI server using a separately running switch over the TCP switch link: link loss, requests while it
 * is down, and recovery with the remote destinations set again.
 */
class RemoteSwitchLinkTest {

    private static final Duration BEAT = Duration.ofMillis(200);

    private EventLoopGroup group;
    private Database switchDb;
    private Database serverDb;
    private EmbeddedSwitch sw;
    private RemoteSwitchConnector connector;
    private LinkServer linkServer;
    private TServer server;
    private TandemClient client;
    private int port;

    @BeforeEach
    void start() throws IOException {
        group = new NioEventLoopGroup(2);
        TandemHarness.Config config = TandemHarness.loadConfig("/test-config.yaml");
        switchDb = Database.open(DatabaseSettings.h2Memory("sw" + System.nanoTime()), "sw");
        serverDb = Database.open(DatabaseSettings.h2Memory("ts" + System.nanoTime()), "ts");
        sw = EmbeddedSwitch.start(config.switchConfig(), switchDb);
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        connector = new RemoteSwitchConnector("127.0.0.1", port, BEAT);
        server = TandemHarness.startServer(config.tserverConfig(), serverDb, connector, new Router());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
        connector.close();
        if (linkServer != null) {
            linkServer.close();
        }
        sw.close();
        switchDb.close();
        serverDb.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private void startLinkServer() throws InterruptedException {
        linkServer = LinkServer.start(sw.links(), "127.0.0.1", port, BEAT, group, group);
    }

    private void stopSwitchLinks() {
        linkServer.close();
        sw.links().onSwitchThread(() -> sw.links().closeAll("switch stopped")).join();
    }

    @Test
    void linkLossAndRecoveryRestoreTheRemoteDestination() throws Exception {
        EventCollector events = new EventCollector();
        client = TandemClient.connectUnregistered(ClientOptions.tcp("127.0.0.1", server.ctiPort(), "desk"));
        client.addListener(events);
        client.sendRaw("{\"message\":\"RequestRegisterClient\",\"ApplicationName\":\"desk\"}");
        events.next(EVENT_SERVER_CONNECTED, WAIT);
        client.sendRaw("{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":5,\"ThisDN\":\"7002\"}");
        Message noSwitch = error(events.next(WAIT), EVENT_ERROR, 54);
        referenceIs(noSwitch, 5L);

        startLinkServer();
        events.next(EVENT_LINK_CONNECTED, WAIT);
        client.registerAddress("7002", ext("REMOTE_DEST", "0622222222", "REMOTE_NAME", "Bob")).join();
        expect(events.next(WAIT), EVENT_REGISTERED, "7002");
        extensionsAre(expect(events.next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002"), "REMOTE_DEST", "0622222222", "REMOTE_NAME", "Bob");

        stopSwitchLinks();
        events.next(EVENT_LINK_DISCONNECTED, WAIT);
        extensionsAre(expect(events.next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7002"), "OOS_REASON", "LinkDown");
        assertThat(sw.device("CTIRDbob").join().remoteDestinations()).as("the switch cleared the link's active destination")
                .allMatch(rd -> !rd.active());
        client.sendRaw("{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":6,\"ThisDN\":\"6001\"}");
        error(events.next(WAIT), EVENT_ERROR, 54);

        startLinkServer();
        events.next(EVENT_LINK_CONNECTED, WAIT);
        Message back = expect(events.next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");
        referenceIs(back, null);
        extensionsAre(back, "REMOTE_DEST", "0622222222", "REMOTE_NAME", "Bob");
        assertThat(sw.device("CTIRDbob").join().remoteDestinations()).anyMatch(rd -> rd.active() && rd.number().equals("0622222222"));
    }

    /** A registered client whose every event, from EventServerConnected on, goes to {@code events}. */
    private TandemClient connected(String name, EventCollector events) {
        TandemClient c = TandemClient.connectUnregistered(ClientOptions.tcp("127.0.0.1", server.ctiPort(), name));
        c.addListener(events);
        c.sendRaw("{\"message\":\"RequestRegisterClient\",\"ApplicationName\":\"" + name + "\"}");
        events.next(EVENT_SERVER_CONNECTED, WAIT);
        events.next(EVENT_LINK_CONNECTED, WAIT);
        return c;
    }

    @Test
    void everyActivationOverTheTcpLinkIsAnsweredInOrder() throws Exception {
        startLinkServer();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> server.core().status().linkState() == LinkState.UP);
        EventCollector events = new EventCollector();
        EventCollector monitorEvents = new EventCollector();
        client = connected("desk", events);
        try (TandemClient monitor = connected("monitor", monitorEvents)) {
            monitor.registerAddress("7002").join();
            monitorEvents.next(EVENT_REGISTERED, WAIT);
            for (int i = 0; i < 200; i++) {
                String dest = "06" + String.format("%08d", i);
                long ref = client.registerAddress("7002", ext("REMOTE_DEST", dest)).join().referenceId().orElseThrow();
                expect(events.next(WAIT), EVENT_REGISTERED, "7002");
                Message back = expect(events.next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");
                referenceIs(back, ref);
                extensionsAre(back, "REMOTE_DEST", dest, "REMOTE_NAME", dest);
                extensionsAre(expect(monitorEvents.next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002"), "REMOTE_DEST", dest, "REMOTE_NAME", dest);
                client.unregisterAddress("7002").join();
                expect(events.next(WAIT), io.tandem.protocol.MessageType.EVENT_UNREGISTERED, "7002");
                extensionsAre(expect(monitorEvents.next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7002"), "OOS_REASON", "NotExtended");
            }
        }
        assertThat(events.drain(Duration.ofMillis(300))).isEmpty();
        assertThat(sw.device("CTIRDbob").join().remoteDestinations()).isEmpty();
    }

    @Test
    void callsWorkOverTheTcpSwitchLink() throws Exception {
        startLinkServer();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> server.core().status().linkState() == LinkState.UP);
        EventCollector events = new EventCollector();
        client = connected("desk", events);
        client.registerAddress("6001").join();
        client.registerAddress("6002").join();
        events.next(EVENT_REGISTERED, WAIT);
        events.next(EVENT_REGISTERED, WAIT);
        Message dialing = client.request(Message.builder(io.tandem.protocol.MessageType.REQUEST_MAKE_CALL)
                .put(io.tandem.protocol.Attribute.THIS_DN, "6001").put(io.tandem.protocol.Attribute.OTHER_DN, "6002").build()).join();
        String connId = dialing.string(io.tandem.protocol.Attribute.CONN_ID).orElseThrow();
        assertThat(events.next(WAIT).name()).isEqualTo("EventDialing");
        assertThat(events.next(WAIT).name()).isEqualTo("EventRinging");
        client.request(Message.builder(io.tandem.protocol.MessageType.REQUEST_ANSWER_CALL).put(io.tandem.protocol.Attribute.THIS_DN, "6002")
                .put(io.tandem.protocol.Attribute.CONN_ID, connId).build()).join();
        assertThat(events.next(WAIT).name()).isEqualTo("EventEstablished");
        assertThat(events.next(WAIT).name()).isEqualTo("EventEstablished");
        client.sendRaw("{\"message\":\"RequestRetrieveCall\",\"ReferenceID\":9001,\"ThisDN\":\"6001\",\"ConnID\":\"" + connId + "\"}");
        Message refused = error(events.next(WAIT), EVENT_ERROR, 506);
        assertThat(refused.string(io.tandem.protocol.Attribute.ERROR_MESSAGE).orElseThrow()).contains("not HELD");
        client.request(Message.builder(io.tandem.protocol.MessageType.REQUEST_RELEASE_CALL).put(io.tandem.protocol.Attribute.THIS_DN, "6001")
                .put(io.tandem.protocol.Attribute.CONN_ID, connId).build()).join();
        assertThat(events.next(WAIT).name()).isEqualTo("EventReleased");
        assertThat(events.next(WAIT).name()).isEqualTo("EventReleased");
        assertThat(sw.calls().join()).isEmpty();
    }

    @Test
    void wrongCredentialsAreRefusedByTheSwitch() throws Exception {
        startLinkServer();
        SwitchLinkListener ignore = new SwitchLinkListener() {
            @Override
            public void onEvent(SwitchEvent event) {
            }

            @Override
            public void onClosed(String reason) {
            }
        };
        assertThatThrownBy(() -> connector.open(new LinkCredentials("tandem", "wrong"), ignore).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SwitchException.class)
                .satisfies(e -> assertThat(((SwitchException) e.getCause()).error()).isEqualTo(SwitchError.AUTHENTICATION_FAILED));
    }

    // ---- devices added and removed at run time reach the CTI server over the TCP link ----

    private String deviceOf(String dn) {
        return server.core().readAdmin(v -> v.dn(dn).device()).join();
    }

    @Test
    void aRemoteDeviceAddedAtRunTimeCarriesItsTerminalAndItsRemovalTakesTheTerminalOutOfService() throws Exception {
        startLinkServer();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> server.core().status().linkState() == LinkState.UP);
        sw.changeConfiguration(new SwitchConfigChange.AddEndUser(new SwitchConfig.EndUser("zoe", "Zoe", true, null, null))).join();
        sw.changeConfiguration(new SwitchConfigChange.AddDevice(new SwitchConfig.Device("CTIRDzoe", DeviceType.CTI_REMOTE_DEVICE, null, "zoe",
                List.of("7005"), List.of(new SwitchConfig.RemoteDestination("Zoe mobile", "0655500005")), false, null),
                List.of("tandem"))).join();
        server.core().addDn(new TServerConfig.DnConfig("7005", DnType.Extension), dn -> { }).join();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> "CTIRDzoe".equals(deviceOf("7005")));

        EventCollector events = new EventCollector();
        client = TandemClient.connect(ClientOptions.tcp("127.0.0.1", server.ctiPort(), "desk"));
        client.addListener(events);
        client.registerAddress("7005", ext("REMOTE_DEST", "0655500005", "REMOTE_NAME", "Zoe mobile")).join();
        expect(events.skipTo(EVENT_REGISTERED, WAIT), EVENT_REGISTERED, "7005");
        extensionsAre(expect(events.next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7005"), "REMOTE_DEST", "0655500005", "REMOTE_NAME", "Zoe mobile");

        sw.changeConfiguration(new SwitchConfigChange.RemoveDevice("CTIRDzoe")).join();
        extensionsAre(expect(events.next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7005"), "OOS_REASON", "DeviceNotFound");
        assertThat(deviceOf("7005")).isNull();
    }

    @Test
    void devicesThatCannotBeAddedOrRemovedAreRefusedNamingWhyAndNothingChanges() throws Exception {
        startLinkServer();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> server.core().status().linkState() == LinkState.UP);
        assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddDevice(new SwitchConfig.Device("SEPdup", DeviceType.PHONE,
                "Cisco 8845", null, List.of("7001"), List.of(), false, null), List.of("tandem"))).join())
                .hasMessageContaining("DN 7001 is already on device CTIRDalice");
        assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddDevice(new SwitchConfig.Device("CTIRDerin",
                DeviceType.CTI_REMOTE_DEVICE, null, "erin", List.of("7009"), List.of(), false, null), List.of())).join())
                .hasMessageContaining("owner 'erin' does not have mobility enabled");
        assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddDevice(new SwitchConfig.Device("SEPx", DeviceType.PHONE,
                "Cisco 8845", null, List.of("6010"), List.of(), false, null), List.of("nobody"))).join())
                .hasMessageContaining("application user 'nobody' does not exist");
        Throwable notAdded = sw.device("SEPdup").handle((d, e) -> e).join();
        assertThat(notAdded).as("not added").isNotNull();
        assertThat(io.tandem.switchlink.SwitchException.unwrap(notAdded).error()).isEqualTo(SwitchError.DEVICE_NOT_FOUND);

        sw.placeCall("0690000001", "6002").join();
        assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.RemoveDevice("SEP000000006002")).join())
                .hasMessageContaining("device SEP000000006002 is on a call; hang up first");
        assertThat(deviceOf("6002")).isEqualTo("SEP000000006002");
    }
}
