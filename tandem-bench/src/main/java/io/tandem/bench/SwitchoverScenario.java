package io.tandem.bench;

import io.tandem.process.TandemProcess;
import io.tandem.process.LoadConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.client.HotStandbyClient;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench switchover}: a switch and a primary/backup pair as three processes, {@code clients} desks
 * (each a {@link HotStandbyClient} over both servers, as a desktop runs it)
 * with {@code terminals} remote terminals extended, then the primary killed with
 * SIGKILL. Measures the time from the kill to the first and to the last EventDNBackInService the desks
 * receive from the new primary, and the new primary's own figure. With agents and calls ({@link Load}), the desks
 * also log agents in on phones and hold established calls before the kill; afterwards every agent's state and every
 * call is read back from the new primary (RequestQueryAddress) and counted as kept when it is as it was.
 */
final class SwitchoverScenario implements AutoCloseable {

    private static final Pattern SWITCH_UP = TandemProcess.SWITCH_UP;
    private static final Pattern SERVER_UP = TandemProcess.SERVER_UP;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;
    private final String heap;
    private final String classPath;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> serverOptions;
    private final List<String> switchOptions;
    private int cycles;

    /**
     * What the desks hold when the primary is killed.
     *
     * @param terminals remote terminals extended (REMOTE_DEST)
     * @param clients desks
     * @param agents agents logged in on phones 0 .. agents-1, in turn Ready, Not Ready (AuxWork, a reason code) and
     *     after-call work
     * @param calls established calls, each between two phones after the agents' ones
     */
    record Load(int terminals, int clients, int agents, int calls) {
    }

    /** An agent as it was set up: its phone and agent ID, and the state, work mode and reason code it must still have. */
    private record AgentSetUp(String dn, String agentId, String state, String workMode, String reasonCode) {
    }

    /** A call as it was set up: both parties' phones and its ConnID. */
    private record CallSetUp(String caller, String callee, String connId) {
    }

    /**
     * A pair in {@code work}; {@code serverOptions} are added to the JVM options of the backup (the one to profile),
     * {@code switchOptions} to the switch's.
     */
    SwitchoverScenario(Path work, String heap, String classPath, List<String> serverOptions, List<String> switchOptions) {
        this.work = work;
        this.heap = heap;
        this.classPath = classPath;
        this.serverOptions = List.copyOf(serverOptions);
        this.switchOptions = List.copyOf(switchOptions);
    }

