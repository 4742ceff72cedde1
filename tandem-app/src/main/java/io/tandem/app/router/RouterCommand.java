package io.tandem.app.router;

import io.tandem.client.ClientOptions;
import io.tandem.client.HotStandbyClient;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./tandem router}: the reference router, against one server or a primary/backup pair. */
@Command(name = "router", mixinStandardHelpOptions = true,
        description = {"Route the calls of route points to the longest-idle Ready agent (the reference router).",
            "Against a pair, give --server twice: it follows the primary."})
public final class RouterCommand implements Callable<Integer> {

    @Option(names = "--server", paramLabel = "HOST:PORT", description = "a CTI server; twice for a pair (default: localhost:7000)")
    List<String> servers = new ArrayList<>();

    @Option(names = "--route-point", paramLabel = "DN", description = "a route point to route (default: 5000)")
    List<String> routePoints = new ArrayList<>();

    @Option(names = "--queue", paramLabel = "DN", description = "the virtual queue of waiting calls (default: ${DEFAULT-VALUE})")
    String queue = "9000";

    @Option(names = "--agents", paramLabel = "DN", split = ",", description = "the agents' DNs (default: 7001 to 7010)")
    List<String> agents = new ArrayList<>();

    @Option(names = "--max-wait", paramLabel = "SECONDS", description = "longest wait in the queue before overflow (default: ${DEFAULT-VALUE})")
    int maxWait = 45;

    @Option(names = "--overflow", paramLabel = "DN", description = "where calls go after the longest wait (default: ${DEFAULT-VALUE})")
    String overflow = "6100";

    @Option(names = "--app", paramLabel = "NAME", description = "ApplicationName (default: ${DEFAULT-VALUE})")
    String application = "reference-router";

    @Option(names = "--password", paramLabel = "PW", description = "Password, when the servers require one")
    String password;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<ClientOptions> options = new ArrayList<>();
        for (String server : servers.isEmpty() ? List.of("localhost:7000") : servers) {
            int colon = server.lastIndexOf(':');
            options.add(ClientOptions.tcp(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)), application)
                    .withPassword(password).withClientIdentity(application));
        }
        List<String> agentDns = agents.isEmpty() ? List.of("7001", "7002", "7003", "7004", "7005", "7006", "7007", "7008", "7009", "7010")
                : agents;
        ReferenceRouter.Settings settings = new ReferenceRouter.Settings(routePoints.isEmpty() ? List.of("5000") : routePoints, queue,
                agentDns, Duration.ofSeconds(maxWait), overflow);
        HotStandbyClient client = HotStandbyClient.connect(options);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try (ReferenceRouter router = ReferenceRouter.start(client, settings, out::println, Clock.systemUTC())) {
            out.println("router up");
            stop.await();
        } finally {
            client.close();
        }
        return 0;
    }
}
