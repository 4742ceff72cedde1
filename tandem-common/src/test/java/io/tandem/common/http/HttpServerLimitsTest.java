package io.tandem.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.common.net.ConnectionLimits;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP server's shared budget for request bodies (security-probe D4: unfinished bodies exhausting memory). */
class HttpServerLimitsTest {

    private NioEventLoopGroup group;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        group = new NioEventLoopGroup(2);
        Router router = new Router().add("POST", "/echo", Access.PUBLIC, x -> java.util.concurrent.CompletableFuture.completedFuture(
                HttpReply.ok(Map.of("bytes", x.body().length))))
                .add("GET", "/busy", Access.PUBLIC, x -> java.util.concurrent.CompletableFuture.failedFuture(
                        new java.util.concurrent.RejectedExecutionException("cti-core has 100000 tasks waiting; try again")));
        server = HttpServer.start("127.0.0.1", 0, router, List.of(), HttpServer.Options.DEFAULT
                .withLimits(new ConnectionLimits(100, 100, Duration.ofSeconds(5))).withBodyBudget(100_000), group, group);
    }

    @AfterEach
    void stop() {
        server.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Socket openChunked(int bytes) throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(bytes) + "\r\n" + "x".repeat(bytes) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return s;
    }

    private static String answer(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void workRefusedByABusyOwnerIsAnswered503WithTheReason() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write("GET /busy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String answer = answer(s);
            assertThat(answer).startsWith("HTTP/1.1 503 ")
                    .endsWith("{\"error\":\"the server is busy: cti-core has 100000 tasks waiting; try again\"}");
        }
    }

    @Test
    void unfinishedBodiesBeyondTheBudgetAreRefusedAndTheBudgetIsGivenBack() throws Exception {
        try (Socket first = openChunked(60_000)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.bodyBytesHeld() == 60_000);
            Socket second = openChunked(60_000);
            String refused = answer(second);
            second.close();
            assertThat(refused).startsWith("HTTP/1.1 503").contains("the server holds too many request bodies at once");
            first.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new String(first.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.bodyBytesHeld() == 0);
        try (Socket again = openChunked(60_000)) {
            again.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new String(again.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1))
                    .as("the refused and the finished bodies gave their bytes back").isEqualTo("HTTP/1.1 200");
        }
    }
}
