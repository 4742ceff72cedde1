package io.tandem.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Migrations and transactions on embedded H2 and on PostgreSQL. */
class DatabaseTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("h2", DatabaseSettings.h2File(dir, "db-test")),
                Arguments.of("postgresql", PostgresTestServer.freshSchema()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void migratesOnceAndRollsBackAFailedTransaction(String name, DatabaseSettings settings) {
        try (Database db = Database.open(settings, "test")) {
            db.migrate("db/test", "flyway_history_test");
            db.migrate("db/test", "flyway_history_test");
            db.inTransaction("insert", c -> c.createStatement().executeUpdate("INSERT INTO sample (id) VALUES (1)"));
            assertThatThrownBy(() -> db.inTransaction("insert twice", c -> {
                c.createStatement().executeUpdate("INSERT INTO sample (id) VALUES (2)");
                return c.createStatement().executeUpdate("INSERT INTO sample (id) VALUES (1)");
            })).isInstanceOf(DatabaseException.class).hasMessageStartingWith("insert twice: ");
            assertThat(count(db)).isEqualTo(1);
        }
    }

    private static int count(Database db) {
        return db.inTransaction("count", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sample")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @org.junit.jupiter.api.Test
    void anUnsupportedUrlIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://x/y", "u", "p"))
                .hasMessageContaining("unsupported database URL 'jdbc:mysql://x/y'");
    }

}
