package io.tandem.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** However often consoles ask and however busy the core is, the DN list is read from the core a few times a second. */
class DnSnapshotsTest {

    @Test
    void theCoreIsReadOnlyWhenSomethingChangedAndOnceForEveryoneAskingMeanwhile() {
        AtomicLong version = new AtomicLong();
        AtomicInteger reads = new AtomicInteger();
        List<AdminView.DnRow> rows = List.of(new AdminView.DnRow("7001", "Extension", null, null, false, "InService", null, null, null, null,
                null, List.of()));
        DnSnapshots snapshots = new DnSnapshots(new AdminApi.CoreReader() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<T> read(Function<AdminView, T> query) {
                reads.incrementAndGet();
                return CompletableFuture.completedFuture((T) rows);
            }

            @Override
            public long version() {
                return version.get();
            }
        });

        assertThat(snapshots.rows().join()).isEqualTo(rows);
        for (int i = 0; i < 1_000; i++) {
            snapshots.rows().join();
        }
        assertThat(reads.get()).as("nothing changed: one read").isEqualTo(1);

        version.incrementAndGet();
        List<CompletableFuture<List<AdminView.DnRow>>> asked = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            asked.add(snapshots.rows());
        }
        asked.forEach(CompletableFuture::join);
        assertThat(reads.get()).as("after a change, one read shared by everyone who asked meanwhile").isEqualTo(2);
        assertThat(snapshots.rows().join()).isEqualTo(rows);
        assertThat(reads.get()).as("and nothing changed since").isEqualTo(2);
    }
}
