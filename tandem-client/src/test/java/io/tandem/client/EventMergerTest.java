package io.tandem.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one stream a hot-standby application sees, made from two servers' streams (the merger on its own). */
class EventMergerTest {

    private final List<String> told = new ArrayList<>();
    private StandbyMember a;
    private StandbyMember b;
    private EventMerger merger;

    @BeforeEach
    void start() {
        a = new StandbyMember(ClientOptions.tcp("127.0.0.1", 1, "desk"));
        b = new StandbyMember(ClientOptions.tcp("127.0.0.1", 2, "desk"));
        EventListener listener = e -> told.add(e.name() + (e.thisDn() == null ? "" : " " + e.thisDn())
                + (e.type() == MessageType.EVENT_PRIMARY_CHANGED ? " " + e.string(Attribute.SERVER).orElse("") : "")
                + (e.extensions().isEmpty() ? "" : " " + e.extensions().entries()));
        merger = new EventMerger(List.of(listener), List.of(a, b), () -> Set.of("7001"));
    }

    private static Message connected(String server, String role) {
        return Message.builder(MessageType.EVENT_SERVER_CONNECTED).put(Attribute.SERVER, server).put(Attribute.SERVER_ROLE, role).build();
    }

    private static Message service(boolean in, String dest) {
        return Message.builder(in ? MessageType.EVENT_DN_BACK_IN_SERVICE : MessageType.EVENT_DN_OUT_OF_SERVICE).put(Attribute.THIS_DN, "7001")
                .put(Attribute.EXTENSIONS, dest == null ? KeyValueList.EMPTY : KeyValueList.EMPTY.with("REMOTE_DEST", dest)).build();
    }

    private static Message other(String name) {
        return Message.builder(MessageType.EVENT_RINGING).put(Attribute.THIS_DN, name).build();
    }

    private void bothUp() {
        merger.event(a, connected("a", "primary"), true);
        merger.event(b, connected("b", "backup"), true);
        merger.ready(a);
        merger.ready(b);
    }

    @Test
    void thePrimarysEventsArePassedOnAndTheBackupsAreNot() {
        bothUp();
        merger.event(a, other("7001"), false);
        merger.event(b, other("7001"), false);
        merger.event(a, service(true, "0611"), false);
        merger.event(b, service(true, "0611"), false);
        assertThat(told).containsExactly("EventRinging 7001", "EventDNBackInService 7001 {REMOTE_DEST=0611}");
        assertThat(merger.primaryName()).contains("a");
        assertThat(merger.readyCount()).isEqualTo(2);
    }

    @Test
    void withoutAPrimaryAnOutOfServiceIsPassedOnceAndOtherEventsWaitForTheNextPrimary() {
        bothUp();
        merger.event(a, service(true, "0611"), false);
        merger.closed(a);
        told.clear();

        merger.event(b, service(false, null), false);
        merger.event(b, other("7001"), false);
        merger.event(b, service(true, "0622"), false);
        assertThat(told).as("no primary: only the change out of service").containsExactly("EventDNOutOfService 7001");

        merger.event(b, Message.builder(MessageType.EVENT_PRIMARY_CHANGED).put(Attribute.SERVER, "b").put(Attribute.SERVER_ROLE, "primary").build(),
                false);
        assertThat(told).containsExactly("EventDNOutOfService 7001", "EventDNBackInService 7001 {REMOTE_DEST=0622}", "EventRinging 7001",
                "EventPrimaryChanged b");
        assertThat(merger.primary()).isCompletedWithValue(b);
    }

    @Test
    void aPrimaryChangeNobodyAnnouncedIsMadeUpByTheLibrary() {
        bothUp();
        merger.closed(a);
        merger.closed(b);
        told.clear();
        merger.event(b, connected("b", "primary"), true);
        merger.ready(b);
        assertThat(told).containsExactly("EventPrimaryChanged b");
    }
}
