package io.tandem.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client library on its own, against a loopback peer: framing, ReferenceIDs, errors, timeouts, disconnects. */
class TandemClientTest {

    private LoopbackPeer peer;
    private TandemClient client;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        peer = new LoopbackPeer();
        ClientOptions options = new ClientOptions(java.net.URI.create("tcp://127.0.0.1:" + peer.port()), "desk", null, "desk-1",
                Duration.ofMillis(800));
        CompletableFuture<TandemClient> connecting = CompletableFuture.supplyAsync(() -> TandemClient.connect(options));
        assertThat(peer.next()).isEqualTo("{\"message\":\"RequestRegisterClient\",\"ApplicationName\":\"desk\","
                + "\"ClientIdentity\":\"desk-1\",\"ReferenceID\":1}");
        peer.send("{\"message\":\"EventServerConnected\",\"ReferenceID\":1,\"Server\":\"t\",\"ServerRole\":\"primary\"}");
        client = connecting.get(5, TimeUnit.SECONDS);
        client.addListener(new EventListener() {
            @Override
            public void onEvent(Message event) {
                if (event.type() != MessageType.EVENT_SERVER_CONNECTED) { // may still be on its way to the listeners
                    seen.add(event.name());
                }
            }

            @Override
            public void onDisconnected(String reason) {
                seen.add("disconnected: " + reason);
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        peer.close();
    }

    @Test
    void eachRequestGetsTheNextReferenceIdAndIsAnsweredByTheEventCarryingIt() throws Exception {
        CompletableFuture<Message> first = client.registerAddress("7001");
        CompletableFuture<Message> second = client.registerAddress("7002");
        assertThat(peer.next()).isEqualTo("{\"message\":\"RequestRegisterAddress\",\"ThisDN\":\"7001\",\"ReferenceID\":2}");
        assertThat(peer.next()).isEqualTo("{\"message\":\"RequestRegisterAddress\",\"ThisDN\":\"7002\",\"ReferenceID\":3}");

        peer.send("{\"message\":\"EventDNBackInService\",\"ThisDN\":\"7009\"}");
        peer.send("{\"message\":\"EventRegistered\",\"ReferenceID\":3,\"ThisDN\":\"7002\"}");
        peer.send("{\"message\":\"EventRegistered\",\"ReferenceID\":2,\"ThisDN\":\"7001\"}");

        assertThat(second.get(5, TimeUnit.SECONDS).thisDn()).isEqualTo("7002");
        assertThat(first.get(5, TimeUnit.SECONDS).thisDn()).isEqualTo("7001");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(seen).containsExactly("EventDNBackInService", "EventRegistered", "EventRegistered"));
    }

    @Test
    void anEventErrorFailsItsRequestWithTheCodeAndTheText() throws Exception {
        CompletableFuture<Message> refused = client.request(Message.builder(MessageType.REQUEST_ANSWER_CALL).put(Attribute.THIS_DN, "7001").build());
        assertThat(peer.next()).contains("\"ReferenceID\":2");
        peer.send("{\"message\":\"EventError\",\"ReferenceID\":2,\"ErrorCode\":56,\"ErrorMessage\":\"DN 7001 is not registered\"}");

        Throwable failure = catchThrowable(() -> refused.get(5, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        RequestFailedException error = (RequestFailedException) failure.getCause();
        assertThat(error.errorCode()).isEqualTo(56);
        assertThat(error.errorMessage()).isEqualTo("DN 7001 is not registered");
    }

    @Test
    void anUnansweredRequestTimesOutAndALateAnswerIsStillAnEvent() throws Exception {
        CompletableFuture<Message> request = client.registerAddress("7001");
        assertThat(peer.next()).contains("\"ReferenceID\":2");
        Throwable failure = catchThrowable(() -> request.get(5, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(TimeoutException.class);

        peer.send("{\"message\":\"EventRegistered\",\"ReferenceID\":2,\"ThisDN\":\"7001\"}");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("EventRegistered"));
    }

    @Test
    void undecodableEventsAreSkippedAndTheConnectionGoesOn() throws Exception {
        peer.send("not json");
        peer.send("{\"message\":\"EventLinkConnected\"}");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(client::isLinkConnected);
        assertThat(seen).containsExactly("EventLinkConnected");
    }

    @Test
    void aDisconnectFailsEveryPendingRequestAndTellsTheListeners() throws Exception {
        CompletableFuture<Message> pending = client.registerAddress("7001");
        assertThat(peer.next()).contains("RequestRegisterAddress");
        peer.close();

        Throwable failure = catchThrowable(() -> pending.get(5, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("disconnected: ");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());
        assertThat(seen).singleElement().asString().startsWith("disconnected: ");
        CompletableFuture<Message> after = client.registerAddress("7002");
        assertThat(catchThrowable(() -> after.get(5, TimeUnit.SECONDS)).getCause()).hasMessage("not connected");
    }

    @Test
    void theTypedCallsSendTheirRequestsAsTheProtocolSays() throws Exception {
        client.redirectCall("6001", "c1", "6002");
        assertThat(peer.next()).isEqualTo("{\"message\":\"RequestRedirectCall\",\"ThisDN\":\"6001\",\"ConnID\":\"c1\",\"OtherDN\":\"6002\",\"ReferenceID\":2}");
        client.clearCall("6001", "c1");
        assertThat(peer.next()).isEqualTo("{\"message\":\"RequestClearCall\",\"ThisDN\":\"6001\",\"ConnID\":\"c1\",\"ReferenceID\":3}");
        client.muteTransfer("6001", "c1", "6003");
        assertThat(peer.next()).isEqualTo("{\"message\":\"RequestMuteTransfer\",\"ThisDN\":\"6001\",\"ConnID\":\"c1\",\"OtherDN\":\"6003\",\"ReferenceID\":4}");
        client.deleteFromConference("6001", "c1", "6003");
        assertThat(peer.next()).isEqualTo(
                "{\"message\":\"RequestDeleteFromConference\",\"ThisDN\":\"6001\",\"ConnID\":\"c1\",\"OtherDN\":\"6003\",\"ReferenceID\":5}");
        client.deletePair("6001", "c1", "case");
        assertThat(peer.next()).isEqualTo("{\"message\":\"RequestDeletePair\",\"ThisDN\":\"6001\",\"ConnID\":\"c1\",\"Key\":\"case\",\"ReferenceID\":6}");
        client.agentNotReady("6001", "Lunch");
        assertThat(peer.next()).isEqualTo("{\"message\":\"RequestAgentNotReady\",\"ThisDN\":\"6001\",\"Reasons\":{\"ReasonCode\":\"Lunch\"},\"ReferenceID\":7}");
        client.registerAll(null);
        assertThat(peer.next()).isEqualTo("{\"message\":\"RequestRegisterAll\",\"ReferenceID\":8}");
    }

    @Test
    void withKeepAliveTheClientAsksForItAnswersPingsAndDropsAServerThatStopsAnswering() throws Exception {
        try (LoopbackPeer silent = new LoopbackPeer()) {
            ClientOptions options = ClientOptions.tcp("127.0.0.1", silent.port(), "watcher")
                    .withKeepAlive(Duration.ofMillis(200), Duration.ofMillis(300));
            CompletableFuture<TandemClient> connecting = CompletableFuture.supplyAsync(() -> TandemClient.connect(options));
            assertThat(silent.next()).isEqualTo("{\"message\":\"RequestRegisterClient\",\"ApplicationName\":\"watcher\","
                    + "\"Extensions\":{\"KEEPALIVE_INTERVAL\":200,\"KEEPALIVE_TIMEOUT\":300},\"ReferenceID\":1}");
            silent.send("{\"message\":\"EventServerConnected\",\"ReferenceID\":1,\"Server\":\"t\",\"ServerRole\":\"primary\"}");
            CompletableFuture<String> lost = new CompletableFuture<>();
            try (TandemClient watcher = connecting.get(5, TimeUnit.SECONDS)) {
                watcher.addListener(new EventListener() {
                    @Override
                    public void onEvent(Message event) {
                        seen.add("watcher saw " + event.name());
                    }

                    @Override
                    public void onDisconnected(String reason) {
                        lost.complete(reason);
                    }
                });
                silent.send("{\"message\":\"Ping\"}");
                assertThat(silent.next()).as("answered at once").isEqualTo("{\"message\":\"Pong\"}");
                assertThat(silent.next()).as("polled after 200 ms of silence").isEqualTo("{\"message\":\"Ping\"}");
                assertThat(lost.get(5, TimeUnit.SECONDS)).isEqualTo("no answer to a keep-alive poll within 300 ms");
                assertThat(seen).as("pings and pongs never reach the application").doesNotContain("watcher saw Ping", "watcher saw Pong");
            }
        }
    }

    @Test
    void aRouteRequestIsReadFromItsEventAndAnsweredWithRouteRejectAndQueueRequests() throws Exception {
        List<RouteRequest> requests = new CopyOnWriteArrayList<>();
        client.addListener(RouteRequest.listener(requests::add));
        peer.send("{\"message\":\"EventRouteRequest\",\"ThisDN\":\"5000\",\"ThisQueue\":\"5000\",\"ConnID\":\"00000000000000a1\","
                + "\"CallID\":1000,\"CallType\":\"Inbound\",\"OtherDN\":\"0698765432\",\"ANI\":\"0698765432\",\"DNIS\":\"5000\","
                + "\"UserData\":{\"lang\":\"fr\"}}");
        peer.send("{\"message\":\"EventRinging\",\"ThisDN\":\"6001\",\"ConnID\":\"00000000000000a2\"}");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !requests.isEmpty());
        RouteRequest r = requests.get(0);
        assertThat(r).isEqualTo(new RouteRequest("5000", "00000000000000a1", 1000, "Inbound", "0698765432", "5000",
                KeyValueList.ofStrings("lang", "fr"), null));
        assertThat(new io.tandem.protocol.codec.MessageEncoder().encodeToString(r.route("6001", "9000")))
                .isEqualTo("{\"message\":\"RequestRouteCall\",\"ThisDN\":\"5000\",\"ConnID\":\"00000000000000a1\",\"OtherDN\":\"6001\","
                        + "\"Extensions\":{\"VQ\":\"9000\"}}");
        client.send(r.reject());
        assertThat(peer.next()).isEqualTo("{\"message\":\"RequestRouteCall\",\"ThisDN\":\"5000\",\"ConnID\":\"00000000000000a1\","
                + "\"RouteType\":\"Reject\"}");
        client.send(r.queue("9000"));
        assertThat(peer.next()).contains("\"Extensions\":{\"VQ\":\"9000\"}");
        assertThat(requests).hasSize(1);
    }
}
