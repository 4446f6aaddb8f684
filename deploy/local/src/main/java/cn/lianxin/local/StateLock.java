package cn.lianxin.local;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@code up} at a time per state directory. A second one would share the first one's database, broker data and
 * keys while it runs — and with {@code --fresh}, drop that database and delete that state under it. Taken before
 * anything is touched; held until the launcher's JVM exits (the operating system releases it, even after a kill).
 */
final class StateLock implements AutoCloseable {

    /** Kept in the state directory when a fresh start forgets the rest. */
    static final String FILE = "up.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws Refusal when another {@code up} holds it, naming its process */
    static StateLock acquire(Path state) throws IOException {
        Files.createDirectories(state);
        Path file = state.resolve(FILE);
        FileChannel channel = FileChannel.open(file, CREATE, READ, WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            String holder = Files.readString(file, US_ASCII).strip();
            throw new Refusal("another deploy/local/up is running with the state in " + state
                    + (holder.isEmpty() ? "" : " (process " + holder + ")")
                    + ": stop it first (Ctrl-C where it runs), or give this one its own LIANXIN_LOCAL_STATE,"
                    + " LIANXIN_LOCAL_DB and LIANXIN_LOCAL_PORT_OFFSET");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(US_ASCII)), 0);
        channel.force(false);
        return new StateLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
