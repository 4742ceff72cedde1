package io.tandem.ucm.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.switchlink.ActiveDestination;
import io.tandem.switchlink.CallRequest;
import io.tandem.switchlink.DndOption;
import io.tandem.switchlink.LinkCredentials;
import io.tandem.switchlink.RemoteDestination;
import io.tandem.switchlink.SwitchConnector;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import io.tandem.switchlink.VerbOutcome;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.SwitchFixtures;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The switch port's contract, run against each implementation (in process, and over the TCP link): what a CTI
 * server may rely on whichever switch it is connected to.
 */
abstract class SwitchLinkContract {

    protected Database db;
    protected EmbeddedSwitch sw;
    private SwitchConnector connector;

    /** The connector under test, to {@code sw}. */
    protected abstract SwitchConnector connector(EmbeddedSwitch sw) throws Exception;

    /** Closes what {@link #connector} opened. */
    protected abstract void closeConnector() throws Exception;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(DatabaseSettings.h2Memory("contract" + System.nanoTime()), "test");
        sw = EmbeddedSwitch.start(SwitchFixtures.standard(), db);
        connector = connector(sw);
    }

    @AfterEach
    void stop() throws Exception {
        closeConnector();
        sw.close();
        db.close();
    }

    private SwitchLink open(String user, String password, RecordingListener listener) throws Exception {
        return connector.open(new LinkCredentials(user, password), listener).get(5, TimeUnit.SECONDS);
    }

    private static SwitchError refusal(CompletableFuture<?> future) {
        Throwable failure = catchThrowable(() -> future.get(5, TimeUnit.SECONDS));
        assertThat(failure).as("refused").isNotNull();
        return SwitchException.unwrap(failure.getCause() != null ? failure.getCause() : failure).error();
    }

    @Test
    void anOpenLinkSeesItsControlledDevicesAndWrongCredentialsAreRefused() throws Exception {
        SwitchLink link = open("app1", "one", new RecordingListener());
        assertThat(link.devices()).extracting(d -> d.name()).containsExactlyInAnyOrder("CTIRDalice", "CTIRDbob", "SEP1", "RP5000");
        assertThat(refusal(connector.open(new LinkCredentials("app1", "wrong"), new RecordingListener())))
                .isEqualTo(SwitchError.AUTHENTICATION_FAILED);
        link.close();
    }

    @Test
    void remoteDestinationChangesAreAnsweredAndReportedToEveryLinkBeforeTheAnswer() throws Exception {
        RecordingListener mine = new RecordingListener();
        RecordingListener other = new RecordingListener();
        SwitchLink link = open("app1", "one", mine);
        open("app2", "two", other);
        link.addRemoteDestination("CTIRDalice", "Work", "0622222222", true).get(5, TimeUnit.SECONDS);
        SwitchEvent.RemoteDestinationsChanged seen = (SwitchEvent.RemoteDestinationsChanged) mine.next();
        assertThat(seen.device()).isEqualTo("CTIRDalice");
        assertThat(seen.destinations()).containsExactly(new RemoteDestination("Alice mobile", "0611111111", false),
                new RemoteDestination("Work", "0622222222", true));
        assertThat(seen.lastSetByThisLink()).isTrue();
        assertThat(((SwitchEvent.RemoteDestinationsChanged) other.next()).lastSetByThisLink()).as("seen by the other link").isFalse();

        link.setActiveRemoteDestination("CTIRDalice", "0622222222", false).get(5, TimeUnit.SECONDS);
        assertThat(((SwitchEvent.RemoteDestinationsChanged) mine.next()).destinations()).noneMatch(RemoteDestination::active);
        link.removeRemoteDestination("CTIRDalice", "0622222222").get(5, TimeUnit.SECONDS);
        assertThat(((SwitchEvent.RemoteDestinationsChanged) mine.next()).destinations()).extracting(RemoteDestination::number)
                .containsExactly("0611111111");
    }

    @Test
    void aChangeTheSwitchCannotStoreIsRefusedAndTakenBackAndTheSwitchGoesOn() throws Exception {
        RecordingListener events = new RecordingListener();
        SwitchLink link = open("app1", "one", events);
        db.inTransaction("break the table", c -> c.createStatement().execute("ALTER TABLE sw_remote_destination RENAME TO sw_rd_broken"));

        Throwable failure = catchThrowable(() -> link.addRemoteDestination("CTIRDalice", "Work", "0622222222", true).get(5, TimeUnit.SECONDS));
        SwitchException refused = SwitchException.unwrap(failure.getCause());
        assertThat(refused.error()).isEqualTo(SwitchError.INTERNAL);
        assertThat(refused.getMessage()).startsWith("the switch could not store remote destination 0622222222: ");
        assertThat(((SwitchEvent.RemoteDestinationsChanged) events.next()).destinations()).extracting(RemoteDestination::number)
                .as("applied at once").containsExactly("0611111111", "0622222222");
        assertThat(((SwitchEvent.RemoteDestinationsChanged) events.next()).destinations()).extracting(RemoteDestination::number)
                .as("taken back before the answer").containsExactly("0611111111");
        assertThat(sw.device("CTIRDalice").join().remoteDestinations()).containsExactly(new RemoteDestination("Alice mobile", "0611111111", false));
        assertThat(sw.failedWrites()).isEqualTo(1);

        db.inTransaction("repair the table", c -> c.createStatement().execute("ALTER TABLE sw_rd_broken RENAME TO sw_remote_destination"));
        link.addRemoteDestination("CTIRDalice", "Work", "0622222222", true).get(5, TimeUnit.SECONDS);
        assertThat(sw.device("CTIRDalice").join().remoteDestinations()).extracting(RemoteDestination::number).containsExactly("0611111111", "0622222222");
        assertThat(sw.unwrittenChanges()).isZero();
    }

    @Test
    void refusalsCarryTheirErrorAndChangeNothing() throws Exception {
        RecordingListener events = new RecordingListener();
        SwitchLink link = open("app2", "two", events);
        assertThat(refusal(link.addRemoteDestination("CTIRDbob", "x", "0633333333", true))).isEqualTo(SwitchError.DEVICE_NOT_CONTROLLED);
        assertThat(refusal(link.addRemoteDestination("CTIRDalice", "x", "12", true))).isEqualTo(SwitchError.NOT_REACHABLE);
        assertThat(refusal(link.addRemoteDestination("CTIRDalice", "x", "0611111111", true))).isEqualTo(SwitchError.DUPLICATE_REMOTE_DESTINATION);
        assertThat(refusal(link.setActiveRemoteDestination("CTIRDalice", "0699999999", true)))
                .isEqualTo(SwitchError.REMOTE_DESTINATION_UNAVAILABLE);
        assertThat(refusal(link.call(new CallRequest(CallRequest.Verb.ANSWER, "7001", 424242, 0, null, null, 0))))
                .isEqualTo(SwitchError.CALL_NOT_FOUND);
        assertThat(events.quiet()).as("nothing changed, nothing reported").isTrue();
        assertThat(sw.device("CTIRDalice").join().remoteDestinations()).containsExactly(new RemoteDestination("Alice mobile", "0611111111", false));
    }

    @Test
    void severalDestinationsAreSetInOneRequestEachRefusedOnItsOwnAndReportedBeforeTheAnswer() throws Exception {
        RecordingListener mine = new RecordingListener();
        RecordingListener other = new RecordingListener();
        SwitchLink link = open("app2", "two", mine);
        open("app1", "one", other);
        List<VerbOutcome> outcomes = link.setActiveRemoteDestinations(List.of(
                new ActiveDestination("CTIRDbob", "0622222222", true),
                new ActiveDestination("CTIRDalice", "0611111111", true),
                new ActiveDestination("CTIRDalice", "0699999999", true))).get(5, TimeUnit.SECONDS);

        assertThat(outcomes).extracting(VerbOutcome::error)
                .containsExactly(SwitchError.DEVICE_NOT_CONTROLLED, null, SwitchError.REMOTE_DESTINATION_UNAVAILABLE);
        assertThat(outcomes.get(0).message()).contains("CTIRDbob");
        assertThat(outcomes.get(2).message()).contains("0699999999");
        assertThat(mine.received()).as("the one change, reported before the answer").singleElement()
                .isEqualTo(new SwitchEvent.RemoteDestinationsChanged("CTIRDalice",
                        List.of(new RemoteDestination("Alice mobile", "0611111111", true)), true));
        assertThat(((SwitchEvent.RemoteDestinationsChanged) other.next()).lastSetByThisLink()).as("seen by the other link").isFalse();
        assertThat(sw.device("CTIRDalice").join().remoteDestinations()).containsExactly(new RemoteDestination("Alice mobile", "0611111111", true));
    }

    @Test
    void moreDestinationsThanOneRequestMayCarryAreRefusedWholeAndChangeNothing() throws Exception {
        RecordingListener events = new RecordingListener();
        SwitchLink link = open("app1", "one", events);
        List<ActiveDestination> tooMany = java.util.Collections.nCopies(SwitchLink.MAX_ACTIVE_DESTINATIONS + 1,
                new ActiveDestination("CTIRDalice", "0611111111", true));

        Throwable failure = catchThrowable(() -> link.setActiveRemoteDestinations(tooMany).get(5, TimeUnit.SECONDS));
        SwitchException refused = SwitchException.unwrap(failure.getCause());
        assertThat(refused.error()).isEqualTo(SwitchError.INVALID_ARGUMENT);
        assertThat(refused.getMessage()).isEqualTo("1001 remote destinations in one request; at most 1000");
        assertThat(link.setActiveRemoteDestinations(tooMany.subList(0, SwitchLink.MAX_ACTIVE_DESTINATIONS)).get(5, TimeUnit.SECONDS))
                .as("the most one request may carry").hasSize(1000).allMatch(VerbOutcome::done);
        assertThat(events.received()).as("set active once; the other 999 changed nothing").hasSize(1);
    }

    @Test
    void doNotDisturbAndForwardAllAreAnsweredAfterEveryLinkIsToldAndRefusalsChangeNothing() throws Exception {
        RecordingListener mine = new RecordingListener();
        RecordingListener other = new RecordingListener();
        SwitchLink link = open("app1", "one", mine);
        open("app2", "two", other);
        assertThat(link.devices()).filteredOn(d -> d.name().equals("SEP1")).singleElement()
                .satisfies(d -> assertThat(d.dnd()).isFalse()).satisfies(d -> assertThat(d.forwardAll()).isEmpty());

        link.setDoNotDisturb("SEP1", true).get(5, TimeUnit.SECONDS);
        assertThat(mine.next()).isEqualTo(new SwitchEvent.DoNotDisturbChanged("SEP1", true, DndOption.RINGER_OFF));
        assertThat(refusal(link.setDoNotDisturb("SEP1", true))).isEqualTo(SwitchError.ALREADY_SET);
        link.setForwardAll("6001", "7001").get(5, TimeUnit.SECONDS);
        assertThat(mine.next()).isEqualTo(new SwitchEvent.ForwardAllChanged("SEP1", "6001", "7001"));
        assertThat(refusal(link.setForwardAll("6001", "12"))).isEqualTo(SwitchError.UNROUTABLE);
        link.setForwardAll("7002", "6001").get(5, TimeUnit.SECONDS);
        assertThat(((SwitchEvent.ForwardAllChanged) mine.next()).destination()).isEqualTo("6001");
        assertThat(refusal(link.setForwardAll("6001", "7002"))).as("a loop").isEqualTo(SwitchError.UNROUTABLE);
        SwitchLink app2 = open("app2", "two", new RecordingListener());
        assertThat(refusal(app2.setDoNotDisturb("SEP1", false))).isEqualTo(SwitchError.DEVICE_NOT_CONTROLLED);
        assertThat(refusal(app2.setForwardAll("6001", null))).isEqualTo(SwitchError.DEVICE_NOT_CONTROLLED);
        link.setForwardAll("6001", null).get(5, TimeUnit.SECONDS);
        assertThat(mine.next()).isEqualTo(new SwitchEvent.ForwardAllChanged("SEP1", "6001", null));
        assertThat(mine.quiet()).isTrue();
        assertThat(other.quiet()).as("app2 controls neither SEP1 nor CTIRDbob").isTrue();
        assertThat(sw.device("SEP1").join().dnd()).isTrue();
    }

    @Test
    void aRouteCallbackHoldsCallsForItsLinkAloneAndAClosedLinksWaitingCallsAreOfferedToTheNextCallback() throws Exception {
        RecordingListener mine = new RecordingListener();
        RecordingListener other = new RecordingListener();
        SwitchLink link = open("app1", "one", mine);
        SwitchLink second = open("app2", "two", other);
        link.registerRouteCallback("5000").get(5, TimeUnit.SECONDS);
        assertThat(refusal(second.registerRouteCallback("5000"))).isEqualTo(SwitchError.INVALID_STATE);
        assertThat(refusal(link.registerRouteCallback("6001"))).isEqualTo(SwitchError.INVALID_ARGUMENT);

        long call = sw.placeCall("0699999999", "5000").get(5, TimeUnit.SECONDS).callId();
        SwitchEvent.CallEvent request = (SwitchEvent.CallEvent) mine.next();
        assertThat(request.type()).isEqualTo(io.tandem.switchlink.CallEventType.ROUTE_REQUEST);
        assertThat(request.dn()).isEqualTo("5000");
        assertThat(request.otherParty()).isEqualTo("0699999999");
        assertThat(((SwitchEvent.CallEvent) other.next()).type()).as("every link that controls the route point sees it")
                .isEqualTo(io.tandem.switchlink.CallEventType.ROUTE_REQUEST);
        assertThat(refusal(second.call(new CallRequest(CallRequest.Verb.SELECT_ROUTE, "5000", call, 0, "6001", null, 0))))
                .as("only the callback's link routes").isEqualTo(SwitchError.INVALID_STATE);

        link.close();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> sw.routePoints().join().get(0).routeCallback() == null);
        second.registerRouteCallback("5000").get(5, TimeUnit.SECONDS);
        SwitchEvent.CallEvent again = (SwitchEvent.CallEvent) other.next();
        assertThat(again.type()).isEqualTo(io.tandem.switchlink.CallEventType.ROUTE_REQUEST);
        assertThat(again.callId()).isEqualTo(call);
        second.call(new CallRequest(CallRequest.Verb.SELECT_ROUTE, "5000", call, 0, "6001", null, 9)).get(5, TimeUnit.SECONDS);
        SwitchEvent.CallEvent used = (SwitchEvent.CallEvent) other.next();
        assertThat(used.type()).isEqualTo(io.tandem.switchlink.CallEventType.ROUTE_USED);
        assertThat(used.otherParty()).isEqualTo("6001");
        assertThat(used.correlation()).isEqualTo(9);
        assertThat(sw.routePoints().join()).singleElement().satisfies(rp -> {
            assertThat(rp.routeCallback()).isEqualTo(second.linkId());
            assertThat(rp.waiting()).isEmpty();
        });
    }

    @Test
    void aClosedLinkGivesUpTheActiveDestinationsItSet() throws Exception {
        RecordingListener watcher = new RecordingListener();
        open("app2", "two", watcher);
        SwitchLink link = open("app1", "one", new RecordingListener());
        link.setActiveRemoteDestination("CTIRDalice", "0611111111", true).get(5, TimeUnit.SECONDS);
        assertThat(((SwitchEvent.RemoteDestinationsChanged) watcher.next()).destinations()).allMatch(RemoteDestination::active);
        link.close();
        SwitchEvent.RemoteDestinationsChanged cleared = (SwitchEvent.RemoteDestinationsChanged) watcher.next();
        assertThat(cleared.destinations()).as("the switch clears what the closed link set").noneMatch(RemoteDestination::active);
        assertThat(List.of(cleared.device())).containsExactly("CTIRDalice");
    }
}
