package cn.lianxin.local;

import java.nio.file.Path;

/** A launcher stand-in for {@link StateLockTest}: holds the state's lock, says so, and holds it until its input closes. */
public final class HoldsStateLock {

    public static void main(String[] args) throws Exception {
        try (StateLock lock = StateLock.acquire(Path.of(args[0]))) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // held until the test closes our input
            }
        }
    }
}
