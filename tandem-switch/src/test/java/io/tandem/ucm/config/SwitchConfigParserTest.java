package io.tandem.ucm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.common.config.ConfigException;
import io.tandem.switchlink.DeviceType;
import io.tandem.ucm.SwitchFixtures;
import org.junit.jupiter.api.Test;

/** Every configuration problem names the file, the line and the problem. */
class SwitchConfigParserTest {

    private static ConfigException problems(String yaml) {
        try {
            SwitchFixtures.parse(yaml, "bad.yaml");
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected configuration errors");
    }

    @Test
    void readsTheStandardConfiguration() {
        SwitchConfig config = SwitchFixtures.standard();
        assertThat(config.remoteDestinationLimit()).isEqualTo(3);
        assertThat(config.devices()).extracting(SwitchConfig.Device::type)
                .containsExactly(DeviceType.CTI_REMOTE_DEVICE, DeviceType.CTI_REMOTE_DEVICE, DeviceType.PHONE, DeviceType.ROUTE_POINT);
        assertThat(config.devices().get(0).remoteDestinations()).containsExactly(new SwitchConfig.RemoteDestination("Alice mobile", "0611111111"));
        assertThat(config.applicationUsers().get(0).controlledDevices()).containsExactly("CTIRDalice", "CTIRDbob", "SEP1", "RP5000");
    }

    @Test
    void unknownKeysAreReportedWithTheirLine() {
        ConfigException e = problems("""
                end-users:
                  - {id: alice, mobility: true}
                devices:
                  - name: SEP1
                    type: phone
                    colour: blue
                    lines: ["6001"]
                """);
        assertThat(e.problems()).containsExactly(
                "bad.yaml:6: unknown key 'colour' (allowed: name, type, model, owner, lines, remote-destinations, extension-mobility, logout-profile, dnd-option, select-route-timer)");
    }

    @Test
    void aDnOnTwoDevicesIsAnError() {
        ConfigException e = problems("""
                devices:
                  - {name: SEP1, type: phone, lines: ["6001"]}
                  - {name: SEP2, type: phone, lines: ["6002", "6001"]}
                """);
        assertThat(e.problems()).containsExactly("bad.yaml:3: device 'SEP2': DN 6001 is already on device 'SEP1'");
    }

    @Test
    void aRemoteDeviceNeedsAnOwnerWithMobility() {
        ConfigException e = problems("""
                end-users:
                  - {id: carol, mobility: false}
                devices:
                  - {name: CTIRDx, type: cti-remote-device, lines: ["7001"]}
                  - {name: CTIRDcarol, type: cti-remote-device, owner: carol, lines: ["7002"]}
                  - {name: CTIRDghost, type: cti-remote-device, owner: ghost, lines: ["7003"]}
                """);
        assertThat(e.problems()).containsExactly(
                "bad.yaml:4: device 'CTIRDx': a cti-remote-device needs an owner (an end user with mobility: true)",
                "bad.yaml:5: device 'CTIRDcarol': owner 'carol' does not have mobility enabled",
                "bad.yaml:6: device 'CTIRDghost': owner 'ghost' is not an end user");
    }

    @Test
    void remoteDestinationRulesAreCheckedInTheFile() {
        ConfigException e = problems("""
                remote-destination-limit: 2
                end-users:
                  - {id: a, mobility: true}
                  - {id: b, mobility: true}
                devices:
                  - name: CTIRDa
                    type: cti-remote-device
                    owner: a
                    lines: ["7001"]
                    remote-destinations:
                      - {number: "0611111111"}
                      - {number: "7002"}
                      - {number: "12"}
                  - name: CTIRDb
                    type: cti-remote-device
                    owner: b
                    lines: ["7002"]
                    remote-destinations:
                      - {number: "+0611111111"}
                  - {name: SEP1, type: phone, lines: ["6001"], remote-destinations: [{number: "0633333333"}]}
                """);
        assertThat(e.problems()).containsExactly(
                "bad.yaml:20: device 'SEP1': only a cti-remote-device can have remote destinations",
                "bad.yaml:6: device 'CTIRDa': 3 remote destinations exceed the limit of 2",
                "bad.yaml:6: device 'CTIRDa': remote destination 7002 is a directory number of the switch",
                "bad.yaml:6: device 'CTIRDa': remote destination 12 does not match the external dial plan \\+?[0-9]{3,15}",
                "bad.yaml:14: device 'CTIRDb': remote destination +0611111111 is already used by device 'CTIRDa'");
    }

    @Test
    void typesReferencesAndDuplicatesAreChecked() {
        ConfigException e = problems("""
                remote-destination-limit: 11
                application-users:
                  - {id: app, password: x, controlled-devices: [NOPE]}
                devices:
                  - {name: X1, type: fax, lines: ["1"]}
                  - {name: X1, type: phone, lines: ["2"]}
                """);
        assertThat(e.problems()).containsExactly(
                "bad.yaml:1: switch: 'remote-destination-limit' must be a whole number from 1 to 10, found '11'",
                "bad.yaml:5: device 'X1': unknown type 'fax' (allowed: phone, cti-remote-device, cti-port, route-point)",
                "bad.yaml:6: device 'X1' is defined twice (first at line 5)",
                "bad.yaml:3: application user 'app': controlled device 'NOPE' is not defined");
    }

    @Test
    void extensionMobilitySettingsAreChecked() {
        ConfigException e = problems("""
                end-users:
                  - {id: u1}
                default-device-profiles:
                  - {model: Cisco 7905}
                  - {model: Cisco 7905}
                device-profiles:
                  - {name: p1, user: u1, model: Cisco 7960, default: true}
                  - {name: p2, user: u1, model: Cisco 7960, default: true, ringtone: loud}
                devices:
                  - {name: SEP1, type: phone, extension-mobility: true, logout-profile: nope}
                  - {name: RP1, type: route-point, extension-mobility: true}
                """);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "bad.yaml:8: unknown key 'ringtone' (allowed: name, user, model, lines, default, line-setting, speed-dials, services, "
                        + "hold-audio-source, locale, phone-button-template, softkey-template, add-on-modules)",
                "bad.yaml:5: default device profile for model 'Cisco 7905' is defined twice (first at line 4)",
                "bad.yaml:10: device 'SEP1': logout profile 'nope' is not a device profile",
                "bad.yaml:11: device 'RP1': only a phone can have extension-mobility enabled",
                "bad.yaml:8: device profile 'p2': user 'u1' already has default profile 'p1'");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> SwitchFixtures.parse("devices:\n  - name: [unclosed\n", "broken.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("broken.yaml:")
                .hasMessageContaining("YAML syntax error");
    }

    @Test
    void forwardingOfDirectoryNumbersAndTheNoAnswerTimerAreReadAndChecked() {
        SwitchConfig config = SwitchFixtures.parse("""
                service-parameters: {forward-no-answer-timer: 20}
                devices:
                  - {name: SEP1, type: phone, lines: ["6001"], dnd-option: call-reject}
                  - {name: SEP2, type: phone, lines: ["6002"]}
                directory-numbers:
                  - {dn: "6001", forward-busy: "6002", forward-no-answer: "0612345678", no-answer-ring-duration: 5}
                """, "fwd.yaml");
        assertThat(config.callForwarding().noAnswerSeconds()).isEqualTo(20);
        assertThat(config.callForwarding().of("6001")).contains(new SwitchConfig.DnForwarding("6001", "6002", "0612345678", 5));
        assertThat(config.devices().get(0).dndOption()).isEqualTo(io.tandem.switchlink.DndOption.CALL_REJECT);
        assertThat(config.devices().get(1).dndOption()).isEqualTo(io.tandem.switchlink.DndOption.RINGER_OFF);

        ConfigException e = problems("""
                service-parameters: {forward-no-answer-timer: 301}
                devices:
                  - {name: SEP1, type: phone, lines: ["6001"], dnd-option: loud}
                directory-numbers:
                  - {dn: "6001", forward-busy: "6001", forward-no-answer: "12", no-answer-ring-duration: 0}
                  - {dn: "6999", forward-busy: "6001"}
                """);
        assertThat(e.problems()).containsExactly(
                "bad.yaml:3: device 'SEP1': unknown dnd-option 'loud' (allowed: ringer-off, call-reject)",
                "bad.yaml:1: service-parameters: 'forward-no-answer-timer' must be a whole number from 1 to 300, found '301'",
                "bad.yaml:5: directory number 6001: forward-busy 6001 must be another DN of the switch or a number of the external dial plan",
                "bad.yaml:5: directory number 6001: forward-no-answer 12 must be another DN of the switch or a number of the external dial plan",
                "bad.yaml:5: 'no-answer-ring-duration' must be a whole number from 1 to 300, found '0'",
                "bad.yaml:6: directory number 6999 is on no device or device profile line");
    }
}
