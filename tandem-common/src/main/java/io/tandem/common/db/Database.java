package io.tandem.common.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A pooled connection to the configured database. */
public final class Database implements AutoCloseable {

    /** Work done on one connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work. */
        T run(Connection connection) throws SQLException;
    }

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;

    private Database(DatabaseSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
    }

    /** Opens a pool to the database, failing at once if it cannot be reached. */
    public static Database open(DatabaseSettings settings, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setPoolName(poolName);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(10_000);
        try {
            return new Database(settings, new HikariDataSource(config));
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot open database " + settings.url(), e);
        }
    }

    /**
     * Applies the migrations under {@code classpath:location} and records them in {@code historyTable},
     * so that several components can keep their own schema history in one database.
     */
    public void migrate(String location, String historyTable) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:" + location)
                    .table(historyTable)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot migrate " + location + " in " + settings.url(), e);
        }
    }

    /** Runs {@code work} in one transaction, committed on success and rolled back on any failure. */
    public <T> T inTransaction(String doing, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(doing, e);
        }
    }

    /**
     * Like {@link #inTransaction}, and the change is in the database file before this returns, so that it
     * survives the process being killed. PostgreSQL commits are durable already; embedded H2 writes its
     * file in the background (within about a second), so a file database is flushed with CHECKPOINT.
     */
    public <T> T inDurableTransaction(String doing, Work<T> work) {
        T result = inTransaction(doing, work);
        flushToFile(doing);
        return result;
    }

    /**
     * Writes everything committed so far into an embedded H2 database's file (CHECKPOINT), so that it survives the
     * process being killed; nothing to do for PostgreSQL or an in-memory database.
     */
    public void flushToFile(String doing) {
        if (embeddedFile().isPresent()) {
            inTransaction(doing + " (flush to the file)", c -> {
                try (var statement = c.createStatement()) {
                    statement.execute("CHECKPOINT");
                }
                return null;
            });
        }
    }

    /** The file of an embedded H2 database (its path as in the URL, without H2's extension); empty for any other. */
    public java.util.Optional<java.nio.file.Path> embeddedFile() {
        String prefix = "jdbc:h2:file:";
        if (!settings.url().startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String rest = settings.url().substring(prefix.length());
        int options = rest.indexOf(';');
        return java.util.Optional.of(java.nio.file.Path.of(options < 0 ? rest : rest.substring(0, options)));
    }

    /** The data source. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Where the database is. */
    public DatabaseSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
