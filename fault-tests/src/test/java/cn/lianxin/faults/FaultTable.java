package cn.lianxin.faults;

import java.util.ArrayList;
import java.util.List;

/** The figures of every fault scenario run in this JVM, printed as one table after each scenario. */
final class FaultTable {

    record Row(String fault, int repetitions, long acknowledged, long stored, long published, long lost,
            long duplicatedEffects, String recovery) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private FaultTable() {
    }

    static synchronized void add(Row row) {
        ROWS.add(row);
        StringBuilder table = new StringBuilder("\n| fault | repetitions | acknowledged | stored | published | lost | duplicated effects | recovery |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Row r : ROWS) {
            table.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %s |%n", r.fault(), r.repetitions(),
                    r.acknowledged(), r.stored(), r.published(), r.lost(), r.duplicatedEffects(), r.recovery()));
        }
        System.out.println(table);
    }
}
