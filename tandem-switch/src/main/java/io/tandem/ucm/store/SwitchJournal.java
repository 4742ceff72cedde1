package io.tandem.ucm.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.common.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switch's write-ahead journal beside an embedded H2 database: the statements of each committed group of writes are
 * appended to a file (one {@code write} call per group, a line per write) before the switch answers, so that a change
 * the switch confirmed survives the process being killed without H2 writing its file for every group (H2 writes its
 * file in the background; a {@code CHECKPOINT} costs milliseconds). The journal is emptied after each checkpoint, and
 * replayed into the database at the next start: every journaled statement is keyed (a delete by key, or an insert of a
 * key that is absent at that point of the sequence), and an insert whose key is there already is skipped during the
 * replay, so replaying a journal whose first part is in the database already gives the same tables.
 *
 * <p>Not synced to the disk: a killed process loses nothing, a machine that loses power can lose what the operating
 * system had not written yet (docs/architecture.md, durability contract). Used by the writer thread only.
 */
public final class SwitchJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Statement>> LINE = new TypeReference<>() { };
    /** SQLSTATE of a unique constraint violation. */
    private static final String DUPLICATE_KEY = "23505";

    /**
     * One SQL statement with its arguments (strings, numbers, booleans or nulls).
     *
     * @param sql the statement
     * @param args its arguments in order
     */
    public record Statement(String sql, List<Object> args) {

        /** A statement with {@code args}. */
        public static Statement of(String sql, Object... args) {
            return new Statement(sql, java.util.Arrays.asList(args));
        }

        /** Runs it on {@code c}; the number of rows changed. */
        int run(Connection c) throws SQLException {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    st.setObject(i + 1, args.get(i));
                }
                return st.executeUpdate();
            }
        }
    }

    private final Path file;
    private final FileChannel channel;
    private long bytes;

    private SwitchJournal(Path file, FileChannel channel, long bytes) {
        this.file = file;
        this.channel = channel;
        this.bytes = bytes;
    }

    /**
     * The journal of {@code database}'s file, or null when it is not an embedded H2 file (its commits are durable, or
     * nothing is), or when the system property {@code tandem.switch.journal} is {@code false}: each group is then
     * checkpointed into the H2 file instead (as durable, and slower; for measuring, docs/benchmarks.md).
     */
    public static SwitchJournal of(Database database) {
        if (!Boolean.parseBoolean(System.getProperty("tandem.switch.journal", "true"))) {
            return null;
        }
        return database.embeddedFile().map(f -> open(Path.of(f + ".switch-journal"))).orElse(null);
    }

    /** Opens (creating it) the journal at {@code file}. */
    public static SwitchJournal open(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new SwitchJournal(file, channel, channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the switch journal " + file, e);
        }
    }

    /**
     * Applies what the journal holds to {@code database} in one transaction, writes the database file, and empties the
     * journal; a last line cut short (the process died while appending it: never answered) is ignored. Returns the
     * number of writes replayed.
     */
    public int replayInto(Database database) {
        List<List<Statement>> writes = read();
        if (!writes.isEmpty()) {
            database.inTransaction("replay " + writes.size() + " journaled switch changes", c -> {
                for (List<Statement> write : writes) {
                    for (Statement s : write) {
                        replay(c, s);
                    }
                }
                return null;
            });
            database.flushToFile("replay the switch journal");
            LOG.info("replayed {} switch changes from the journal {}", writes.size(), file);
        }
        reset();
        return writes.size();
    }

    /** Runs {@code s}, skipping an insert whose row is there already (the database held that part of the journal). */
    private static void replay(Connection c, Statement s) throws SQLException {
        java.sql.Savepoint before = c.setSavepoint();
        try {
            s.run(c);
        } catch (SQLException e) {
            if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(before);
        }
    }

    private List<List<Statement>> read() {
        List<List<Statement>> writes = new ArrayList<>();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int start = 0;
            for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
                writes.add(JSON.readValue(text.substring(start, end), LINE));
            }
            if (start < text.length()) {
                LOG.warn("the switch journal {} ends with a write cut short ({} bytes); it was never answered and is ignored", file,
                        text.length() - start);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the switch journal " + file, e);
        }
        return writes;
    }

    /** Appends {@code writes} (a line each) in one write to the file. */
    public void append(List<List<Statement>> writes) {
        StringBuilder text = new StringBuilder();
        try {
            for (List<Statement> write : writes) {
                text.append(JSON.writeValueAsString(write)).append('\n');
            }
            ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                bytes += channel.write(buffer, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the switch journal " + file, e);
        }
    }

    /** Empties the journal (after the database file holds everything in it). */
    public void reset() {
        try {
            channel.truncate(0);
            bytes = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the switch journal " + file, e);
        }
    }

    /** Bytes in the journal now. */
    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("cannot close the switch journal {}: {}", file, e.toString());
        }
    }
}
