package io.tandem.app;

import io.tandem.common.db.DatabaseSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Database options shared by the commands that keep state. */
final class DatabaseOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the embedded H2 database lives (default: ./data)")
    Path dataDir = Path.of("data");

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "use this database instead of embedded H2, e.g. jdbc:postgresql://localhost:5432/tandem")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "database user (with --db-url)")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "database password (with --db-url)")
    String password;

    /** The settings; {@code h2Name} names the H2 file in the data directory. */
    DatabaseSettings settings(String h2Name) {
        return url != null ? new DatabaseSettings(url, user, password) : DatabaseSettings.h2File(dataDir, h2Name);
    }
}
