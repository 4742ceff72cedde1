package io.tandem.app;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_ESTABLISHED;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.RequestOptions;
import io.tandem.process.LoadConfig;
import io.tandem.process.TandemProcess;
import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.TandemClient;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console end to end, in the system's headless Chromium driven by Playwright, against the
 * all-in-one server (embedded switch, demo configuration) started as its own process. Screenshots of the
 * main pages go to {@code target/console-screenshots}.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final LocatorAssertions.HasTextOptions SOON = new LocatorAssertions.HasTextOptions().setTimeout(10_000);
    private static final LocatorAssertions.HasAttributeOptions SOON_ATTRIBUTE = new LocatorAssertions.HasAttributeOptions().setTimeout(10_000);

    private static Playwright playwright;
    private static Browser browser;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private String base;
    private int ctiPort;

    @BeforeAll
    static void launchBrowser() {
        assertThat(CHROMIUM).as("Debian's chromium package (installed by .ci/run)").exists();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private void startServer(String... configArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("server", "--cti-port", "0", "--http-port", "0", "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(configArgs));
        TandemProcess server = TandemProcess.start(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                List.of("-Xmx512m"), dir.resolve("server.log"), TandemProcess.SERVER_UP, args);
        open.add(() -> {
            server.process().destroy();
            server.process().waitFor();
        });
        ctiPort = server.port(1);
        base = "http://127.0.0.1:" + server.port(2);
    }

    private Page logIn(String user, String password) {
        Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900)).newPage();
        open.add(page.context()::close);
        page.navigate(base + "/");
        page.fill("#login-user", user);
        page.fill("#login-password", password);
        page.click("#login-submit");
        PlaywrightAssertions.assertThat(page.locator("#who")).hasText(user + (user.equals("viewer") ? " (read-only)" : " (admin)"), SOON);
        PlaywrightAssertions.assertThat(page.locator("#live")).hasClass("on", new LocatorAssertions.HasClassOptions().setTimeout(10_000));
        return page;
    }

    private static void screenshot(Page page, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private TandemClient client(String identity, EventCollector events) {
        TandemClient client = TandemClient.connect(ClientOptions.tcp("127.0.0.1", ctiPort, "desk").withClientIdentity(identity));
        open.add(client);
        client.addListener(events);
        return client;
    }

    private static String cell(String rowKey, String column) {
        return "#table tr[data-key='" + rowKey + "'] td[data-col='" + column + "']";
    }

    @Test
    void anAdminSeesTerminalsCallsAndLoginsChangeLiveAndActsOnTheSwitch() throws Exception {
        startServer();
        Page page = logIn("admin", "admin");
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "state"))).hasText("out of service (NotExtended)", SOON);
        page.evaluate("() => window.sameDocument = 'yes'");

        // a real client extends 7001: the console follows without a reload
        EventCollector desk = new EventCollector();
        TandemClient alice = client("desk-alice", desk);
        alice.registerAddress("7001", KeyValueList.ofStrings("REMOTE_DEST", "0611111111", "REMOTE_NAME", "Alice mobile")).join();
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "state"))).hasText("in service", SOON);
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "remoteDest"))).hasText("0611111111");
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "remoteName"))).hasText("Alice mobile");
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "controller"))).hasText("desk-alice");
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "registeredClients"))).hasText("desk-alice");
        assertThat(page.evaluate("() => window.sameDocument")).as("updated in place, not reloaded").isEqualTo("yes");
        screenshot(page, "remote-terminals");

        // the simulator takes the remote device out of service and back: the client sees both
        page.click("[data-testid='out-of-service-CTIRDagent01']");
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "state"))).hasText("out of service (DeviceOutOfService)", SOON);
        extensionsOf(skipTo(desk, EVENT_DN_OUT_OF_SERVICE, "7001"), "OOS_REASON", "DeviceOutOfService");
        page.click("[data-testid='in-service-CTIRDagent01']");
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "state"))).hasText("in service", SOON);
        extensionsOf(skipTo(desk, EVENT_DN_BACK_IN_SERVICE, "7001"), "REMOTE_DEST", "0611111111");

        // a call from the network rings at the mobile; one click answers it there
        page.fill("#call-from", "0690000001");
        page.fill("#call-to", "7001");
        page.click("#place-call-button");
        page.click("#tabs button[data-tab='calls']");
        page.click("[data-testid='answer-0611111111']");
        PlaywrightAssertions.assertThat(page.locator("[data-testid='switch-calls'] tr[data-party='0611111111'] td[data-col='partyState']"))
                .hasText("CONNECTED", SOON);
        PlaywrightAssertions.assertThat(page.locator("#table tbody tr td[data-col='parties']")).hasText("7001: Established", SOON);
        skipTo(desk, EVENT_RINGING, "7001");
        skipTo(desk, EVENT_ESTABLISHED, "7001");
        screenshot(page, "calls");

        // logging agent01 in to a phone from the console: the client on agent01's DN 8001 sees it
        EventCollector hotDesk = new EventCollector();
        TandemClient supervisor = client("supervisor", hotDesk);
        supervisor.registerAddress("8001").join();
        skipTo(hotDesk, EVENT_REGISTERED, "8001");
        page.click("#tabs button[data-tab='phones']");
        page.fill("[data-testid='login-user-SEP000000006001']", "agent01");
        Object renders = page.evaluate("() => window.tandemRenders");
        alice.registerAddress("6005").join();
        page.waitForFunction("n => window.tandemRenders > n", renders);
        PlaywrightAssertions.assertThat(page.locator("[data-testid='login-user-SEP000000006001']"))
                .hasValue("agent01", new LocatorAssertions.HasValueOptions().setTimeout(1_000));
        page.click("[data-testid='login-SEP000000006001']");
        PlaywrightAssertions.assertThat(page.locator(cell("SEP000000006001", "user"))).hasText("agent01", SOON);
        PlaywrightAssertions.assertThat(page.locator(cell("SEP000000006001", "profile"))).hasText("agent01-8845");
        PlaywrightAssertions.assertThat(page.locator(cell("SEP000000006001", "lines"))).hasText("8001");
        Message loggedIn = skipTo(hotDesk, EVENT_DN_BACK_IN_SERVICE, "8001");
        assertThat(loggedIn.extensions().getString("EM_DEVICE")).contains("SEP000000006001");
        assertThat(loggedIn.extensions().getString("EM_USER")).contains("agent01");
        screenshot(page, "phones");

        // configuration at run time, through the admin API with the browser's session
        APIResponse addedDestination = page.request().post(base + "/api/admin/config/devices/CTIRDagent02/remote-destinations",
                RequestOptions.create().setData(Map.of("number", "0622222222", "name", "Agent 02 mobile")));
        assertThat(addedDestination.status()).isEqualTo(200);
        assertThat(addedDestination.text()).contains("\"number\":\"0622222222\"", "\"name\":\"Agent 02 mobile\"");
        APIResponse duplicate = page.request().post(base + "/api/admin/config/devices/CTIRDagent03/remote-destinations",
                RequestOptions.create().setData(Map.of("number", "0622222222")));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.text()).contains("0622222222 is already a remote destination of device CTIRDagent02");
        assertThat(page.request().delete(base + "/api/admin/config/devices/CTIRDagent02/remote-destinations/0622222222").status())
                .isEqualTo(200);
        APIResponse addedDn = page.request().post(base + "/api/admin/config/dns", RequestOptions.create().setData(Map.of("number", "9100")));
        assertThat(addedDn.status()).isEqualTo(200);
        page.click("#tabs button[data-tab='dns']");
        page.fill("#search", "9100");
        PlaywrightAssertions.assertThat(page.locator(cell("9100", "state"))).hasText("out of service (DeviceNotFound)", SOON);

        // a new agent and her profile, added at run time, log in from the console at once
        assertThat(page.request().post(base + "/api/admin/config/users",
                RequestOptions.create().setData(Map.of("id", "agent11", "name", "Agent 11", "mobility", true))).status()).isEqualTo(200);
        APIResponse profile = page.request().post(base + "/api/admin/config/profiles", RequestOptions.create().setData(Map.of(
                "name", "agent11-8845", "user", "agent11", "model", "Cisco 8845", "lines", List.of("8011"), "default", true,
                "controlledBy", List.of("tandem"))));
        assertThat(profile.status()).as(profile.text()).isEqualTo(200);
        page.click("#tabs button[data-tab='phones']");
        page.fill("#search", "");
        page.fill("[data-testid='login-user-SEP000000006002']", "agent11");
        page.click("[data-testid='login-SEP000000006002']");
        PlaywrightAssertions.assertThat(page.locator(cell("SEP000000006002", "profile"))).hasText("agent11-8845", SOON);
        PlaywrightAssertions.assertThat(page.locator(cell("SEP000000006002", "lines"))).hasText("8011");
        APIResponse inUse = page.request().delete(base + "/api/admin/config/profiles/agent11-8845");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.text()).contains("device profile 'agent11-8845' is in use on SEP000000006002; log the user out first");

        page.click("#tabs button[data-tab='clients']");
        PlaywrightAssertions.assertThat(page.locator("#table tbody")).containsText("desk-alice", new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        page.click("#tabs button[data-tab='server']");
        PlaywrightAssertions.assertThat(page.locator(cell("Role", "value"))).hasText("primary", SOON);
        PlaywrightAssertions.assertThat(page.locator(cell("Switch link", "value"))).hasText("up");
        screenshot(page, "server");
    }

    @Test
    void theAgentsViewFollowsAgentsLiveAndAnAdminLogoutReachesTheDesktop() throws Exception {
        startServer();
        Page page = logIn("admin", "admin");
        page.click("#tabs button[data-tab='agents']");
        EventCollector desk = new EventCollector();
        TandemClient agent = client("desk-agent01", desk);
        agent.registerAddress("7001", KeyValueList.ofStrings("REMOTE_DEST", "0611111111")).join();
        agent.agentLogin("7001", "1001").join();
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "agentId"))).hasText("1001", SOON);
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "state"))).hasText("NotReady", SOON);
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "loggedInBy"))).hasText("desk-agent01");

        agent.agentReady("7001").join();
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "state"))).hasText("Ready", SOON);
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "workMode"))).hasText("ManualIn");
        agent.agentNotReady("7001", "Lunch").join();
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "reason"))).hasText("Lunch", SOON);
        agent.agentReady("7001").join();
        screenshot(page, "agents");

        page.click("[data-testid='agent-not-ready-7001']");
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "state"))).hasText("NotReady", SOON);
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "reason"))).hasText("Administrator");
        assertThat(skipTo(desk, io.tandem.protocol.MessageType.EVENT_AGENT_NOT_READY, "7001").string(io.tandem.protocol.Attribute.AGENT_WORK_MODE))
                .as("at login").contains("Unknown");
        Message notReady = skipTo(desk, io.tandem.protocol.MessageType.EVENT_AGENT_NOT_READY, "7001");
        assertThat(notReady.kvList(io.tandem.protocol.Attribute.REASONS).getString("ReasonCode")).contains("Lunch");
        assertThat(skipTo(desk, io.tandem.protocol.MessageType.EVENT_AGENT_NOT_READY, "7001").kvList(io.tandem.protocol.Attribute.REASONS)
                .getString("ReasonCode")).contains("Administrator");

        page.click("[data-testid='agent-logout-7001']");
        PlaywrightAssertions.assertThat(page.locator("#table tbody tr")).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        Message logout = skipTo(desk, io.tandem.protocol.MessageType.EVENT_AGENT_LOGOUT, "7001");
        assertThat(logout.kvList(io.tandem.protocol.Attribute.REASONS).getString("LOGOUT_REASON")).contains("Administrator");
    }

    @Test
    void routePointsQueuesAndTheWallboardFollowTheContactCenterLive() throws Exception {
        startServer();
        EventCollector routerEvents = new EventCollector();
        TandemClient router = client("test-router", routerEvents);
        router.registerAddress("5000").join();
        EventCollector desk = new EventCollector();
        TandemClient agent = client("desk-agent02", desk);
        agent.registerAddress("7002", KeyValueList.ofStrings("REMOTE_DEST", "0622222222")).join();
        agent.agentLogin("7002", "1002").join();
        agent.agentReady("7002").join();

        Page board = logIn("viewer", "viewer");
        board.navigate(base + "/#wallboard");
        PlaywrightAssertions.assertThat(board.locator("[data-testid='wallboard-ready'] .tile-value")).hasText("1", SOON);
        PlaywrightAssertions.assertThat(board.locator("[data-testid='wallboard-waiting'] .tile-value")).hasText("0");
        Page page = logIn("admin", "admin");
        page.click("#tabs button[data-tab='routing']");
        PlaywrightAssertions.assertThat(page.locator(cell("5000", "routers"))).hasText("1", SOON);
        PlaywrightAssertions.assertThat(page.locator(cell("5000", "callback"))).hasText("registered", SOON);

        page.fill("#call-from", "0690000042");
        page.fill("#call-to", "5000");
        page.click("#place-call-button");
        Message request = skipTo(routerEvents, io.tandem.protocol.MessageType.EVENT_ROUTE_REQUEST, "5000");
        io.tandem.client.RouteRequest waiting = io.tandem.client.RouteRequest.of(request).orElseThrow();
        router.request(waiting.queue("9000")).join();
        PlaywrightAssertions.assertThat(page.locator(cell("5000", "waiting"))).hasText("1", SOON);
        PlaywrightAssertions.assertThat(page.locator(cell("5000", "calls"))).hasText(waiting.connId() + " (in 9000)");
        PlaywrightAssertions.assertThat(board.locator("[data-testid='wallboard-waiting'] .tile-value")).hasText("1", SOON);
        PlaywrightAssertions.assertThat(board.locator("[data-testid='queues'] tr[data-queue='9000'] td[data-col='depth']")).hasText("1");
        PlaywrightAssertions.assertThat(board.locator("[data-testid='queues'] tr[data-queue='9000'] td[data-col='longest']"))
                .hasText(java.util.regex.Pattern.compile("[1-9][0-9]* s"), SOON);
        screenshot(page, "routing");

        router.request(waiting.route("7002")).join();
        PlaywrightAssertions.assertThat(board.locator("[data-testid='wallboard-waiting'] .tile-value")).hasText("0", SOON);
        PlaywrightAssertions.assertThat(board.locator("[data-testid='routed-chart'] rect").last()).hasAttribute("data-routed", "1", SOON_ATTRIBUTE);
        PlaywrightAssertions.assertThat(page.locator(cell("5000", "waiting"))).hasText("0", SOON);
        screenshot(board, "wallboard");
    }

    @Test
    void theCallsViewShowsARecordingAndAnAdminStopsIt() throws Exception {
        startServer();
        EventCollector desk = new EventCollector();
        TandemClient agent = client("desk-6002", desk);
        agent.registerAddress("6002").join();
        Page page = logIn("admin", "admin");
        page.click("#tabs button[data-tab='calls']");
        page.fill("#call-from", "0690000077");
        page.fill("#call-to", "6002");
        page.click("#place-call-button");
        String connId = skipTo(desk, io.tandem.protocol.MessageType.EVENT_RINGING, "6002").string(io.tandem.protocol.Attribute.CONN_ID)
                .orElseThrow();
        agent.request(io.tandem.protocol.Message.builder(io.tandem.protocol.MessageType.REQUEST_ANSWER_CALL)
                .put(io.tandem.protocol.Attribute.THIS_DN, "6002").put(io.tandem.protocol.Attribute.CONN_ID, connId).build()).join();
        page.click("[data-testid='record-start-" + connId + "-6002']", new Page.ClickOptions().setTimeout(10_000));
        PlaywrightAssertions.assertThat(page.locator("[data-testid='recording-" + connId + "-6002']"))
                .hasText(java.util.regex.Pattern.compile("6002: REC-\\d+"), SOON);
        Message started = skipTo(desk, io.tandem.protocol.MessageType.EVENT_PRIVATE_INFO, "6002");
        assertThat(started.extensions().getString("RECORDING_STATE")).contains("started");

        TandemClient supervisor = client("supervisor-6100", new EventCollector());
        supervisor.registerAddress("6100").join();
        supervisor.monitor("6100", "6002", "coach", false).join();
        PlaywrightAssertions.assertThat(page.locator(cell(connId, "monitoring"))).hasText("6100 (coach) on 6002", SOON);
        screenshot(page, "recording");

        page.click("[data-testid='record-stop-" + connId + "-6002']");
        PlaywrightAssertions.assertThat(page.locator("[data-testid='record-start-" + connId + "-6002']")).isVisible();
        Message stopped = skipTo(desk, io.tandem.protocol.MessageType.EVENT_PRIVATE_INFO, "6002");
        assertThat(stopped.extensions().getString("RECORDING_STATE")).contains("stopped");
        assertThat(stopped.extensions().getString("RECORDING_ID")).isEqualTo(started.extensions().getString("RECORDING_ID"));
    }

    @Test
    void aReadOnlyUserSeesEverythingAndCanChangeNothing() throws Exception {
        startServer();
        Page page = logIn("viewer", "viewer");
        PlaywrightAssertions.assertThat(page.locator(cell("7001", "state"))).hasText("out of service (NotExtended)", SOON);
        PlaywrightAssertions.assertThat(page.locator("#simulator")).isHidden();
        page.click("#tabs button[data-tab='phones']");
        PlaywrightAssertions.assertThat(page.locator(cell("SEP000000006001", "device"))).hasText("SEP000000006001", SOON);
        PlaywrightAssertions.assertThat(page.locator("[data-testid='login-SEP000000006001']")).hasCount(0);
        PlaywrightAssertions.assertThat(page.locator("#table button")).hasCount(0);

        APIResponse call = page.request().post(base + "/api/switch/calls",
                RequestOptions.create().setData(Map.of("from", "0690000001", "to", "7001")));
        assertThat(call.status()).isEqualTo(403);
        assertThat(call.text()).contains("user 'viewer' is read-only");
        APIResponse login = page.request().post(base + "/api/admin/phones/SEP000000006001/login",
                RequestOptions.create().setData(Map.of("user", "agent01")));
        assertThat(login.status()).isEqualTo(403);
        APIResponse phones = page.request().get(base + "/api/admin/phones");
        assertThat(phones.status()).isEqualTo(200);
        assertThat(phones.text()).contains("SEP000000006001").doesNotContain("agent01-8845");

        page.click("#logout");
        PlaywrightAssertions.assertThat(page.locator("#login-form")).isVisible();
        assertThat(page.request().get(base + "/api/admin/dns").status()).as("the session ended").isEqualTo(401);
        page.fill("#login-user", "viewer");
        page.fill("#login-password", "wrong");
        page.click("#login-submit");
        PlaywrightAssertions.assertThat(page.locator("#login-error")).hasText("wrong user name or password", SOON);
    }

    @Test
    void tenThousandTerminalsArePagedAndSearchable() throws Exception {
        Path config = dir.resolve("big.yaml");
        Files.writeString(config, LoadConfig.yaml(10_000, 0, false));
        startServer("--config", config.toString());
        Page page = logIn(LoadConfig.CONSOLE_USER, "bench");
        PlaywrightAssertions.assertThat(page.locator("#range")).hasText("1–50 of 10,000", SOON);
        PlaywrightAssertions.assertThat(page.locator("#table tbody tr")).hasCount(50);
        page.click("#next");
        PlaywrightAssertions.assertThat(page.locator("#range")).hasText("51–100 of 10,000", SOON);
        PlaywrightAssertions.assertThat(page.locator("#table tbody tr").first()).hasAttribute("data-key", LoadConfig.terminal(50));

        String wanted = LoadConfig.terminal(9_876);
        page.fill("#search", wanted);
        PlaywrightAssertions.assertThat(page.locator("#range")).hasText("1–1 of 1", SOON);
        PlaywrightAssertions.assertThat(page.locator(cell(wanted, "dn"))).hasText(wanted);
        page.fill("#search", "CTIRD9876");
        PlaywrightAssertions.assertThat(page.locator(cell(wanted, "device"))).hasText("CTIRD9876", SOON);
        screenshot(page, "ten-thousand-terminals");
    }

    private static void extensionsOf(Message event, String key, String value) {
        assertThat(event.extensions().getString(key)).as(key + " of " + event).contains(value);
    }

    private static Message skipTo(EventCollector events, io.tandem.protocol.MessageType type, String dn) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = events.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m.type() == type && dn.equals(m.thisDn())) {
                return m;
            }
        }
        throw new AssertionError("no " + type + " on " + dn + " within " + WAIT);
    }
}
