package io.tandem.ucm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.switchlink.SwitchException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The switch's writer: writes in order, grouped, a failed write isolated and taken back, the others kept. */
class SwitchWriterTest {

    private Database db;
    private SwitchWriter writer;
    private final List<String> undone = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        db = Database.open(DatabaseSettings.h2Memory("writer" + System.nanoTime()), "test");
        db.inTransaction("create", c -> c.createStatement().execute("CREATE TABLE t (n INT PRIMARY KEY)"));
        writer = new SwitchWriter(db, Runnable::run);
    }

    @AfterEach
    void stop() {
        writer.close();
        db.close();
    }

    private CompletableFuture<Void> insert(int n) {
        return writer.write("insert " + n, false, c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (" + n + ")"),
                () -> undone.add("insert " + n));
    }

    private List<Integer> rows() {
        return db.inTransaction("read", c -> {
            var rs = c.createStatement().executeQuery("SELECT n FROM t ORDER BY n");
            List<Integer> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1));
            }
            return rows;
        });
    }

    @Test
    void aFailedWriteInAGroupIsTakenBackAndTheOthersAreKept() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Void> first = writer.write("wait", false, c -> {
            try {
                return hold.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, () -> { });
        CompletableFuture<Void> one = insert(1);
        CompletableFuture<Void> duplicate = insert(1);
        CompletableFuture<Void> two = insert(2);
        assertThat(writer.depth()).isEqualTo(4);
        hold.countDown();

        CompletableFuture.allOf(first, one, two).get(5, TimeUnit.SECONDS);
        Throwable failure = catchThrowable(() -> duplicate.get(5, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(SwitchException.class).hasMessageStartingWith("the switch could not insert 1: ");
        assertThat(rows()).containsExactly(1, 2);
        assertThat(undone).containsExactly("insert 1");
        assertThat(writer.failed()).isEqualTo(1);
        assertThat(writer.depth()).isZero();
    }

    @Test
    void collectCompletesWhenTheWritesOfItsActionAreCommittedAndAtOnceWithoutWrites() throws Exception {
        assertThat(writer.collect(() -> { }).isDone()).isTrue();
        CompletableFuture<Void> written = writer.collect(() -> {
            insert(5);
            insert(6);
        });
        written.get(5, TimeUnit.SECONDS);
        assertThat(rows()).containsExactly(5, 6);
    }
}
