package cn.lianxin.local.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * How long each stage of the demo city's load took, for the console: "orgs 2 s, register 9 s, …", in the order they
 * ended (stages that run side by side each count their own time).
 */
final class Stages {

    private final List<String> took = Collections.synchronizedList(new ArrayList<>());

    <T> T time(String stage, Supplier<T> work) {
        long started = System.nanoTime();
        T result = work.get();
        took.add(stage + " " + Math.round((System.nanoTime() - started) / 1e9) + " s");
        return result;
    }

    void run(String stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public String toString() {
        synchronized (took) {
            return String.join(", ", took);
        }
    }
}
