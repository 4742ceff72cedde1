package io.tandem.server.store;

import io.tandem.common.db.Database;
import io.tandem.server.recording.RecordingLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording metadata in the server's database (table {@code ts_recording}), written in order by a thread of its own
 * ("recordings-db"); at most {@link #MAX_PENDING} writes wait, beyond which one is dropped with a warning (the media is
 * recorded all the same: only its CTI tags are missing).
 */
public final class StoredRecordings implements RecordingLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoredRecordings.class);

    /** Writes that may wait at most. */
    public static final int MAX_PENDING = 100_000;

    private final Database database;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_PENDING), r -> {
        Thread t = new Thread(r, "recordings-db");
        t.setDaemon(true);
        return t;
    }, (task, pool) -> LOG.warn("recording metadata not stored: {} writes are waiting", MAX_PENDING));

    /** Recording metadata in {@code database}. */
    public StoredRecordings(Database database) {
        this.database = database;
    }

    private void write(String what, Database.Work<Integer> work) {
        writer.execute(() -> {
            try {
                database.inTransaction(what, work);
            } catch (RuntimeException e) {
                LOG.warn("could not {}: {}", what, e.toString());
            }
        });
    }

    @Override
    public void started(Entry e) {
        write("store recording " + e.recordingId(), c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE ts_recording SET stopped_at = NULL, cause = NULL WHERE recording_id = ?")) {
                update.setString(1, e.recordingId());
                if (update.executeUpdate() > 0) {
                    return 1;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ts_recording (recording_id, conn_id, call_id, dn, agent_id,"
                    + " em_user, recorder, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, e.recordingId());
                insert.setString(2, e.connId());
                insert.setLong(3, e.callId());
                insert.setString(4, e.dn());
                insert.setString(5, e.agentId());
                insert.setString(6, e.emUser());
                insert.setString(7, e.recorder());
                insert.setLong(8, e.startedAt());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public void ended(String recordingId, long atMillis, String cause) {
        write("store the end of recording " + recordingId, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE ts_recording SET stopped_at = ?, cause = ? WHERE recording_id = ?")) {
                update.setLong(1, atMillis);
                update.setString(2, cause);
                update.setString(3, recordingId);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public CompletableFuture<List<Entry>> latest(int limit) {
        return CompletableFuture.supplyAsync(() -> database.inTransaction("read recordings", c -> {
            List<Entry> rows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT recording_id, conn_id, call_id, dn, agent_id, em_user, recorder,"
                    + " started_at, stopped_at, cause FROM ts_recording ORDER BY started_at DESC, recording_id DESC")) {
                select.setMaxRows(limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Entry(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getLong(8), (Long) rs.getObject(9), rs.getString(10)));
                    }
                }
            }
            return rows;
        }), writer);
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
