package oversightgraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A Neo4j 5 community server for the tests and for development: Bolt on 127.0.0.1, authentication
 * on, user neo4j with the password of NEO4J_PASSWORD. Prints one line, the Bolt URI, when it is
 * ready; everything else goes to stderr or to the logs under its data folder. Stops on SIGINT or
 * SIGTERM.
 *
 * NEO4J_DEV_PORT (7687), NEO4J_PASSWORD (changeme-please), NEO4J_DEV_DATA (a temporary folder,
 * removed on exit).
 */
public final class DevServer {
    private static final String DEFAULT_DATABASE = "neo4j";

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(env("NEO4J_DEV_PORT", "7687"));
        String password = env("NEO4J_PASSWORD", "changeme-please");
        if (password.length() < 8) fail("NEO4J_PASSWORD must have at least 8 characters (Neo4j refuses shorter ones)");
        String dataEnv = System.getenv("NEO4J_DEV_DATA");
        boolean temporary = dataEnv == null || dataEnv.isBlank();
        Path home = temporary ? Files.createTempDirectory("og-neo4j-") : Path.of(dataEnv).toAbsolutePath();
        Files.createDirectories(home.resolve("import"));

        // registered first, so a stop while starting still removes a temporary folder
        AtomicReference<DatabaseManagementService> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DatabaseManagementService started = running.get();
            if (started != null) started.shutdown();
            if (temporary) deleteQuietly(home);
        }, "neo4j-dev-shutdown"));

        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                // a neo4j:// client is routed to what the server advertises: the address it listens on
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress("127.0.0.1"))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // LOAD CSV reads only this folder, as in Neo4j's own server packages
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, home.resolve("import"))
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                .build();
        running.set(dbms);

        setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
        GraphDatabaseService db = dbms.database(DEFAULT_DATABASE);
        if (!db.isAvailable(TimeUnit.SECONDS.toMillis(120))) fail("the database " + DEFAULT_DATABASE + " did not come online within 120 s");
        System.err.println("neo4j-dev: data in " + home + (temporary ? " (removed on exit)" : ""));
        System.out.println("bolt://127.0.0.1:" + port);
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The initial password, as `neo4j-admin dbms set-initial-password` would set it; kept when it is already the same. */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) throw e;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void fail(String message) {
        System.err.println("neo4j-dev: " + message);
        System.exit(1);
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("neo4j-dev: could not remove " + root + ": " + e.getMessage());
        }
    }

    private DevServer() {}
}
