package cn.lianxin.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * What the libraries inside the launcher log stays off the console, which keeps the stack's own lines and its URLs:
 * the embedded broker and the stand-in department's Kafka clients (hundreds of lines while they start) write to a
 * file of their own; the SMTP stand-in's INFO lines (one per new mailbox, naming its address) are not written at all.
 */
final class LibraryLogs {

    /** Held: a logger nobody references may be collected with the handler or level set on it. */
    private static final List<Logger> KAFKA = List.of(Logger.getLogger("org.apache.kafka"), Logger.getLogger("kafka"),
            Logger.getLogger("state.change.logger"));
    private static final Logger SMTP = Logger.getLogger("com.icegreen");

    private LibraryLogs() {
    }

    /** From now on every Kafka log line goes to {@code kafkaLog} (appended), and the SMTP stand-in logs only warnings. */
    static void quiet(Path kafkaLog) throws IOException {
        SMTP.setLevel(Level.WARNING);
        Formatter lines = new Formatter() {
            @Override
            public String format(LogRecord record) {
                StringBuilder line = new StringBuilder().append(Instant.ofEpochMilli(record.getMillis())).append(' ')
                        .append(record.getLevel()).append(" [").append(record.getLoggerName()).append("] ")
                        .append(formatMessage(record)).append(System.lineSeparator());
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(trace);
                }
                return line.toString();
            }
        };
        // A plain stream, not a FileHandler (which leaves a .lck file beside the log), flushed line by line.
        StreamHandler handler = new StreamHandler(Files.newOutputStream(kafkaLog, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), lines) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        for (Logger logger : KAFKA) {
            logger.setUseParentHandlers(false);
            logger.addHandler(handler);
        }
    }
}
