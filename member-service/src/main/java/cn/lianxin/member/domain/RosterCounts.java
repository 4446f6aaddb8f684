package cn.lianxin.member.domain;

import java.util.EnumMap;
import java.util.Map;

/** The counts of a filed roster (花名册备案), taken from the very rows of its file: by category, by standing, flowing. */
public record RosterCounts(int members, Map<Category, Integer> byCategory, Map<Standing, Integer> byStanding, int flowing) {

    public RosterCounts {
        byCategory = complete(byCategory, Category.class);
        byStanding = complete(byStanding, Standing.class);
    }

    /** Every value of the enum, 0 where none, in the enum's order. */
    private static <E extends Enum<E>> Map<E, Integer> complete(Map<E, Integer> counts, Class<E> type) {
        Map<E, Integer> all = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            all.put(value, counts == null ? 0 : counts.getOrDefault(value, 0));
        }
        return java.util.Collections.unmodifiableMap(all);
    }

    /** Counts row by row. */
    public static final class Tally {
        private int members;
        private int flowing;
        private final Map<Category, Integer> byCategory = new EnumMap<>(Category.class);
        private final Map<Standing, Integer> byStanding = new EnumMap<>(Standing.class);

        public void add(Category category, Standing standing, boolean isFlowing) {
            members++;
            byCategory.merge(category, 1, Integer::sum);
            byStanding.merge(standing, 1, Integer::sum);
            if (isFlowing) {
                flowing++;
            }
        }

        public RosterCounts counts() {
            return new RosterCounts(members, byCategory, byStanding, flowing);
        }
    }
}
