package io.tandem.common.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests. By default it starts a private server once per test JVM from the
 * PostgreSQL binaries of the Debian package {@code postgresql} (initdb and pg_ctl under
 * /usr/lib/postgresql/N/bin), on a free loopback port, in a temporary directory; as root it runs them as
 * the {@code postgres} user, since PostgreSQL refuses to run as root. With {@code TANDEM_TEST_PG_URL} (and
 * {@code TANDEM_TEST_PG_USER}, {@code TANDEM_TEST_PG_PASSWORD}) it uses that server instead. Each call of
 * {@link #freshSchema()} gives a new, empty schema, so tests do not see each other's tables.
 */
public final class PostgresTestServer {

    private static String baseUrl;
    private static String user;
    private static String password;

    private PostgresTestServer() {
    }

    /** Settings for a new empty schema on the test server. */
    public static synchronized DatabaseSettings freshSchema() {
        if (baseUrl == null) {
            start();
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema on " + baseUrl + ": " + e.getMessage(), e);
        }
        String separator = baseUrl.contains("?") ? "&" : "?";
        return new DatabaseSettings(baseUrl + separator + "currentSchema=" + schema, user, password);
    }

    private static void start() {
        String external = System.getenv("TANDEM_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            baseUrl = external;
            user = System.getenv().getOrDefault("TANDEM_TEST_PG_USER", "postgres");
            password = System.getenv().getOrDefault("TANDEM_TEST_PG_PASSWORD", "");
            return;
        }
        Path bin = findBinaries();
        try {
            Path dir = Files.createTempDirectory("tandem-pg");
            Path data = dir.resolve("data");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "postgres", dir.toString()), false);
            }
            int port = freePort();
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "tandem", "--auth=trust", "-E", "UTF8",
                    "--no-sync"), root);
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l", dir.resolve("log").toString(),
                    "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, dir, data, root)));
            baseUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            user = "tandem";
            password = "";
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL for tests: " + e.getMessage(), e);
        }
    }

    private static Path findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent())));
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException e) {
                // reported below
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql: "
                + "install the Debian package 'postgresql' (apt-get install -y postgresql), or point TANDEM_TEST_PG_URL at a server");
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", full) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", full), e);
        }
    }

    private static void stop(Path bin, Path dir, Path data, boolean root) {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"), root);
        } catch (IOException e) {
            System.err.println("stopping the test PostgreSQL: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
