package io.tandem.ucm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tandem.switchlink.RemoteDestination;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchException;
import io.tandem.ucm.SwitchFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The switch model's remote-destination rules on their own (switch-test.yaml: a limit of 3, numbers of 6 to 15
 * digits): every refusal names its error, writes nothing and reports nothing.
 */
class SwitchModelTest {

    private SwitchModel model;
    private final List<String> written = new ArrayList<>();
    private final List<String> reported = new ArrayList<>();

    @BeforeEach
    void start() {
        model = new SwitchModel(SwitchFixtures.standard(), Map.of(), Map.of(), new SwitchPersistence() {
            @Override
            public void remoteDestinationAdded(String device, String name, String number, Runnable undo) {
                written.add("added " + device + " " + number);
            }

            @Override
            public void remoteDestinationRemoved(String device, String number, Runnable undo) {
                written.add("removed " + device + " " + number);
            }

            @Override
            public void serviceStateChanged(String device, boolean inService, Runnable undo) {
                written.add("service " + device + " " + inService);
            }

            @Override
            public void doNotDisturbChanged(String holderKind, String holder, boolean on, Runnable undo) {
                written.add("dnd " + holder + " " + on);
            }

            @Override
            public void forwardAllChanged(String dn, String destination, Runnable undo) {
                written.add("forward " + dn + " " + destination);
            }
        });
        model.setListener(new SwitchListener() {
            @Override
            public void serviceChanged(Device device) {
                reported.add("service " + device.name());
            }

            @Override
            public void remoteDestinationsChanged(Device device) {
                reported.add("destinations " + device.name());
            }

            @Override
            public void linesChanged(Device device, String previousProfile) {
                reported.add("lines " + device.name());
            }

            @Override
            public void doNotDisturbChanged(Device device) {
                reported.add("dnd " + device.name());
            }

            @Override
            public void forwardAllChanged(Device device, String dn) {
                reported.add("forward " + dn);
            }
        });
    }

    private void refused(Runnable change, SwitchError error) {
        List<RemoteDestination> before = model.require("CTIRDbob").remoteDestinations();
        List<RemoteDestination> aliceBefore = model.require("CTIRDalice").remoteDestinations();
        SwitchException refusal = catchThrowableOfType(change::run, SwitchException.class);
        assertThat(refusal).isNotNull();
        assertThat(refusal.error()).as(refusal.getMessage()).isEqualTo(error);
        assertThat(model.require("CTIRDbob").remoteDestinations()).isEqualTo(before);
        assertThat(model.require("CTIRDalice").remoteDestinations()).isEqualTo(aliceBefore);
        assertThat(written).as("nothing written").isEmpty();
        assertThat(reported).as("nothing reported").isEmpty();
    }

    @Test
    void addingARemoteDestinationIsRefusedForEachRuleWithoutAnyChange() {
        refused(() -> model.addRemoteDestination("link-1", "SEP1", "x", "0633333333", true), SwitchError.NOT_A_REMOTE_DEVICE);
        refused(() -> model.addRemoteDestination("link-1", "CTIRDnobody", "x", "0633333333", true), SwitchError.DEVICE_NOT_FOUND);
        refused(() -> model.addRemoteDestination("link-1", "CTIRDbob", "x", "", true), SwitchError.INVALID_ARGUMENT);
        refused(() -> model.addRemoteDestination("link-1", "CTIRDbob", "x", "6001", true), SwitchError.NUMBER_IS_SWITCH_DN);
        refused(() -> model.addRemoteDestination("link-1", "CTIRDbob", "x", "12345", true), SwitchError.NOT_REACHABLE);
        refused(() -> model.addRemoteDestination("link-1", "CTIRDbob", "x", "+0611111111", true), SwitchError.DUPLICATE_REMOTE_DESTINATION);
        refused(() -> model.addRemoteDestination("link-1", "CTIRDbob", "x", "0611111111", true), SwitchError.DUPLICATE_REMOTE_DESTINATION);
    }

    @Test
    void theOwnersLimitCountsEveryDestinationAndRefusesTheNextOne() {
        for (String number : List.of("0622222221", "0622222222", "0622222223")) {
            model.addRemoteDestination("link-1", "CTIRDbob", null, number, false);
        }
        assertThat(written).hasSize(3);
        assertThat(model.require("CTIRDbob").remoteDestinations()).extracting(RemoteDestination::name)
                .as("a destination without a name is named by its number").containsExactly("0622222221", "0622222222", "0622222223");
        written.clear();
        reported.clear();
        refused(() -> model.addRemoteDestination("link-1", "CTIRDbob", "x", "0622222224", true), SwitchError.REMOTE_DESTINATION_LIMIT_EXCEEDED);
        model.removeRemoteDestination("CTIRDbob", "0622222222");
        assertThat(written).containsExactly("removed CTIRDbob 0622222222");
        written.clear();
        reported.clear();
        model.addRemoteDestination("link-1", "CTIRDbob", "x", "0622222224", true);
        assertThat(reported).containsExactly("destinations CTIRDbob");
    }

    @Test
    void activationAndRemovalRefuseUnknownNumbersAndActivatingTwiceReportsOnce() {
        refused(() -> model.setActiveRemoteDestination("link-1", "CTIRDalice", "0699999999", true), SwitchError.REMOTE_DESTINATION_UNAVAILABLE);
        refused(() -> model.removeRemoteDestination("CTIRDalice", "0699999999"), SwitchError.REMOTE_DESTINATION_UNAVAILABLE);
        model.setActiveRemoteDestination("link-1", "CTIRDalice", "0611111111", true);
        model.setActiveRemoteDestination("link-1", "CTIRDalice", "0611111111", true);
        assertThat(reported).as("the same activation by the same link is not news").containsExactly("destinations CTIRDalice");
        assertThat(model.require("CTIRDalice").activeSetBy()).isEqualTo("link-1");
        model.clearActiveSetBy("link-2");
        assertThat(model.require("CTIRDalice").activeNumber()).as("another link's close clears nothing").isEqualTo("0611111111");
        model.clearActiveSetBy("link-1");
        assertThat(model.require("CTIRDalice").activeNumber()).isNull();
        assertThat(written).as("activation is not configuration").isEmpty();
    }
}
