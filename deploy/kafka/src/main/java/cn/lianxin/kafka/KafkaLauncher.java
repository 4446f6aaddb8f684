package cn.lianxin.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a local Kafka broker with the Lianxin topics until the process is stopped (SIGTERM / Ctrl-C).
 *
 * <pre>java cn.lianxin.kafka.KafkaLauncher [--port 9092] [--data-dir target/kafka-data] [--proxied-listener PORT:PROXY_PORT]</pre>
 *
 * <p>{@code --proxied-listener} adds a listener on PORT that advertises PROXY_PORT, where a TCP proxy forwards to
 * PORT: the fault tests cut one service off the broker with it.
 */
public final class KafkaLauncher {

    private static final String USAGE = "usage: KafkaLauncher [--port 9092] [--data-dir target/kafka-data] [--proxied-listener PORT:PROXY_PORT]";

    static {
        // Route java.util.logging to the JBoss LogManager, as Quarkus does; must happen before the first logger exists.
        setIfAbsent("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        // One line per record for the stderr handler installed in main().
        setIfAbsent("java.util.logging.SimpleFormatter.format", "%1$tT %4$s [%3$s] %5$s%6$s%n");
    }

    // Kafka 4 broker code logs under kafka.* (Scala) and org.apache.kafka.* (Java); zookeeper only for old setups.
    private static final List<String> CHATTY_LOGGERS =
            List.of("kafka", "state.change.logger", "org.apache.kafka", "org.apache.zookeeper");

    // java.util.logging holds loggers weakly; keeping them here keeps the levels we set.
    private static final List<Logger> QUIETED = CHATTY_LOGGERS.stream().map(Logger::getLogger).toList();

    private KafkaLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 9092;
        Path dataDir = Path.of("target", "kafka-data");
        String proxied = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(required(value, args[i]));
                case "--data-dir" -> dataDir = Path.of(required(value, args[i]));
                case "--proxied-listener" -> proxied = required(value, args[i]);
                default -> fail(USAGE, 2);
            }
        }

        logToStderr();
        quietKafkaLogging();
        KafkaBroker broker;
        try {
            BrokerSettings settings = BrokerSettings.fixed(port, dataDir);
            if (proxied != null) {
                String[] ports = proxied.split(":");
                settings = settings.withProxiedListener(Integer.parseInt(ports[0]), Integer.parseInt(ports[1]));
            }
            broker = KafkaBroker.start(settings);
        } catch (RuntimeException e) {
            fail("Kafka broker did not start: " + e.getMessage(), 1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        try {
            broker.createTopics(LianxinTopics.all());
        } catch (RuntimeException e) {
            fail("Could not create the Lianxin topics: " + e.getMessage(), 1); // exit runs the shutdown hook
        }
        System.out.println("Kafka broker ready at " + broker.bootstrapServers() + " (data: " + broker.dataDir() + ")");

        // Park until SIGTERM / Ctrl-C: the JVM then runs the shutdown hook and exits.
        Thread.currentThread().join();
    }

    /** Sets the broker's loggers to WARN; works with any java.util.logging-based backend (JBoss LogManager here). */
    static void quietKafkaLogging() {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
    }

    // The JBoss LogManager's default console handler writes to stdout, which is kept for the "ready" line.
    private static void logToStderr() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new ConsoleHandler()); // java.util.logging's ConsoleHandler writes to System.err
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static String required(String value, String option) {
        if (value == null) {
            fail(option + " needs a value\n" + USAGE, 2);
        }
        return value;
    }

    private static void fail(String message, int status) {
        System.err.println(message);
        System.exit(status);
    }
}
