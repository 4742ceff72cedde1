package io.tandem.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tandem.common.config.ConfigException;
import io.tandem.common.config.ConfigMap;
import io.tandem.common.config.ConfigProblems;
import io.tandem.common.config.YamlConfigReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tserver.agent-logins} and {@code tserver.agents}: values, defaults, and every problem with its line. */
class AgentSettingsParserTest {

    private static TServerConfig parse(String yaml) {
        ConfigProblems problems = new ConfigProblems("t.yaml");
        ConfigMap root = ConfigMap.of(YamlConfigReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t.yaml"),
                problems, "tserver").orElseThrow();
        TServerConfig config = TServerConfigParser.parse(root);
        problems.throwIfAny();
        return config;
    }

    @Test
    void theAgentSettingsAreReadAndDefaultWhenAbsent() {
        AgentSettings agents = parse("""
                agent-logins:
                  - {id: "1001", password: "4321"}
                  - {id: "1002"}
                agents:
                  agent-strict-id: password
                  agent-login-on-call: true
                  agent-logout-on-unreg: false
                  wrap-up-time: 30
                  auto-logout-timeout: 15
                  logout-on-out-of-service: true
                """).agents();
        assertThat(agents).isEqualTo(new AgentSettings(List.of(new AgentSettings.AgentLogin("1001", "4321"), new AgentSettings.AgentLogin("1002", null)),
                AgentSettings.StrictId.PASSWORD, true, false, Duration.ofSeconds(30), Duration.ofMinutes(15), true));
        assertThat(agents.toString()).doesNotContain("4321");
        assertThat(parse("agents: {wrap-up-time: untimed}\n").agents().wrapUpTime()).as("untimed").isNull();
        assertThat(parse("dns: []\n").agents()).isEqualTo(AgentSettings.DEFAULT);
    }

    @Test
    void everyProblemIsNamedWithItsLine() {
        ConfigException e = catchThrowableOfType(() -> parse("""
                agent-logins:
                  - {id: "1001"}
                  - {id: "1001", pin: 1}
                agents:
                  agent-strict-id: maybe
                  wrap-up-time: -5
                  auto-logout-timeout: soon
                  colour: red
                """), ConfigException.class);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "t.yaml:3: unknown key 'pin' (allowed: id, password)",
                "t.yaml:3: agent login 1001 is configured twice (first at line 2)",
                "t.yaml:8: agents: unknown key 'colour' (allowed: agent-strict-id, agent-login-on-call, agent-logout-on-unreg, wrap-up-time,"
                        + " auto-logout-timeout, logout-on-out-of-service)",
                "t.yaml:5: agents: 'agent-strict-id' must be false, true or password, found 'maybe'",
                "t.yaml:6: agents: 'wrap-up-time' must be a whole number from 0 to 86400, found '-5'",
                "t.yaml:7: agents: 'auto-logout-timeout' must be a whole number from 0 to 10080, found 'soon'");
    }
}
