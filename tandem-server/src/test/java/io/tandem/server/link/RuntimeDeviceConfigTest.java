package io.tandem.server.link;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.TandemClient;
import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.http.Router;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.config.DnType;
import io.tandem.server.config.TServerConfig;
import io.tandem.switchlink.DeviceType;
import io.tandem.switchlink.wire.RemoteSwitchConnector;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.config.SwitchConfig;
import io.tandem.ucm.config.SwitchConfigChange;
import io.tandem.ucm.link.LinkServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A device added to and removed from the switch at run time reaches a CTI server over the TCP switch link:
 * its DN goes onto it and can be extended at once, and its removal takes the DN out of service.
 */
class RuntimeDeviceConfigTest {

    private EventLoopGroup group;
    private Database switchDb;
    private Database serverDb;
    private EmbeddedSwitch sw;
    private RemoteSwitchConnector connector;
    private LinkServer linkServer;
    private TServer server;
    private TandemClient client;

    @BeforeEach
    void start() throws Exception {
        group = new NioEventLoopGroup(2);
        TandemHarness.Config config = TandemHarness.loadConfig("/test-config.yaml");
        switchDb = Database.open(DatabaseSettings.h2Memory("sw" + System.nanoTime()), "sw");
        serverDb = Database.open(DatabaseSettings.h2Memory("ts" + System.nanoTime()), "ts");
        sw = EmbeddedSwitch.start(config.switchConfig(), switchDb);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        linkServer = LinkServer.start(sw.links(), "127.0.0.1", port, Duration.ofSeconds(1), group, group);
        connector = new RemoteSwitchConnector("127.0.0.1", port, Duration.ofSeconds(1));
        server = TandemHarness.startServer(config.tserverConfig(), serverDb, connector, new Router());
        await().atMost(WAIT).until(() -> server.core().status().linkState() == LinkState.UP);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
        connector.close();
        linkServer.close();
        sw.close();
        switchDb.close();
        serverDb.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private String deviceOf(String dn) {
        return server.core().readAdmin(v -> v.dn(dn).device()).join();
    }

    @Test
    void aRemoteDeviceAddedAtRunTimeCarriesItsTerminalAndItsRemovalTakesTheTerminalOutOfService() {
        sw.changeConfiguration(new SwitchConfigChange.AddEndUser(new SwitchConfig.EndUser("zoe", "Zoe", true, null, null))).join();
        sw.changeConfiguration(new SwitchConfigChange.AddDevice(new SwitchConfig.Device("CTIRDzoe", DeviceType.CTI_REMOTE_DEVICE, null, "zoe",
                List.of("7005"), List.of(new SwitchConfig.RemoteDestination("Zoe mobile", "0655500005")), false, null),
                List.of("tandem"))).join();
        server.core().addDn(new TServerConfig.DnConfig("7005", DnType.Extension), dn -> { }).join();
        await().atMost(WAIT).until(() -> "CTIRDzoe".equals(deviceOf("7005")));

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
    void devicesThatCannotBeAddedOrRemovedAreRefusedNamingWhyAndNothingChanges() {
        assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddDevice(new SwitchConfig.Device("SEPdup", DeviceType.PHONE,
                "Cisco 8845", null, List.of("7001"), List.of(), false, null), List.of("tandem"))).join())
                .hasMessageContaining("DN 7001 is already on device CTIRDalice");
        assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddDevice(new SwitchConfig.Device("CTIRDerin",
                DeviceType.CTI_REMOTE_DEVICE, null, "erin", List.of("7009"), List.of(), false, null), List.of())).join())
                .hasMessageContaining("owner 'erin' does not have mobility enabled");
        assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddDevice(new SwitchConfig.Device("SEPx", DeviceType.PHONE,
                "Cisco 8845", null, List.of("6010"), List.of(), false, null), List.of("nobody"))).join())
                .hasMessageContaining("application user 'nobody' does not exist");
        assertThat(sw.device("SEPdup").handle((d, e) -> e).join()).as("not added").isNotNull();

        sw.placeCall("0690000001", "6002").join();
        assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.RemoveDevice("SEP000000006002")).join())
                .hasMessageContaining("device SEP000000006002 is on a call; hang up first");
        assertThat(deviceOf("6002")).isEqualTo("SEP000000006002");
    }
}
