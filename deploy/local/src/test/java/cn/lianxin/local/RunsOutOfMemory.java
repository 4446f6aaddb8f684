package cn.lianxin.local;

import java.util.ArrayList;
import java.util.List;

/** A program that runs out of memory: it holds on to everything it allocates. */
public final class RunsOutOfMemory {

    private RunsOutOfMemory() {
    }

    public static void main(String[] args) {
        List<long[]> held = new ArrayList<>();
        while (true) {
            held.add(new long[1 << 16]);
        }
    }
}
