package cn.lianxin.systemtests;

import java.io.IOException;

/**
 * StartupBenchmark's baseline: a JVM that does nothing. It says "ready" once its main method runs and waits until its
 * standard input closes, so that its start time and resident memory can be read as those of a service.
 */
public final class IdleJvm {

    private IdleJvm() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // waits for the benchmark to close the pipe
        }
    }
}
