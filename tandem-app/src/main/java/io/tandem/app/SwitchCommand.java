package io.tandem.app;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.common.db.Database;
import io.tandem.common.http.HttpReply;
import io.tandem.common.http.HttpServer;
import io.tandem.common.http.Router;
import io.tandem.common.metrics.MetricsEndpoint;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.control.SwitchControlApi;
import io.tandem.ucm.link.LinkServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./tandem switch}: the embedded switch alone, serving its CTI link over TCP. */
@Command(name = "switch", mixinStandardHelpOptions = true,
        description = "Start the embedded switch alone; CTI servers connect with './tandem server --switch HOST:PORT'.")
final class SwitchCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: the bundled demo configuration)")
    Path config;

    @Option(names = "--bind", paramLabel = "HOST",
            description = "address to listen on, for both ports (default: ${DEFAULT-VALUE}, loopback only; 0.0.0.0 for all interfaces)")
    String bind = "127.0.0.1";

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "certificate chain for TLS on the link and HTTP ports")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "the certificate's PKCS#8 private key")
    Path tlsKey;

    @Option(names = "--link-port", paramLabel = "PORT", description = "switch link port (default: ${DEFAULT-VALUE})")
    int linkPort = 7100;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port: health and switch control API (default: ${DEFAULT-VALUE})")
    int httpPort = 8081;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Override
    public Integer call() throws Exception {
        TandemConfigFile file = TandemConfigFile.load(config);
        List<AutoCloseable> resources = new ArrayList<>();
        Database db = Database.open(database.settings("switch"), "switch-db");
        resources.add(db);
        EmbeddedSwitch sw = EmbeddedSwitch.start(file.requireSwitch(), db);
        resources.add(0, sw);
        PrometheusMeterRegistry metrics = MetricsEndpoint.newRegistry();
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(2);
        resources.add(() -> {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        });
        try {
            io.netty.handler.ssl.SslContext tls = new io.tandem.common.net.TlsConfig(tlsCert, tlsKey, null).server().orElse(null);
            LinkServer links = LinkServer.start(sw.links(), bind, linkPort, Duration.ofSeconds(1), io.tandem.common.net.ConnectionLimits.LINK,
                    java.time.Clock.systemUTC(), tls, boss, workers);
            resources.add(0, links);
            Router routes = new Router().publicGet("/api/health", x -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", "up");
                body.put("role", "switch");
                body.put("linkPort", links.port());
                body.put("jvm", io.tandem.common.metrics.JvmFigures.now());
                return HttpReply.ok(body);
            }).addAll(SwitchControlApi.routes(sw, metrics)).addAll(MetricsEndpoint.routes(metrics, () -> CompletableFuture.completedFuture(null)))
                    .authorizer(SwitchControlApi.applicationUsers(sw));
            HttpServer http = HttpServer.start(bind, httpPort, routes, List.of(), HttpServer.Options.DEFAULT.withTls(tls), boss, workers);
            resources.add(0, http);
            System.out.printf("Tandem switch is up: link port %d, HTTP http://localhost:%d/api/switch/devices, config %s%n",
                    links.port(), http.port(), file.source());
        } catch (RuntimeException e) {
            ServerCommand.closeAll(resources);
            throw new StartupException("cannot listen on " + bind + " ports " + linkPort + "/" + httpPort + ": " + e.getMessage(), e);
        }
        ServerCommand.awaitShutdown(resources);
        return 0;
    }
}
