package io.tandem.ucm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.db.PostgresTestServer;
import io.tandem.switchlink.LinkCredentials;
import io.tandem.switchlink.RemoteDestination;
import io.tandem.switchlink.SwitchLink;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.SwitchFixtures;
import io.tandem.ucm.config.SwitchConfig;
import io.tandem.ucm.config.SwitchConfigChange;
import io.tandem.ucm.link.RecordingListener;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The switch keeps its run-time state across restarts, on embedded H2 and on PostgreSQL. */
class SwitchStoreTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("h2", (Function<String, DatabaseSettings>) name -> DatabaseSettings.h2File(dir, name)),
                Arguments.of("postgresql", (Function<String, DatabaseSettings>) name -> PostgresTestServer.freshSchema()));
    }

    private static <T> T withSwitch(DatabaseSettings settings, SwitchConfig config, Function<EmbeddedSwitch, T> work) {
        try (Database db = Database.open(settings, "test"); EmbeddedSwitch sw = EmbeddedSwitch.start(config, db)) {
            return work.apply(sw);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRowTheSwitchNoLongerHasDoesNotBlockItsNumber(String name, Function<String, DatabaseSettings> database) {
        DatabaseSettings settings = database.apply("left-behind");
        SwitchConfig config = SwitchFixtures.standard();
        try (Database db = Database.open(settings, "test"); EmbeddedSwitch sw = EmbeddedSwitch.start(config, db)) {
            db.inTransaction("leave a row behind", c -> { // the database holds a number the switch does not
                try (var insert = c.prepareStatement(
                        "INSERT INTO sw_remote_destination (device_name, rd_number, rd_name, origin) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, "CTIRDalice");
                    insert.setString(2, "0655555555");
                    insert.setString(3, "Left behind");
                    insert.setString(4, "cti");
                    return insert.executeUpdate();
                }
            });
            SwitchLink link = sw.open(new LinkCredentials("app1", "one"), new RecordingListener()).join();
            link.addRemoteDestination("CTIRDbob", "Bob mobile", "0655555555", true).join();
            assertThat(sw.device("CTIRDbob").join().remoteDestinations()).containsExactly(new RemoteDestination("Bob mobile", "0655555555", true));
        }
        withSwitch(settings, config, sw -> {
            assertThat(sw.device("CTIRDbob").join().remoteDestinations()).as("the switch's row replaced the one left behind")
                    .containsExactly(new RemoteDestination("Bob mobile", "0655555555", false));
            assertThat(sw.device("CTIRDalice").join().remoteDestinations())
                    .containsExactly(new RemoteDestination("Alice mobile", "0611111111", false));
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void addedDestinationsAndServiceStatesSurviveARestart(String name, Function<String, DatabaseSettings> database) {
        DatabaseSettings settings = database.apply("restart");
        SwitchConfig config = SwitchFixtures.standard();
        withSwitch(settings, config, sw -> {
            SwitchLink link = sw.open(new LinkCredentials("app1", "one"), new RecordingListener()).join();
            link.addRemoteDestination("CTIRDbob", "Bob mobile", "0622222222", true).join();
            link.addRemoteDestination("CTIRDbob", "Bob home", "0122222222", false).join();
            link.removeRemoteDestination("CTIRDbob", "0122222222").join();
            return sw.setInService("SEP1", false).join();
        });
        withSwitch(settings, config, sw -> {
            assertThat(sw.device("CTIRDbob").join().remoteDestinations()).as("kept, but no longer active: no link owns it")
                    .containsExactly(new RemoteDestination("Bob mobile", "0622222222", false));
            assertThat(sw.device("SEP1").join().inService()).isFalse();
            assertThat(sw.device("CTIRDalice").join().remoteDestinations())
                    .containsExactly(new RemoteDestination("Alice mobile", "0611111111", false));
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void runTimeConfigurationChangesAreAppliedAtOnceAndKeptOverTheConfigurationFile(String name, Function<String, DatabaseSettings> database) {
        DatabaseSettings settings = database.apply("changes");
        SwitchConfig config = SwitchFixtures.standard();
        withSwitch(settings, config, sw -> {
            assertThat(sw.changeConfiguration(new SwitchConfigChange.AddRemoteDestination("CTIRDbob", "Bob mobile", "0622222222")).join())
                    .isEqualTo("remote destination 0622222222 added to CTIRDbob");
            assertThat(sw.device("CTIRDbob").join().remoteDestinations()).contains(new RemoteDestination("Bob mobile", "0622222222", false));
            assertThat(sw.changeConfiguration(new SwitchConfigChange.RemoveRemoteDestination("CTIRDalice", "0611111111")).join())
                    .isEqualTo("remote destination 0611111111 removed from CTIRDalice");
            assertThat(sw.device("CTIRDalice").join().remoteDestinations()).as("a destination of the configuration file, removed").isEmpty();
            assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddRemoteDestination("SEP1", null, "0633333333")).join())
                    .hasMessageContaining("device 'SEP1' is a phone, not a cti-remote-device");
            assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddRemoteDestination("CTIRDnobody", null, "0633333333")).join())
                    .hasMessageContaining("device 'CTIRDnobody' does not exist");
            assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddRemoteDestination("CTIRDbob", null, "0622222222")).join())
                    .hasMessageContaining("remote destination 0622222222 is already configured on device CTIRDbob");
            assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddRemoteDestination("CTIRDbob", null, "12")).join())
                    .hasMessageContaining("does not match the external dial plan");
            return null;
        });
        withSwitch(settings, config, sw -> {
            assertThat(sw.device("CTIRDbob").join().remoteDestinations()).containsExactly(new RemoteDestination("Bob mobile", "0622222222", false));
            assertThat(sw.device("CTIRDalice").join().remoteDestinations()).as("removed stays removed").isEmpty();
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void usersAndProfilesAddedAtRunTimeServeExtensionMobilityAtOnceAndAfterARestart(String name, Function<String, DatabaseSettings> database) {
        DatabaseSettings settings = database.apply("users");
        SwitchConfig config = SwitchFixtures.parse("""
                end-users:
                  - {id: john}
                application-users:
                  - {id: app1, password: one, em-proxy: true, controlled-devices: [SEP1]}
                device-profiles:
                  - {name: JohnProf, user: john, model: Cisco 7960, lines: ["8001"], default: true}
                devices:
                  - {name: SEP1, type: phone, model: Cisco 7960, extension-mobility: true}
                  - {name: SEP2, type: phone, model: Cisco 7960, extension-mobility: true}
                """, "users.yaml");
        withSwitch(settings, config, sw -> {
            sw.changeConfiguration(new SwitchConfigChange.AddEndUser(new SwitchConfig.EndUser("mary", "Mary", true, null, null))).join();
            sw.changeConfiguration(new SwitchConfigChange.AddDeviceProfile(new SwitchConfig.DeviceProfile("MaryProf", "mary", "Cisco 7960",
                    java.util.List.of("8002"), true, SwitchConfig.ProfileSettings.NONE), java.util.List.of("app1"))).join();
            sw.withExtensionMobility(em -> em.login("SEP2", "mary", null)).join();
            assertThat(sw.device("SEP2").join().lines()).containsExactly("8002");

            assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.RemoveDeviceProfile("MaryProf")).join())
                    .hasMessageContaining("device profile 'MaryProf' is in use on SEP2; log the user out first");
            assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.RemoveEndUser("john")).join())
                    .hasMessageContaining("end user 'john' has device profile JohnProf; remove the profile first");
            assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddEndUser(new SwitchConfig.EndUser("mary", null, false, null, null))).join())
                    .hasMessageContaining("end user 'mary' already exists");
            assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddDeviceProfile(new SwitchConfig.DeviceProfile("Other", "mary",
                    "Cisco 7960", java.util.List.of("8003"), true, SwitchConfig.ProfileSettings.NONE), java.util.List.of())).join())
                    .hasMessageContaining("end user 'mary' already has a default device profile, MaryProf");
            assertThatThrownBy(() -> sw.changeConfiguration(new SwitchConfigChange.AddDeviceProfile(new SwitchConfig.DeviceProfile("Ghost", "nobody",
                    "Cisco 7960", java.util.List.of("8004"), false, SwitchConfig.ProfileSettings.NONE), java.util.List.of())).join())
                    .hasMessageContaining("end user 'nobody' does not exist");
            assertThat(sw.withExtensionMobility(em -> em.config().deviceProfiles().size()).join()).as("refusals changed nothing").isEqualTo(2);
            sw.withExtensionMobility(em -> em.logout("SEP2")).join();
            return null;
        });
        withSwitch(settings, config, sw -> {
            sw.withExtensionMobility(em -> em.login("SEP1", "mary", null)).join();
            assertThat(sw.device("SEP1").join().lines()).as("mary and her profile survive the restart").containsExactly("8002");
            sw.withExtensionMobility(em -> em.logout("SEP1")).join();
            sw.changeConfiguration(new SwitchConfigChange.RemoveDeviceProfile("MaryProf")).join();
            sw.changeConfiguration(new SwitchConfigChange.RemoveEndUser("mary")).join();
            return null;
        });
        withSwitch(settings, config, sw -> {
            assertThat(sw.withExtensionMobility(em -> em.isUser("mary")).join()).isFalse();
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void devicesAddedAndRemovedAtRunTimeStaySoAfterARestart(String name, Function<String, DatabaseSettings> database) {
        DatabaseSettings settings = database.apply("devices");
        SwitchConfig config = SwitchFixtures.standard();
        withSwitch(settings, config, sw -> {
            sw.changeConfiguration(new SwitchConfigChange.AddDevice(new SwitchConfig.Device("SEPnew", io.tandem.switchlink.DeviceType.PHONE,
                    "Cisco 8845", null, java.util.List.of("6550"), java.util.List.of(), false, null), java.util.List.of("app1"))).join();
            sw.changeConfiguration(new SwitchConfigChange.RemoveDevice("SEP1")).join();
            return null;
        });
        withSwitch(settings, config, sw -> {
            assertThat(sw.device("SEPnew").join().lines()).containsExactly("6550");
            Throwable removed = sw.device("SEP1").handle((d, e) -> e).join();
            assertThat(removed).as("removed stays removed").isNotNull();
            assertThat(io.tandem.switchlink.SwitchException.unwrap(removed).error()).isEqualTo(io.tandem.switchlink.SwitchError.DEVICE_NOT_FOUND);
            SwitchLink link = sw.open(new LinkCredentials("app1", "one"), new RecordingListener()).join();
            assertThat(link.devices()).extracting(io.tandem.switchlink.DeviceSnapshot::name).contains("SEPnew").doesNotContain("SEP1");
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void extensionMobilityLoginsAreStoredAndForgottenWhenTheirPhoneGoes(String name, Function<String, DatabaseSettings> database) {
        DatabaseSettings settings = database.apply("em");
        SwitchConfig config = SwitchFixtures.parse("""
                end-users:
                  - {id: john}
                device-profiles:
                  - {name: JohnProf, user: john, model: Cisco 7960, lines: ["8001"], default: true, locale: French}
                devices:
                  - {name: SEP1, type: phone, model: Cisco 7960, extension-mobility: true}
                  - {name: SEP2, type: phone, model: Cisco 7960, extension-mobility: true}
                """, "em.yaml");
        try (Database db = Database.open(settings, "test")) {
            SwitchStore store = new SwitchStore(db);
            store.importConfig(config);
            SwitchWriter writer = new SwitchWriter(db, Runnable::run);
            store.writeWith(writer);
            Runnable none = () -> { };
            store.loggedIn(new io.tandem.ucm.em.EmLogin("SEP1", "john", "JohnProf", 1000, 61_000L), none);
            store.loggedIn(new io.tandem.ucm.em.EmLogin("SEP2", "john", "JohnProf", 2000, null), none);
            writer.collect(() -> store.loggedOut("SEP2", none)).join();
            writer.close();
            assertThat(store.logins()).containsExactly(new io.tandem.ucm.em.EmLogin("SEP1", "john", "JohnProf", 1000, 61_000L));
            assertThat(store.lastLogins()).containsEntry("SEP1", "john").containsEntry("SEP2", "john");
            assertThat(store.load().config().deviceProfiles().get(0).settings().locale()).isEqualTo("French");
            store.importConfig(SwitchFixtures.parse("""
                    end-users:
                      - {id: john}
                    device-profiles:
                      - {name: JohnProf, user: john, model: Cisco 7960, lines: ["8001"]}
                    devices:
                      - {name: SEP1, type: phone, model: Cisco 7960}
                    """, "em2.yaml"));
            assertThat(store.logins()).as("SEP1 no longer has Extension Mobility").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void doNotDisturbAndForwardAllSurviveARestartAndGoWithTheirDevicesAndDns(String name, Function<String, DatabaseSettings> database) {
        DatabaseSettings settings = database.apply("diversions");
        withSwitch(settings, SwitchFixtures.standard(), sw -> {
            SwitchLink link = sw.open(new LinkCredentials("app1", "one"), new RecordingListener()).join();
            link.setDoNotDisturb("SEP1", true).join();
            link.setForwardAll("6001", "0612345678").join();
            link.setForwardAll("7001", "6001").join();
            link.setForwardAll("7002", "6001").join();
            return link.setForwardAll("7002", null).join();
        });
        withSwitch(settings, SwitchFixtures.standard(), sw -> {
            assertThat(sw.device("SEP1").join().dnd()).isTrue();
            assertThat(sw.device("SEP1").join().forwardAll()).containsExactly(java.util.Map.entry("6001", "0612345678"));
            assertThat(sw.device("CTIRDalice").join().forwardAll()).containsExactly(java.util.Map.entry("7001", "6001"));
            assertThat(sw.device("CTIRDbob").join().forwardAll()).isEmpty();
            return null;
        });
        SwitchConfig withoutSep1 = SwitchFixtures.parse("""
                end-users:
                  - {id: alice, mobility: true}
                application-users:
                  - {id: app1, password: one, controlled-devices: [CTIRDalice]}
                devices:
                  - {name: CTIRDalice, type: cti-remote-device, owner: alice, lines: ["7001"]}
                  - {name: SEP9, type: phone, lines: ["6001"]}
                """, "moved.yaml");
        withSwitch(settings, withoutSep1, sw -> {
            assertThat(sw.device("SEP9").join().dnd()).as("DND was SEP1's, not its DN's").isFalse();
            assertThat(sw.device("SEP9").join().forwardAll()).as("the forward is the DN's").containsExactly(java.util.Map.entry("6001", "0612345678"));
            return null;
        });
        SwitchConfig without6001 = SwitchFixtures.parse("""
                end-users:
                  - {id: alice, mobility: true}
                application-users:
                  - {id: app1, password: one, controlled-devices: [CTIRDalice]}
                devices:
                  - {name: CTIRDalice, type: cti-remote-device, owner: alice, lines: ["7001"]}
                  - {name: SEP1, type: phone, lines: ["6002"]}
                """, "gone.yaml");
        withSwitch(settings, without6001, sw -> {
            assertThat(sw.device("SEP1").join().dnd()).as("SEP1's DND went when SEP1 left the configuration").isFalse();
            return null;
        });
        withSwitch(settings, withoutSep1, sw -> {
            assertThat(sw.device("SEP9").join().forwardAll()).as("dropped while 6001 was on no device or profile").isEmpty();
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void reimportDropsRunTimeDestinationsThatNoLongerFitTheConfiguration(String name, Function<String, DatabaseSettings> database) {
        DatabaseSettings settings = database.apply("reimport");
        withSwitch(settings, SwitchFixtures.standard(), sw -> {
            SwitchLink link = sw.open(new LinkCredentials("app1", "one"), new RecordingListener()).join();
            link.addRemoteDestination("CTIRDbob", "Bob mobile", "0622222222", false).join();
            return link.addRemoteDestination("CTIRDbob", "Bob office", "0133333333", false).join();
        });
        SwitchConfig changed = SwitchFixtures.parse("""
                end-users:
                  - {id: alice, mobility: true}
                  - {id: bob, mobility: true}
                application-users:
                  - {id: app1, password: one, controlled-devices: [CTIRDalice, CTIRDbob]}
                devices:
                  - name: CTIRDalice
                    type: cti-remote-device
                    owner: alice
                    lines: ["7001"]
                    remote-destinations:
                      - {name: Now Alice's, number: "0622222222"}
                  - {name: CTIRDbob, type: cti-remote-device, owner: bob, lines: ["7002"]}
                """, "changed.yaml");
        withSwitch(settings, changed, sw -> {
            assertThat(sw.device("CTIRDbob").join().remoteDestinations())
                    .containsExactly(new RemoteDestination("Bob office", "0133333333", false));
            assertThat(sw.device("CTIRDalice").join().remoteDestinations())
                    .containsExactly(new RemoteDestination("Now Alice's", "0622222222", false));
            return sw.devices().join().size();
        });
    }
}
