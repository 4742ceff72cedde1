package io.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every benchmark scenario at a tiny size, so that the load generator itself cannot rot. Figures are not checked. */
class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void serverClassPath() {
        System.setProperty("tandem.bench.classpath", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    }

    private JsonNode bench(String... args) throws Exception {
        Path json = dir.resolve(args[1] + ".json");
        String[] full = new String[args.length + 1];
        System.arraycopy(args, 1, full, 0, args.length - 1);
        full[args.length - 1] = "--json";
        full[args.length] = json.toString();
        assertThat(BenchMain.execute(full)).as("exit status of bench %s", args[1]).isZero();
        return JSON.readTree(json.toFile());
    }

    @Test
    void activateExtendsAndDeactivatesEveryTerminal() throws Exception {
        JsonNode r = bench("bench", "activate", "--terminals", "40", "--clients", "4", "--rate", "200", "--warmup", "0",
                "--duration", "1", "--find-max", "--max-rate", "400");
        assertThat(r.get("activations").asInt()).isEqualTo(40);
        assertThat(r.get("activationErrors").asInt()).isZero();
        assertThat(r.get("deactivationErrors").asInt()).isZero();
        assertThat(r.get("activation.count").asInt()).isEqualTo(40);
        assertThat(r.has("maxSustainablePerSecond")).isTrue();
        assertThat(r.get("server.cpuMs").asLong()).isPositive();
        assertThat(r.get("baseline.roundTripsPerSecond").asLong()).isPositive();
        assertThat(r.get("server.allocatedKBPerCycle").asDouble()).isPositive(); // efficiency of the first step
        assertThat(r.get("server.cpuUsPerCycle").asLong()).isNotNegative();
        assertThat(r.get("generator.cpuUsPerCycle").asLong()).isPositive();
        assertThat(r.get("baseline.cpuUsPerRoundTrip").asLong()).isPositive();
        assertThat(r.get("machine.damon").asText()).isIn("on", "off", "absent"); // the machine's reclaim daemon, reported
        assertThat(r.get("machine.kdamondCpuMs").asLong()).isNotNegative();
        assertThat(r.get("generator.pageFaultsPerCycle").asDouble()).isNotNegative();
        assertThat(r.get("generator.heapMaxMB").asLong()).isPositive();
    }

    @Test
    void fanoutCallsAndBaselineRun() throws Exception {
        JsonNode fanout = bench("bench", "fanout", "--clients", "3", "--duration", "1", "--warmup", "0");
        assertThat(fanout.get("calls").asLong()).isPositive();
        assertThat(fanout.get("deliveriesPerSecond").asLong()).isPositive();
        assertThat(fanout.get("ratioToBaseline").asDouble()).isPositive();
        JsonNode calls = bench("bench", "calls", "--pairs", "2", "--duration", "1", "--warmup", "1", "--warmup-limit", "0");
        assertThat(calls.get("calls").asLong()).isPositive();
        assertThat(calls.get("request.count").asLong()).isEqualTo(3 * calls.get("calls").asLong());
        assertThat(calls.get("warmup.passes").asInt()).isEqualTo(1); // a zero limit: one pass, quiet or not
        assertThat(calls.get("server.jitMsAfterWarmup").asLong()).isNotNegative(); // the server reports its compilation time
        JsonNode agents = bench("bench", "agents", "--agents", "20", "--clients", "4", "--duration", "1", "--warmup", "0");
        assertThat(agents.get("stateChanges").asLong()).isPositive();
        assertThat(agents.get("request.count").asLong()).isEqualTo(agents.get("stateChanges").asLong());
        assertThat(agents.get("ratioToBaseline").asDouble()).isPositive();
        JsonNode routing = bench("bench", "routing", "--routing-callers", "4", "--routing-agents", "8", "--duration", "1", "--warmup", "0");
        assertThat(routing.get("callsRouted").asLong()).isPositive();
        assertThat(routing.get("makeCallToRinging.count").asLong()).isEqualTo(routing.get("callsRouted").asLong());
        assertThat(routing.get("routeRequestToRinging.count").asLong()).isEqualTo(routing.get("callsRouted").asLong());
        assertThat(routing.get("ratioToBaseline").asDouble()).isPositive();
        JsonNode baseline = bench("bench", "baseline", "--clients", "3", "--duration", "1");
        assertThat(baseline.get("echo.roundTripsPerSecond").asLong()).isPositive();
        assertThat(baseline.get("broadcast.deliveriesPerSecond").asLong()).isPositive();
    }

