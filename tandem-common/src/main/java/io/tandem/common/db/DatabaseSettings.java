package io.tandem.common.db;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database is.
 *
 * @param url the JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...})
 * @param user the database user
 * @param password the database password
 */
public record DatabaseSettings(String url, String user, String password) {

    /** Checks the URL names a supported database. */
    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("unsupported database URL '" + url
                    + "': use jdbc:h2:... or jdbc:postgresql://host:port/database");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /** An embedded H2 database in the file {@code dataDir/name.mv.db}. */
    public static DatabaseSettings h2File(Path dataDir, String name) {
        String path = dataDir.toAbsolutePath().normalize().resolve(name).toString();
        return new DatabaseSettings("jdbc:h2:file:" + path + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    /** A private in-memory H2 database (tests). */
    public static DatabaseSettings h2Memory(String name) {
        return new DatabaseSettings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** Whether this is PostgreSQL. */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + url + "]";
    }
}