    /**
     * Sets everything up, warms the pair and the switch up ({@link #warmUp}: passes of {@code warmupPass}, at most
     * {@code warmupLimit}; a zero pass for none), waits until the machine is quiet ({@link Quiescence}, at most
     * {@code settle}; zero kills at once), kills the primary and measures.
     */
    BenchResult run(Clients pool, Load load, Duration timeout, Duration settle, Duration warmupPass, Duration warmupLimit)
            throws Exception {
        int terminals = load.terminals();
        int clients = load.clients();
        Path config = LoadConfig.write(work.resolve("pair.yaml"), terminals, load.agents() + 2 * load.calls(), false);
        Matcher sw = start("switch", SWITCH_UP, "switch", "--config", config.toString(), "--bind", "127.0.0.1", "--link-port", "0",
                "--http-port", "0", "--data-dir", work.resolve("switch").toString());
        int syncA = freePort();
        int syncB = freePort();
        List<String> common = List.of("--config", config.toString(), "--bind", "127.0.0.1", "--switch", "127.0.0.1:" + sw.group(1),
                "--cti-port", "0", "--http-port", "0", "--heartbeat-ms", "500", "--heartbeat-timeout-ms", "1500");
        Matcher a = start("primary", SERVER_UP, args(common, "--data-dir", work.resolve("a").toString(), "--name", "bench-a",
                "--role", "primary", "--sync-port", String.valueOf(syncA), "--peer", "127.0.0.1:" + syncB));
        Process primary = processes.get(processes.size() - 1);
        Matcher b = start("backup", SERVER_UP, args(common, "--data-dir", work.resolve("b").toString(), "--name", "bench-b",
                "--role", "backup", "--sync-port", String.valueOf(syncB), "--peer", "127.0.0.1:" + syncA));
        String backupHealth = "http://127.0.0.1:" + b.group(2) + "/api/health";
        awaitTrue(() -> health(backupHealth).at("/ha/syncState").asText().equals("IN_SYNC"), timeout, "the backup to synchronize");

        List<HotStandbyClient> desks = pool.connectToPair(List.of("127.0.0.1:" + a.group(1), "127.0.0.1:" + b.group(1)), "desk", clients);
        AtomicInteger backInService = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        AtomicLong last = new AtomicLong();
        AtomicInteger afterKill = new AtomicInteger();
        AtomicLong firstOut = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastOut = new AtomicLong();
        AtomicInteger outAfterKill = new AtomicInteger();
        AtomicInteger releasedAfterKill = new AtomicInteger();
        AtomicInteger logoutsAfterKill = new AtomicInteger();
        java.util.Set<String> terminalDns = new java.util.HashSet<>();
        for (int t = 0; t < terminals; t++) {
            terminalDns.add(LoadConfig.terminal(t));
        }
        desks.forEach(c -> c.addListener(event -> {
            boolean killed = System.nanoTime() > killedAt.get();
            if (killed && event.type() == MessageType.EVENT_RELEASED) {
                releasedAfterKill.incrementAndGet();
            } else if (killed && event.type() == MessageType.EVENT_AGENT_LOGOUT) {
                logoutsAfterKill.incrementAndGet();
            }
            if (killed && event.type() == MessageType.EVENT_DN_OUT_OF_SERVICE && terminalDns.contains(event.thisDn())) {
                long now = System.nanoTime();
                firstOut.accumulateAndGet(now, Math::min);
                lastOut.accumulateAndGet(now, Math::max);
                outAfterKill.incrementAndGet();
            }
            if (event.type() == MessageType.EVENT_DN_BACK_IN_SERVICE && terminalDns.contains(event.thisDn())) {
                backInService.incrementAndGet();
                long now = System.nanoTime();
                if (now > killedAt.get()) {
                    first.accumulateAndGet(now, Math::min);
                    last.accumulateAndGet(now, Math::max);
                    afterKill.incrementAndGet();
                }
            }
        }));
        List<CompletableFuture<Message>> registered = new ArrayList<>();
        for (int t = 0; t < terminals; t++) {
            registered.add(desks.get(t % clients).registerAddress(LoadConfig.terminal(t), remote(t)));
        }
        registered.forEach(CompletableFuture::join);
        awaitTrue(() -> backInService.get() >= terminals && health(backupHealth).at("/ha/controlledTerminals").asInt() == terminals,
                timeout, "every terminal to be extended and mirrored");
        List<String> healths = List.of("http://127.0.0.1:" + sw.group(2) + "/api/health",
                "http://127.0.0.1:" + a.group(2) + "/api/health", backupHealth);
        JitWarmup warmup = new JitWarmup(warmupPass, warmupLimit, () -> compileMillis(healths));
        warmup.run(length -> warmUp(desks, terminals, backInService, backupHealth, length, timeout));
        List<AgentSetUp> agents = logAgentsIn(desks, load.agents());
        List<CallSetUp> calls = establishCalls(desks, load.agents(), load.calls());
        awaitTrue(() -> health(backupHealth).at("/ha/replicated/agents").asInt() == agents.size()
                && health(backupHealth).at("/ha/replicated/calls").asInt() == calls.size(), timeout, "agents and calls to be mirrored");

        List<ProcessHandle> machine = new ArrayList<>(processes.stream().map(Process::toHandle).toList());
        machine.add(ProcessHandle.current());
        long settledMs = settle.isZero() ? 0 : Quiescence.await(machine, settle);
        KernelDaemons kernel = KernelDaemons.machine();
        long kdamondBefore = kernel.kdamondCpuMs();
        long faultsBefore = GeneratorMemory.minorFaults();
        killedAt.set(System.nanoTime());
        primary.destroyForcibly();
        awaitTrue(() -> afterKill.get() >= terminals, timeout, "every terminal back in service");
        long kdamondMs = kernel.kdamondCpuMs() - kdamondBefore;
        long generatorFaults = GeneratorMemory.faultsSince(faultsBefore);
        // the server records its own figure when its takeover completes, which may be just after the last event went out
        awaitTrue(() -> health(backupHealth).at("/ha/lastSwitchoverMs").asLong(-1) >= 0, timeout, "the backup to report its takeover");
        JsonNode ha = health(backupHealth).path("ha");
        HotStandbyClient asker = desks.get(0);
        return warmup.describe(new BenchResult("switchover")
                .put("terminals", terminals)
                .put("clients", clients)
                .put("agents", agents.size())
                .put("agentsKept", agents.stream().filter(agent -> kept(asker, agent)).count())
                .put("calls", calls.size())
                .put("callsKept", calls.stream().filter(call -> kept(asker, call)).count())
                .put("releasedAfterKill", releasedAfterKill.get())
                .put("agentLogoutsAfterKill", logoutsAfterKill.get())
                .put("firstBackMs", TimeUnit.NANOSECONDS.toMillis(first.get() - killedAt.get()))
                .put("lastBackMs", TimeUnit.NANOSECONDS.toMillis(last.get() - killedAt.get()))
                .put("outOfServiceAfterKill", outAfterKill.get())
                .put("firstOutOfServiceMs", outAfterKill.get() == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(firstOut.get() - killedAt.get()))
                .put("lastOutOfServiceMs", outAfterKill.get() == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(lastOut.get() - killedAt.get()))
                .put("settleLimitMs", settle.toMillis())
                .put("settledMs", settledMs)
                .put("server.switchoverMs", ha.path("lastSwitchoverMs").asLong())
                .put("heartbeatTimeoutMs", 1500)
                .put("machine.damon", kernel.damonState())
                .put("machine.kdamondCpuMs", kdamondMs)
                .put("generator.heapMaxMB", GeneratorMemory.heapMaxMB())
                .put("generator.pageFaults", generatorFaults)
                .put("warmup.cycles", cycles));
    }

