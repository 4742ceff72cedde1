package io.tandem.bench;

import io.tandem.process.LoadConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./tandem bench SCENARIO}: the load generator. docs/benchmarks.md describes the method. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure Tandem with many simulated clients over real TCP, against a baseline measured in the same run.",
            "Scenarios: activate, overload, fanout, calls, agents, routing, em, capacity, console, baseline, switchover."})
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "activate | overload | fanout | calls | agents | routing | em | capacity | console | baseline | switchover")
    String scenario;

    @Option(names = "--terminals", description = "remote terminals (activate, console, switchover; default ${DEFAULT-VALUE})")
    int terminals = 10_000;

    @Option(names = "--clients", description = "simulated client applications (default ${DEFAULT-VALUE})")
    int clients = 100;

    @Option(names = "--rate", description = "offered activations per second (activate, overload; default ${DEFAULT-VALUE})")
    int rate = 1_000;

    @Option(names = "--find-max", description = "activate: double the rate until it is no longer sustainable, then bisect to within 10 %%")
    boolean findMax;

    @Option(names = "--max-rate", description = "activate --find-max: highest rate tried (default ${DEFAULT-VALUE})")
    int maxRate = 64_000;

    @Option(names = "--warmup", description = "untimed warm-up: seconds of traffic per pass before measuring; 0 for none (default ${DEFAULT-VALUE})")
    int warmupSeconds = 5;

    @Option(names = "--warmup-limit", paramLabel = "SECONDS", description = "repeat warm-up passes until the JIT compilers of the server "
            + "and the generator spent less than 5 %% of a pass compiling, at most this long; 0 for one pass (default ${DEFAULT-VALUE})")
    int warmupLimitSeconds = 180;

    @Option(names = "--dns", description = "configured DNs (capacity; default ${DEFAULT-VALUE})")
    int dns = 50_000;

    @Option(names = "--capacity-clients", description = "connected clients (capacity; default ${DEFAULT-VALUE})")
    int capacityClients = 1_000;

    @Option(names = "--em-workers", description = "HTTP clients logging in and out (em; default ${DEFAULT-VALUE})")
    int emWorkers = 16;

    @Option(names = "--em-phones", description = "phones and users (em; default ${DEFAULT-VALUE})")
    int emPhones = 200;

    @Option(names = "--routing-callers", description = "callers calling the route point, one client each (routing; default ${DEFAULT-VALUE})")
    int routingCallers = 50;

    @Option(names = "--routing-agents", description = "Ready agents the router routes to (routing; default ${DEFAULT-VALUE})")
    int routingAgents = 200;

    @Option(names = "--agents", description = "agents cycling Ready / Not Ready / after-call work (agents; default ${DEFAULT-VALUE})")
    int agents = 1000;

    @Option(names = "--with-agents", description = "switchover: agents logged in on phones (Ready, Not Ready, after-call work) before the kill (default ${DEFAULT-VALUE})")
    int withAgents = 0;

    @Option(names = "--with-calls", description = "switchover: established calls between phones before the kill (default ${DEFAULT-VALUE})")
    int withCalls = 0;

    @Option(names = "--settle", paramLabel = "SECONDS", description = "switchover: before the kill, wait until the switch, the pair "
            + "and the bench together use less than 5 %% of one core over a second, at most this long; 0 kills as soon as everything is "
            + "set up (default ${DEFAULT-VALUE})")
    int settleSeconds = 120;

    @Option(names = "--pairs", description = "caller/callee pairs (calls; default ${DEFAULT-VALUE})")
    int pairs = 10;

    @Option(names = "--duration", description = "seconds per closed-loop measurement (default ${DEFAULT-VALUE})")
    int seconds = 5;

    @Option(names = "--server-heap", description = "heap of the server process it starts (default ${DEFAULT-VALUE})")
    String heap = "512m";

    @Option(names = "--server-java-option", paramLabel = "OPTION",
            description = "extra JVM option for the server process (switchover: the backup), e.g. -XX:StartFlightRecording=filename=server.jfr (repeatable)")
    List<String> serverJavaOptions = new ArrayList<>();

    @Option(names = "--switch-java-option", paramLabel = "OPTION",
            description = "switchover: extra JVM option for the switch process, e.g. -XX:StartFlightRecording=filename=switch.jfr (repeatable)")
    List<String> switchJavaOptions = new ArrayList<>();

    @Option(names = "--server", paramLabel = "HOST:CTI:HTTP",
            description = "drive a running server instead (configured with `./tandem bench config`) ")
    String server;

    @Option(names = "--json", paramLabel = "FILE", description = "where to write the figures (default bench-results/SCENARIO.json)")
    Path json;

    @Option(names = "--skip-baseline", description = "do not measure the baseline in this run (no ratio)")
    boolean skipBaseline;

    @Override
    public Integer call() throws Exception {
        if (scenario.equals("switchover") && server != null) {
            System.err.println("bench switchover starts its own switch and primary/backup pair; --server does not apply");
            return 2;
        }
        switch (scenario) {
            case "activate", "overload", "fanout", "calls", "agents", "routing", "em", "capacity", "console", "baseline", "switchover" -> {
                BenchResult result = scenario.equals("baseline") ? baseline() : scenario.equals("switchover") ? switchover() : againstServer();
                result.print(System.out);
                Path file = json != null ? json : Path.of("bench-results", scenario + ".json");
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                result.writeJson(file);
                System.out.println("written to " + file);
                return 0;
            }
            default -> {
                System.err.println("unknown scenario '" + scenario + "'; see ./tandem bench --help");
                return 2;
            }
        }
    }

    private BenchResult switchover() throws Exception {
        Path work = Files.createTempDirectory("tandem-bench-ha");
        try (SwitchoverScenario pair = new SwitchoverScenario(work, heap,
                System.getProperty("tandem.bench.classpath", System.getProperty("java.class.path")), serverJavaOptions, switchJavaOptions);
                Clients pool = new Clients()) {
            return pair.run(pool, new SwitchoverScenario.Load(terminals, Math.min(clients, terminals), withAgents, withCalls),
                    Duration.ofSeconds(120), Duration.ofSeconds(settleSeconds), Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(warmupLimitSeconds));
        }
    }

    private BenchResult baseline() throws Exception {
        BenchResult echo = Baseline.echo(clients, 160, Duration.ofSeconds(seconds));
        BenchResult broadcast = Baseline.broadcast(clients, 260, Duration.ofSeconds(seconds));
        return new BenchResult("baseline").putAll("echo.", echo.figures()).putAll("broadcast.", broadcast.figures());
    }

    private BenchResult againstServer() throws Exception {
        Path work = Files.createTempDirectory("tandem-bench");
        try (ServerUnderTest target = target(work); Clients pool = new Clients()) {
            JsonNode before = target.jvm();
            JitWarmup warmup = new JitWarmup(Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(warmupLimitSeconds),
                    () -> target.jvm().path("compilationTimeMs").asLong(-1));
            BenchResult result = switch (scenario) {
                case "activate" -> activate(target, pool, warmup);
                case "overload" -> new OverloadScenario(pool.connect(target.host(), target.ctiPort(), "bench", clients), terminals)
                        .run(rate, Duration.ofSeconds(seconds), Duration.ofSeconds(120));
                case "capacity" -> CapacityScenario.run(target, pool, dns, capacityClients);
                case "em" -> EmScenario.run(target, emWorkers, emPhones, Duration.ofSeconds(seconds), warmup);
                case "console" -> ConsoleScenario.run(target, terminals, 4, Duration.ofSeconds(seconds), warmup);
                case "agents" -> AgentsScenario.run(pool, target.host(), target.ctiPort(), agents, clients, Duration.ofSeconds(seconds),
                        warmup);
                case "routing" -> RoutingScenario.run(pool, target.host(), target.ctiPort(), routingCallers, routingAgents,
                        Duration.ofSeconds(seconds), warmup);
                case "fanout" -> FanoutScenario.run(pool, target.host(), target.ctiPort(), clients, Duration.ofSeconds(seconds),
                        warmup);
                default -> CallsScenario.run(pool, target.host(), target.ctiPort(), pairs, Duration.ofSeconds(seconds),
                        warmup);
            };
            JsonNode after = target.jvm();
            result.put("machine.damon", KernelDaemons.machine().damonState())
                    .put("server.startupMs", target.startupMillis())
                    .put("server.cpuMs", after.path("cpuTimeMs").asLong() - before.path("cpuTimeMs").asLong())
                    .put("server.heapPeakMB", after.path("heapPeakBytes").asLong() / (1024 * 1024))
                    .put("server.heapMaxMB", after.path("heapMaxBytes").asLong() / (1024 * 1024));
            warmup.describe(result);
            if (warmup.serverCompiledAtEnd() >= 0) {
                result.put("server.jitMsAfterWarmup", after.path("compilationTimeMs").asLong() - warmup.serverCompiledAtEnd());
            }
            if (!skipBaseline && !scenario.equals("capacity") && !scenario.equals("em") && !scenario.equals("console")
                    && !scenario.equals("overload")) {
                addRatio(result);
            }
            return result;
        }
    }

    private ServerUnderTest target(Path work) throws Exception {
        if (server != null) {
            String[] parts = server.split(":");
            return ServerUnderTest.running(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }
        int phones = scenario.equals("capacity") ? dns : scenario.equals("em") ? emPhones : scenario.equals("agents") ? agents
                : scenario.equals("routing") ? routingCallers + routingAgents : Math.max(2, 2 * pairs);
        int configured = scenario.equals("activate") || scenario.equals("overload") || scenario.equals("console") ? terminals
                : scenario.equals("capacity") || scenario.equals("em") ? 0 : 1;
        Path config = scenario.equals("routing") ? LoadConfig.writeWithRoutePoint(work.resolve("bench.yaml"), configured, phones)
                : LoadConfig.write(work.resolve("bench.yaml"), configured, phones, scenario.equals("em"));
        return ServerUnderTest.start(config, work.resolve("data"), heap,
                System.getProperty("tandem.bench.classpath", System.getProperty("java.class.path")), serverJavaOptions);
    }

    private BenchResult activate(ServerUnderTest target, Clients pool, JitWarmup warmup) throws Exception {
        ActivateScenario activate = new ActivateScenario(pool.connect(target.host(), target.ctiPort(), "bench", clients), terminals);
        warmup.run(length -> activate.warmUp((int) length.toSeconds() * rate, rate));
        JsonNode before = target.jvm();
        long generatorBefore = ownCpuNanos();
        long faultsBefore = GeneratorMemory.minorFaults();
        long kdamondBefore = KernelDaemons.machine().kdamondCpuMs();
        BenchResult first = activate.step(rate);
        first.put("machine.kdamondCpuMs", KernelDaemons.machine().kdamondCpuMs() - kdamondBefore);
        perCycle(first, before, target.jvm(), ownCpuNanos() - generatorBefore);
        long faults = GeneratorMemory.faultsSince(faultsBefore);
        first.put("generator.heapMaxMB", GeneratorMemory.heapMaxMB())
                .put("generator.pageFaultsPerCycle", faults < 0 ? -1 : Math.round(faults / (double) terminals * 100) / 100.0);
        if (!findMax) {
            return first;
        }
        List<String> tried = new ArrayList<>();
        int sustained = 0;
        int failed = 0;
        BenchResult step = first;
        int r = rate;
        while (true) {
            boolean ok = ActivateScenario.sustainable(step);
            tried.add(r + (ok ? " ok" : " no") + " (achieved " + step.get("achievedPerSecond") + "/s, p99 " + step.get("activation.p99Ms")
                    + " ms, errors " + step.get("activationErrors") + ")");
            if (ok) {
                sustained = r;
            } else {
                failed = r;
            }
            r = CeilingSearch.next(sustained, failed, maxRate);
            if (r == 0) {
                break;
            }
            step = activate.step(r);
        }
        return first.put("maxSustainablePerSecond", sustained).put("firstUnsustainablePerSecond", failed)
                .put("ratesTried", tried.size()).put("steps", String.join(", ", tried));
    }

    /**
     * The server's CPU time and heap allocation, and the generator's CPU time ({@code generatorNanos}), per terminal
     * activated and deactivated in the first step: figures of efficiency that move far less with the machine's other
     * load than rates and latencies do.
     */
    private void perCycle(BenchResult step, JsonNode before, JsonNode after, long generatorNanos) {
        double cycles = terminals;
        step.put("generator.cpuUsPerCycle", Math.round(generatorNanos / 1000.0 / cycles));
        step.put("server.cpuUsPerCycle", Math.round((after.path("cpuTimeMs").asLong() - before.path("cpuTimeMs").asLong()) * 1000 / cycles));
        if (before.has("allocatedBytes")) {
            step.put("server.allocatedKBPerCycle",
                    Math.round((after.path("allocatedBytes").asLong() - before.path("allocatedBytes").asLong()) / 1024.0 / cycles * 10) / 10.0);
        }
    }

    /** The CPU time of the generator's own JVM (its clients, the pacer, the baseline when it runs). */
    static long ownCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private void addRatio(BenchResult result) throws Exception {
        switch (scenario) {
            case "fanout" -> {
                BenchResult b = Baseline.broadcast(clients, 260, Duration.ofSeconds(seconds));
                long base = (long) b.get("deliveriesPerSecond");
                result.put("baseline.deliveriesPerSecond", base)
                        .put("ratioToBaseline", ratio((long) result.get("deliveriesPerSecond"), base));
            }
            case "agents" -> {
                BenchResult b = Baseline.echo(clients, 160, Duration.ofSeconds(seconds));
                long base = (long) b.get("roundTripsPerSecond");
                result.put("baseline.roundTripsPerSecond", base).put("baseline.p99Ms", b.get("latency.p99Ms"))
                        .put("ratioToBaseline", ratio((long) result.get("stateChangesPerSecond"), base));
            }
            case "routing" -> {
                BenchResult b = Baseline.echo(routingCallers, 160, Duration.ofSeconds(seconds));
                long base = (long) b.get("roundTripsPerSecond");
                result.put("baseline.roundTripsPerSecond", base).put("baseline.p99Ms", b.get("latency.p99Ms"))
                        .put("ratioToBaseline", ratio((long) result.get("routedPerSecond"), base));
            }
            case "calls" -> {
                BenchResult b = Baseline.echo(2 * pairs, 160, Duration.ofSeconds(seconds));
                long base = (long) b.get("roundTripsPerSecond");
                result.put("baseline.roundTripsPerSecond", base)
                        .put("ratioToBaseline", ratio((long) result.get("requestsPerSecond"), base));
            }
            default -> {
                BenchResult b = Baseline.echo(clients, 160, Duration.ofSeconds(seconds));
                long base = (long) b.get("roundTripsPerSecond");
                result.put("baseline.roundTripsPerSecond", base).put("baseline.p99Ms", b.get("latency.p99Ms"))
                        .put("baseline.cpuUsPerRoundTrip", b.get("cpuUsPerRoundTrip"));
                if (result.get("maxSustainablePerSecond") instanceof Integer max) {
                    result.put("ratioToBaseline", ratio(max, base));
                } else {
                    result.put("ratioToBaseline", "with --find-max");
                }
            }
        }
    }

    private static double ratio(long value, long base) {
        return base == 0 ? 0 : Math.round(1000.0 * value / base) / 1000.0;
    }
}
