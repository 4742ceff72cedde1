package io.tandem.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The pair role's state machine: the transitions written in its diagram and no others. */
class PairRoleTest {

    @Test
    void onlyTheDocumentedTransitionsAreAllowed() {
        assertThat(PairRole.STANDALONE.next()).isEmpty();
        assertThat(PairRole.CLAIMING.next()).containsExactlyInAnyOrder(PairRole.PRIMARY, PairRole.BACKUP);
        assertThat(PairRole.PRIMARY.next()).containsExactly(PairRole.BACKUP);
        assertThat(PairRole.BACKUP.next()).containsExactly(PairRole.PRIMARY);
        for (PairRole from : PairRole.values()) {
            EnumSet<PairRole> refused = EnumSet.allOf(PairRole.class);
            refused.removeAll(from.next());
            for (PairRole to : refused) {
                assertThatThrownBy(() -> from.checkTransition(to)).isInstanceOf(IllegalStateException.class)
                        .hasMessage("a pair member cannot go from " + from + " to " + to);
            }
        }
    }

    @Test
    void aClaimingPrimaryCallsItselfBackupAndDoesNotActOnTheSwitch() {
        assertThat(PairRole.CLAIMING.role()).isEqualTo(HaRole.PRIMARY);
        assertThat(PairRole.CLAIMING.reported()).isEqualTo(HaRole.BACKUP);
        assertThat(PairRole.CLAIMING.actsOnSwitch()).isFalse();
        assertThat(PairRole.PRIMARY.actsOnSwitch()).isTrue();
        assertThat(PairRole.STANDALONE.actsOnSwitch()).isTrue();
        assertThat(PairRole.BACKUP.actsOnSwitch()).isFalse();
    }

    @Test
    void theInitialStateFollowsTheSettings() {
        assertThat(PairRole.initial(HaSettings.standalone())).isEqualTo(PairRole.STANDALONE);
        assertThat(PairRole.initial(HaSettings.pair(HaRole.PRIMARY, 0, null, 0))).isEqualTo(PairRole.CLAIMING);
        assertThat(PairRole.initial(HaSettings.pair(HaRole.BACKUP, 0, "127.0.0.1", 1))).isEqualTo(PairRole.BACKUP);
    }
}