    /**
     * One warm-up pass, at least {@code length} long: cycles in which every terminal is deactivated (its desk unregisters
     * it) and extended again, each cycle ending when the backup mirrors every terminal again. It runs, in all three
     * processes, the code a pair in service runs all day (activations, deactivations, their events and their
     * replication), which a pair that has only extended each terminal once has not compiled yet; the takeover's own code
     * stays as cold as in a backup that has never taken over.
     */
    private void warmUp(List<HotStandbyClient> desks, int terminals, AtomicInteger backInService, String backupHealth, Duration length,
            Duration timeout) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        do {
            List<CompletableFuture<Message>> unregistered = new ArrayList<>();
            for (int t = 0; t < terminals; t++) {
                unregistered.add(desks.get(t % desks.size()).unregisterAddress(LoadConfig.terminal(t)));
            }
            unregistered.forEach(CompletableFuture::join);
            awaitTrue(() -> health(backupHealth).at("/ha/controlledTerminals").asInt() == 0, timeout, "every terminal to be released");
            int before = backInService.get();
            List<CompletableFuture<Message>> registered = new ArrayList<>();
            for (int t = 0; t < terminals; t++) {
                registered.add(desks.get(t % desks.size()).registerAddress(LoadConfig.terminal(t), remote(t)));
            }
            registered.forEach(CompletableFuture::join);
            awaitTrue(() -> backInService.get() >= before + terminals
                    && health(backupHealth).at("/ha/controlledTerminals").asInt() == terminals, timeout, "every terminal to be extended again");
            cycles++;
        } while (System.nanoTime() < end);
    }

    private static KeyValueList remote(int t) {
        return KeyValueList.ofStrings("REMOTE_DEST", LoadConfig.destination(t), "REMOTE_NAME", "Mobile " + t);
    }

    /** The switch's and both servers' compilation time together, or -1 when one does not report it. */
    private static long compileMillis(List<String> healths) {
        long sum = 0;
        for (String url : healths) {
            try {
                long ms = health(url).at("/jvm/compilationTimeMs").asLong(-1);
                if (ms < 0) {
                    return -1;
                }
                sum += ms;
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return sum;
    }

    /** Agent i logs in on phone i through desk i % desks, then goes Ready, Not Ready or to after-call work by i % 3. */
    private static List<AgentSetUp> logAgentsIn(List<HotStandbyClient> desks, int agents) {
        List<AgentSetUp> set = new ArrayList<>();
        List<CompletableFuture<Message>> done = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            HotStandbyClient desk = desks.get(i % desks.size());
            String dn = LoadConfig.phone(i);
            AgentSetUp agent = switch (i % 3) {
                case 0 -> new AgentSetUp(dn, "A" + i, "Ready", "ManualIn", null);
                case 1 -> new AgentSetUp(dn, "A" + i, "NotReady", "AuxWork", "R" + (i % 5));
                default -> new AgentSetUp(dn, "A" + i, "NotReady", "AfterCallWork", null);
            };
            set.add(agent);
            done.add(desk.registerAddress(dn)
                    .thenCompose(ok -> desk.request(Message.builder(MessageType.REQUEST_AGENT_LOGIN).put(Attribute.THIS_DN, dn)
                            .put(Attribute.AGENT_ID, agent.agentId()).build()))
                    .thenCompose(ok -> desk.request(stateRequest(agent))));
        }
        done.forEach(CompletableFuture::join);
        return set;
    }

    private static Message stateRequest(AgentSetUp agent) {
        if (agent.state().equals("Ready")) {
            return Message.builder(MessageType.REQUEST_AGENT_READY).put(Attribute.THIS_DN, agent.dn()).build();
        }
        Message.Builder request = Message.builder(MessageType.REQUEST_AGENT_NOT_READY).put(Attribute.THIS_DN, agent.dn())
                .put(Attribute.AGENT_WORK_MODE, agent.workMode());
        if (agent.reasonCode() != null) {
            request.put(Attribute.REASONS, KeyValueList.ofStrings("ReasonCode", agent.reasonCode()));
        }
        return request.build();
    }

    /** Call j from phone first+2j (desk j) to phone first+2j+1 (desk j+1), answered there. */
    private static List<CallSetUp> establishCalls(List<HotStandbyClient> desks, int first, int calls) {
        List<CompletableFuture<CallSetUp>> done = new ArrayList<>();
        for (int j = 0; j < calls; j++) {
            HotStandbyClient callerDesk = desks.get(j % desks.size());
            HotStandbyClient calleeDesk = desks.get((j + 1) % desks.size());
            String caller = LoadConfig.phone(first + 2 * j);
            String callee = LoadConfig.phone(first + 2 * j + 1);
            done.add(callerDesk.registerAddress(caller).thenCompose(ok -> calleeDesk.registerAddress(callee))
                    .thenCompose(ok -> callerDesk.request(Message.builder(MessageType.REQUEST_MAKE_CALL).put(Attribute.THIS_DN, caller)
                            .put(Attribute.OTHER_DN, callee).build()))
                    .thenCompose(dialing -> {
                        String connId = dialing.string(Attribute.CONN_ID).orElseThrow();
                        return calleeDesk.request(Message.builder(MessageType.REQUEST_ANSWER_CALL).put(Attribute.THIS_DN, callee)
                                .put(Attribute.CONN_ID, connId).build()).thenApply(ok -> new CallSetUp(caller, callee, connId));
                    }));
        }
        return done.stream().map(CompletableFuture::join).toList();
    }

    /** Whether the new primary has {@code agent} logged in, in the state, work mode and reason it was left in. */
    private static boolean kept(HotStandbyClient asker, AgentSetUp agent) {
        Message info = query(asker, agent.dn());
        KeyValueList extensions = info.extensions();
        return agent.agentId().equals(extensions.getString("AGENT_ID").orElse(null))
                && agent.state().equals(extensions.getString("AGENT_STATE").orElse(null))
                && agent.workMode().equals(extensions.getString("AGENT_WORK_MODE").orElse(null))
                && java.util.Objects.equals(agent.reasonCode(), info.kvList(Attribute.REASONS).getString("ReasonCode").orElse(null));
    }

    /** Whether the new primary has {@code call} established at both its parties under the same ConnID. */
    private static boolean kept(HotStandbyClient asker, CallSetUp call) {
        return List.of(call.caller(), call.callee()).stream().allMatch(dn -> query(asker, dn).extensions().get("CALLS")
                .filter(KeyValueList.class::isInstance).map(c -> ((KeyValueList) c).getString(call.connId()))
                .flatMap(state -> state).filter("Established"::equals).isPresent());
    }

    private static Message query(HotStandbyClient asker, String dn) {
        return asker.request(Message.builder(MessageType.REQUEST_QUERY_ADDRESS).put(Attribute.THIS_DN, dn).build()).join();
    }

    private static String[] args(List<String> common, String... more) {
        List<String> all = new ArrayList<>(List.of("server"));
        all.addAll(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private Matcher start(String name, Pattern up, String... tandemArgs) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        if (name.equals("backup")) {
            jvm.addAll(serverOptions);
        } else if (name.equals("switch")) {
            jvm.addAll(switchOptions);
        }
        TandemProcess started = TandemProcess.start(classPath, jvm, work.resolve(name + ".log"), up, List.of(tandemArgs));
        processes.add(started.process());
        return started.up();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonNode health(String url) throws IOException, InterruptedException {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A condition the scenario polls. */
    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
