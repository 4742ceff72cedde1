package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.switchlink.DeviceType;
import io.tandem.server.config.DnType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file as the launcher reads it. */
class TandemConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void theBundledDemoHasTenRemoteTerminalsPhonesProfilesAndTheirUsers() {
        TandemConfigFile demo = TandemConfigFile.load(null);
        assertThat(demo.source()).contains("demo.yaml");
        assertThat(demo.switchConfig().devices().stream().filter(d -> d.type() == DeviceType.CTI_REMOTE_DEVICE)).hasSize(10);
        assertThat(demo.switchConfig().devices().stream().filter(d -> d.type() == DeviceType.PHONE))
                .as("ten agents' phones and a hot desk").hasSize(11).allMatch(d -> d.extensionMobility());
        assertThat(demo.switchConfig().endUsers()).hasSize(10).allMatch(u -> u.mobility());
        assertThat(demo.tserverConfig().dns().stream().filter(d -> d.type() == DnType.Extension))
                .as("remote terminals, phones, the hot desk and the agents' profile DNs").hasSize(31);
        assertThat(demo.switchConfig().deviceProfiles()).hasSize(10).allMatch(p -> p.isDefault());
        assertThat(demo.tserverConfig().applicationUser()).isEqualTo("tandem");
    }

    @Test
    void configurationErrorsStopStartUpNamingFileLineAndProblem() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                switch:
                  devices:
                    - {name: SEP1, type: phone, lines: ["6001"]}
                    - {name: SEP2, type: phone, lines: ["6001"]}
                    - {name: CTIRD1, type: cti-remote-device, lines: ["7001"]}
                tserver:
                  dns:
                    - {number: "6001", type: Extension, colour: red}
                  surprise: true
                  console-users:
                    - {name: ann, password-hash: "secret"}
                    - {name: bob, role: superuser, password-hash: "pbkdf2-sha256$210000$yH5sQAx60FUGV8xjUhKU4A$D2CAnx+c0WzrLoBeDZqd3Ks8AblIdU0IOMkQhd16+Q8"}
                    - {name: bob, password-hash: "pbkdf2-sha256$210000$yH5sQAx60FUGV8xjUhKU4A$D2CAnx+c0WzrLoBeDZqd3Ks8AblIdU0IOMkQhd16+Q8"}
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Tandem.execute("server", "--config", bad.toString(), "--data-dir", dir.resolve("data").toString());
        } finally {
            System.setErr(saved);
        }
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "configuration error:",
                bad + ":4: device 'SEP2': DN 6001 is already on device 'SEP1'",
                bad + ":5: device 'CTIRD1': a cti-remote-device needs an owner (an end user with mobility: true)",
                bad + ":8: unknown key 'colour' (allowed: number, type, router-timeout, default-dn, default-redirection-limit)",
                bad + ":9: tserver: unknown key 'surprise' (allowed: switch-link, client-credentials, dns, console-users, agent-logins, agents, routing)",
                bad + ":11: console user ann: password-hash is not a hash made by './tandem hash-password' (pbkdf2-sha256$ITERATIONS$SALT$HASH)",
                bad + ":12: console user bob: unknown role 'superuser' (allowed: admin, read-only)",
                bad + ":13: console user bob is configured twice (first at line 12)");
        assertThat(dir.resolve("data")).as("nothing started, nothing written").doesNotExist();
    }

    @Test
    void inconsistentPairOptionsStopStartUpBeforeAnythingIsWritten() {
        String[][] cases = {
            {"--role", "leader"},
            {"--role", "backup"},
            {"--role", "backup", "--sync-port", "7300"},
            {"--peer", "nohost", "--sync-port", "7300"},
            {"--sync-port", "7300", "--heartbeat-ms", "3000", "--heartbeat-timeout-ms", "1000"},
            {"--sync-port", "7300", "--sync-secret-file", "/nonexistent/sync-secret"},
            {"--max-user-data-bytes", "1"},
            {"--sync-port", "7300"},
        };
        String[] messages = {
            "cannot start: --role: role must be 'primary' or 'backup', not 'leader'",
            "cannot start: --peer and --role backup need --sync-port (the port of this server's synchronization link)",
            "cannot start: --role backup needs --peer HOST:PORT (the primary's sync port)",
            "cannot start: --peer must be HOST:PORT, was 'nohost'",
            "cannot start: the heartbeat timeout (1000 ms) must be longer than the heartbeat interval (3000 ms)",
            "cannot start: --sync-secret-file: cannot read /nonexistent/sync-secret",
            "cannot start: maxUserDataBytes must be between 2 and 524288",
            System.getenv("TANDEM_SYNC_SECRET") == null ? "cannot start: --sync-port needs the pair's shared secret" : "cannot start:",
        };
        for (int i = 0; i < cases.length; i++) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream saved = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status;
            try {
                String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("server", "--data-dir",
                        dir.resolve("data").toString()), java.util.Arrays.stream(cases[i])).toArray(String[]::new);
                status = Tandem.execute(args);
            } finally {
                System.setErr(saved);
            }
            assertThat(status).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(messages[i]);
            assertThat(dir.resolve("data")).as("nothing started, nothing written").doesNotExist();
        }
    }

    @Test
    void aRouterTimeoutMustBeShorterThanTheSwitchsSelectRouteTimer() throws Exception {
        Path bad = dir.resolve("routing.yaml");
        Files.writeString(bad, """
                switch:
                  devices:
                    - {name: RP5000, type: route-point, lines: ["5000"], select-route-timer: 8}
                    - {name: RP5001, type: route-point, lines: ["5001"]}
                tserver:
                  routing: {router-timeout: 8.5, default-dn: "6001"}
                  dns:
                    - {number: "5000", type: RoutingPoint}
                    - {number: "5001", type: RoutingPoint, router-timeout: 15}
                    - {number: "6001", type: Extension, router-timeout: 1}
                """);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> TandemConfigFile.load(bad),
                io.tandem.common.config.ConfigException.class).problems()).containsExactly(
                bad + ":10: DN 6001: router-timeout, default-dn and default-redirection-limit are for RoutingPoint DNs");
        Files.writeString(bad, Files.readString(bad).replace(", router-timeout: 1}", "}"));
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> TandemConfigFile.load(bad),
                io.tandem.common.config.ConfigException.class).problems()).containsExactly(
                bad + ":6: route point 5000: router-timeout 8.5 s must be shorter than the select-route-timer of RP5000 (8 s),"
                        + " or the switch gives the call up before it can be default-routed",
                bad + ":9: route point 5001: router-timeout 15.0 s must be shorter than the select-route-timer of RP5001 (15 s),"
                        + " or the switch gives the call up before it can be default-routed");
    }

    @Test
    void aMissingFileIsNamed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Tandem.execute("switch", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(dir.resolve("nope.yaml") + ": no such configuration file");
    }
}
