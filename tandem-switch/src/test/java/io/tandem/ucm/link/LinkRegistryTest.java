package io.tandem.ucm.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.switchlink.LinkCredentials;
import io.tandem.switchlink.RemoteDestination;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.SwitchFixtures;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Remote destinations as links see them: ownership of the active one, events to every observer, refusals. */
class LinkRegistryTest {

    private Database db;
    private EmbeddedSwitch sw;

    @BeforeEach
    void start() {
        db = Database.open(DatabaseSettings.h2Memory("lr" + System.nanoTime()), "test");
        sw = EmbeddedSwitch.start(SwitchFixtures.standard(), db);
    }

    @AfterEach
    void stop() {
        sw.close();
        db.close();
    }

    private SwitchLink open(String user, String password, RecordingListener listener) {
        return sw.open(new LinkCredentials(user, password), listener).join();
    }

    private static SwitchError failure(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return ((SwitchException) e.getCause()).error();
        }
        throw new AssertionError("expected a switch refusal");
    }

    @Test
    void everyObserverHearsEachChangeAndOnlyTheSetterIsLast() throws Exception {
        RecordingListener one = new RecordingListener();
        RecordingListener two = new RecordingListener();
        SwitchLink link1 = open("app1", "one", one);
        SwitchLink link2 = open("app2", "two", two);
        assertThat(link1.devices()).extracting(d -> d.name()).containsExactly("CTIRDalice", "CTIRDbob", "SEP1", "RP5000");
        assertThat(link2.devices()).extracting(d -> d.name()).containsExactly("CTIRDalice", "RP5000");

        link1.setActiveRemoteDestination("CTIRDalice", "0611111111", true).join();
        List<RemoteDestination> expected = List.of(new RemoteDestination("Alice mobile", "0611111111", true));
        assertThat(one.next()).isEqualTo(new SwitchEvent.RemoteDestinationsChanged("CTIRDalice", expected, true));
        assertThat(two.next()).isEqualTo(new SwitchEvent.RemoteDestinationsChanged("CTIRDalice", expected, false));

        link1.close();
        assertThat(one.closedReason()).isEqualTo("closed by the application");
        assertThat(two.next()).as("the switch clears the active destination of a closed link")
                .isEqualTo(new SwitchEvent.RemoteDestinationsChanged("CTIRDalice",
                        List.of(new RemoteDestination("Alice mobile", "0611111111", false)), false));
        assertThat(two.quiet()).isTrue();
    }

    @Test
    void anotherLinkTakingOverTheActiveDestinationIsLastToSetIt() throws Exception {
        RecordingListener one = new RecordingListener();
        RecordingListener two = new RecordingListener();
        SwitchLink link1 = open("app1", "one", one);
        SwitchLink link2 = open("app2", "two", two);
        link1.setActiveRemoteDestination("CTIRDalice", "0611111111", true).join();
        one.next();
        two.next();
        link2.setActiveRemoteDestination("CTIRDalice", "0611111111", true).join();
        assertThat(((SwitchEvent.RemoteDestinationsChanged) one.next()).lastSetByThisLink()).isFalse();
        assertThat(((SwitchEvent.RemoteDestinationsChanged) two.next()).lastSetByThisLink()).isTrue();
        link1.close();
        assertThat(two.quiet()).as("link 1 no longer owns the active destination").isTrue();
        assertThat(sw.device("CTIRDalice").join().activeSetBy()).isEqualTo(link2.linkId());
    }

    @Test
    void onePrimaryPerApplicationUserAndTheOthersAreFenced() throws Exception {
        RecordingListener one = new RecordingListener();
        RecordingListener two = new RecordingListener();
        SwitchLink primary = open("app1", "one", one);
        SwitchLink backup = open("app1", "one", two);
        SwitchLink otherUser = open("app2", "two", new RecordingListener());
        primary.claimPrimary().join();
        primary.claimPrimary().join();
        assertThat(failure(backup.claimPrimary())).isEqualTo(SwitchError.PRIMARY_HELD);
        assertThat(failure(backup.setActiveRemoteDestination("CTIRDalice", "0611111111", true))).isEqualTo(SwitchError.PRIMARY_HELD);
        assertThat(two.quiet()).as("a fenced link changed nothing").isTrue();
        otherUser.setActiveRemoteDestination("CTIRDalice", "0611111111", true).join();
        assertThat(one.next()).as("another application user is not fenced").isInstanceOf(SwitchEvent.RemoteDestinationsChanged.class);
        two.next();

        primary.setActiveRemoteDestination("CTIRDalice", "0611111111", true).join();
        one.next();
        two.next();
        primary.releasePrimary().join();
        assertThat(two.next()).as("giving up the role clears the active destinations the link set")
                .isEqualTo(new SwitchEvent.RemoteDestinationsChanged("CTIRDalice",
                        List.of(new RemoteDestination("Alice mobile", "0611111111", false)), false));
        backup.claimPrimary().join();
        assertThat(failure(primary.claimPrimary())).isEqualTo(SwitchError.PRIMARY_HELD);
        backup.close();
        primary.claimPrimary().join();
        assertThat(failure(backup.claimPrimary())).isEqualTo(SwitchError.LINK_DOWN);
    }

    @Test
    void eachViolationIsADistinctNamedError() {
        SwitchLink link = open("app1", "one", new RecordingListener());
        link.addRemoteDestination("CTIRDalice", "b", "0622222222", false).join();
        link.addRemoteDestination("CTIRDalice", "c", "0633333333", false).join();
        assertThat(failure(link.addRemoteDestination("CTIRDalice", "d", "0644444444", true)))
                .isEqualTo(SwitchError.REMOTE_DESTINATION_LIMIT_EXCEEDED);
        assertThat(failure(link.addRemoteDestination("CTIRDbob", "x", "6001", true))).isEqualTo(SwitchError.NUMBER_IS_SWITCH_DN);
        assertThat(failure(link.addRemoteDestination("CTIRDbob", "x", "123", true))).isEqualTo(SwitchError.NOT_REACHABLE);
        assertThat(failure(link.addRemoteDestination("CTIRDbob", "x", "+0622222222", true))).isEqualTo(SwitchError.DUPLICATE_REMOTE_DESTINATION);
        assertThat(failure(link.addRemoteDestination("SEP1", "x", "0655555555", true))).isEqualTo(SwitchError.NOT_A_REMOTE_DEVICE);
        assertThat(failure(link.setActiveRemoteDestination("CTIRDbob", "0655555555", true))).isEqualTo(SwitchError.REMOTE_DESTINATION_UNAVAILABLE);
        assertThat(failure(link.removeRemoteDestination("CTIRDbob", "0655555555"))).isEqualTo(SwitchError.REMOTE_DESTINATION_UNAVAILABLE);
        assertThat(failure(link.setActiveRemoteDestination("CTIRDnone", "0655555555", true))).isEqualTo(SwitchError.DEVICE_NOT_FOUND);
        SwitchLink other = open("app2", "two", new RecordingListener());
        assertThat(failure(other.addRemoteDestination("CTIRDbob", "x", "0655555555", true))).isEqualTo(SwitchError.DEVICE_NOT_CONTROLLED);
        assertThatThrownBy(() -> open("app2", "wrong", new RecordingListener()))
                .hasCauseInstanceOf(SwitchException.class).hasMessageContaining("unknown or wrong password");
        assertThat(sw.device("CTIRDbob").join().remoteDestinations()).isEmpty();
    }

    @Test
    void serviceChangesReachObserversOnly() throws Exception {
        RecordingListener one = new RecordingListener();
        RecordingListener two = new RecordingListener();
        open("app1", "one", one);
        open("app2", "two", two);
        sw.setInService("SEP1", false).join();
        assertThat(one.next()).isEqualTo(new SwitchEvent.DeviceServiceChanged("SEP1", false));
        assertThat(two.quiet()).isTrue();
        sw.setInService("SEP1", false).join();
        assertThat(one.quiet()).as("no event when nothing changes").isTrue();
    }
}
