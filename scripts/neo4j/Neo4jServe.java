// Neo4jServe.java - runs a real Neo4j Community DBMS (embedded) with a Bolt connector, for tests and CI.
//
// Run (single-file source launch, Java 17+):
//   NEO4J_PASSWORD=... java <jvm flags> -cp "lib/*" Neo4jServe.java HOME PORT
// HOME is the DBMS home (data/ and logs/ go below it), PORT the Bolt port on 127.0.0.1.
// Prints "NEO4J_READY bolt://127.0.0.1:PORT" once Bolt accepts logins, then blocks until SIGTERM/SIGINT.
// Normally started through scripts/neo4j/start.sh.

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

public class Neo4jServe {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -cp 'lib/*' Neo4jServe.java HOME PORT   (password in env NEO4J_PASSWORD)");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            // Neo4j's default dbms.security.auth_minimum_password_length is 8.
            System.err.println("NEO4J_FAILED env NEO4J_PASSWORD must be set (at least 8 characters)");
            System.exit(2);
        }
        long pageCacheMb = Long.parseLong(envOr("NEO4J_PAGECACHE_MB", "192"));
        // Neo4j locks a user for 5 s after 3 failed logins (AuthenticationRateLimit), which makes
        // "wrong password" tests flaky for the tests that follow. 0 disables the lock (loopback-only test server).
        int maxFailedAuth = Integer.parseInt(envOr("NEO4J_AUTH_MAX_FAILED_ATTEMPTS", "0"));
        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                // neo4j:// routing tables hand out the advertised address; keep it on IPv4 loopback.
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, maxFailedAuth)
                // Usage data collection (phones home to udc.neo4j.com, blocked in CI): off.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Server-side routing opens an extra connector (default :7688); not needed on a single
                // instance. Clients using neo4j:// still get a routing table (pointing at this server).
                .setConfig(GraphDatabaseSettings.routing_enabled, false);

        DatabaseManagementService dbms = builder.build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEO4J_STOPPING");
            System.out.flush();
            dbms.shutdown();
        }, "neo4j-shutdown"));

        // Embedded API calls bypass auth, so the admin command can run before any Bolt login.
        // Community supports ALTER USER ... SET PASSWORD (but not SET STATUS / roles).
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Reused data dir that already has this password: Neo4j refuses "old == new"; that is fine.
            if (!String.valueOf(rootMessage(e)).contains("cannot be the same")) {
                throw e;
            }
        }

        if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(120_000)) {
            System.err.println("NEO4J_FAILED default database not available after 120 s");
            dbms.shutdown();
            System.exit(1);
        }
        System.out.println("NEO4J_READY bolt://" + HOST + ":" + port);
        System.out.flush();
        Thread.currentThread().join(); // block; SIGTERM runs the shutdown hook
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    private static String envOr(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