    @Test
    void emLogsUsersInAndOutThroughTheHttpApi() throws Exception {
        JsonNode em = bench("bench", "em", "--em-workers", "2", "--em-phones", "6", "--duration", "1", "--warmup", "0");
        assertThat(em.get("operations").asLong()).isPositive();
        assertThat(em.get("errors").asLong()).isZero();
    }

    @Test
    void consolePagesAndSearchesTheAdminApi() throws Exception {
        JsonNode console = bench("bench", "console", "--terminals", "120", "--duration", "1", "--warmup", "0");
        assertThat(console.get("page.count").asLong()).isPositive();
        assertThat(console.get("search.count").asLong()).isPositive();
        assertThat(console.get("errors").asLong()).as("every request answered 200 to the generated console user").isZero();
    }

    @Test
    void switchoverKillsThePrimaryOfAPairAndTimesTheTakeoverKeepingAgentsAndCalls() throws Exception {
        JsonNode switchover = bench("bench", "switchover", "--terminals", "40", "--clients", "4", "--with-agents", "12", "--with-calls", "3",
                "--settle", "2", "--warmup", "1", "--warmup-limit", "0");
        assertThat(switchover.get("terminals").asInt()).isEqualTo(40);
        assertThat(switchover.get("agents").asInt()).isEqualTo(12);
        assertThat(switchover.get("agentsKept").asInt()).as("every agent in the state it was left in").isEqualTo(12);
        assertThat(switchover.get("calls").asInt()).isEqualTo(3);
        assertThat(switchover.get("callsKept").asInt()).as("every call established at both parties, same ConnID").isEqualTo(3);
        assertThat(switchover.get("releasedAfterKill").asInt()).isZero();
        assertThat(switchover.get("agentLogoutsAfterKill").asInt()).isZero();
        assertThat(switchover.get("settleLimitMs").asLong()).isEqualTo(2000);
        assertThat(switchover.get("settledMs").asLong()).as("waited whole windows for a quiet machine, or gave up (-1) at the limit")
                .satisfiesAnyOf(v -> assertThat(v).isEqualTo(-1L), v -> assertThat(v).isBetween(1000L, 3100L));
        assertThat(switchover.get("lastBackMs").asLong()).isGreaterThanOrEqualTo(switchover.get("firstBackMs").asLong()).isNotNegative();
        assertThat(switchover.get("server.switchoverMs").asLong()).isNotNegative();
        assertThat(switchover.get("outOfServiceAfterKill").asInt()).as("each terminal out of service once at its desk").isEqualTo(40);
        assertThat(switchover.get("lastOutOfServiceMs").asLong()).isGreaterThanOrEqualTo(switchover.get("firstOutOfServiceMs").asLong())
                .isNotNegative();
        assertThat(switchover.get("machine.damon").asText()).isIn("on", "off", "absent");
        assertThat(switchover.get("machine.kdamondCpuMs").asLong()).isNotNegative();
        assertThat(switchover.get("generator.pageFaults").asLong()).isNotNegative();
        assertThat(switchover.get("warmup.passes").asInt()).as("one pass: no limit to repeat it").isEqualTo(1);
        assertThat(switchover.get("warmup.cycles").asInt()).as("every terminal released and extended again at least once")
                .isPositive();
    }

    @Test
    void unknownScenariosAreRefused() {
        assertThat(BenchMain.execute("nonsense")).isEqualTo(2);
        assertThat(BenchMain.execute("switchover", "--server", "127.0.0.1:7000:8080")).isEqualTo(2);
    }
}
