package io.tandem.ucm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch's journal on an embedded H2 file: a confirmed write is in the journal before its answer and is back after
 * the database was closed without writing its file (SHUTDOWN IMMEDIATELY, as a killed process); replaying a journal whose
 * first writes are in the database already gives the same tables; a write cut short is ignored; a checkpoint empties it.
 */
class SwitchJournalTest {

    private static final long NEVER = TimeUnit.HOURS.toNanos(1);

    @TempDir
    Path dir;

    private Database open() {
        return Database.open(DatabaseSettings.h2File(dir, "db"), "journal-test");
    }

    private static void createTable(Database db) {
        db.inTransaction("create", c -> c.createStatement().execute("CREATE TABLE IF NOT EXISTS t (k INT PRIMARY KEY, v VARCHAR(10))"));
    }

    private static Map<Integer, String> rows(Database db) {
        return db.inTransaction("read", c -> {
            var rs = c.createStatement().executeQuery("SELECT k, v FROM t");
            Map<Integer, String> rows = new TreeMap<>();
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getString(2));
            }
            return rows;
        });
    }

    private static List<SwitchJournal.Statement> put(int k, String v) {
        return List.of(SwitchJournal.Statement.of("DELETE FROM t WHERE k = ?", k), SwitchJournal.Statement.of("INSERT INTO t VALUES (?, ?)", k, v));
    }

    private static void crash(Database db) {
        try {
            db.inTransaction("crash", c -> c.createStatement().execute("SHUTDOWN IMMEDIATELY"));
        } catch (RuntimeException e) {
            // the connection dies with the database
        }
        db.close();
    }

    @Test
    void aConfirmedWriteIsInTheJournalBeforeItsAnswerAndIsBackAfterACrash() throws Exception {
        Database db = open();
        createTable(db);
        db.flushToFile("table");
        SwitchJournal journal = SwitchJournal.of(db);
        SwitchWriter writer = new SwitchWriter(db, journal, Runnable::run, NEVER);
        writer.write("put 1", put(1, "one"), () -> { }).get(5, TimeUnit.SECONDS);
        writer.write("put 2", put(2, "two"), () -> { }).get(5, TimeUnit.SECONDS);
        Path file = Path.of(db.embeddedFile().orElseThrow() + ".switch-journal");
        assertThat(Files.readAllLines(file)).hasSize(2).allMatch(line -> line.contains("INSERT INTO t VALUES"));
        crash(db);

        Database reopened = open();
        assertThat(SwitchJournal.of(reopened).replayInto(reopened)).isEqualTo(2);
        assertThat(rows(reopened)).containsExactly(Map.entry(1, "one"), Map.entry(2, "two"));
        assertThat(Files.size(file)).isZero();
        reopened.close();
    }

    @Test
    void replayingAJournalWhoseFirstWritesAreInTheDatabaseGivesTheSameTablesAndIgnoresAWriteCutShort() throws Exception {
        Database db = open();
        createTable(db);
        SwitchJournal journal = SwitchJournal.of(db);
        List<List<SwitchJournal.Statement>> writes = new ArrayList<>(List.of(put(1, "a"), put(1, "b"), put(2, "c"),
                List.of(SwitchJournal.Statement.of("DELETE FROM t WHERE k = ?", 2)), put(3, "d"),
                List.of(SwitchJournal.Statement.of("INSERT INTO t VALUES (?, ?)", 4, "e")),
                List.of(SwitchJournal.Statement.of("DELETE FROM t WHERE k = ?", 4)),
                List.of(SwitchJournal.Statement.of("INSERT INTO t VALUES (?, ?)", 4, "f"))));
        journal.append(writes);
        db.inTransaction("the first six writes made it to the file",
                c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (1, 'b'), (3, 'd'), (4, 'e')"));
        Path file = Path.of(db.embeddedFile().orElseThrow() + ".switch-journal");
        Files.writeString(file, "[{\"sql\":\"INSERT INTO t VALUES (?, ?)\",\"args\":[9,", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        journal.close();

        assertThat(SwitchJournal.of(db).replayInto(db)).isEqualTo(8);
        assertThat(rows(db)).containsExactly(Map.entry(1, "b"), Map.entry(3, "d"), Map.entry(4, "f"));
        db.close();
    }

    @Test
    void aCheckpointedWriteOrAQuietSecondEmptiesTheJournal() throws Exception {
        Database db = open();
        createTable(db);
        SwitchJournal journal = SwitchJournal.of(db);
        SwitchWriter writer = new SwitchWriter(db, journal, Runnable::run, NEVER);
        writer.write("put 1", put(1, "one"), () -> { }).get(5, TimeUnit.SECONDS);
        assertThat(journal.bytes()).isPositive();
        writer.write("configuration", true, c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (5, 'five')"), () -> { })
                .get(5, TimeUnit.SECONDS);
        assertThat(journal.bytes()).isZero();
        writer.close();

        SwitchJournal again = SwitchJournal.of(db);
        SwitchWriter quiet = new SwitchWriter(db, again, Runnable::run, TimeUnit.MILLISECONDS.toNanos(100));
        quiet.write("put 2", put(2, "two"), () -> { }).get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> again.bytes() == 0);
        quiet.close();
        assertThat(rows(db)).containsKeys(1, 2, 5);
        db.close();
    }
}
