package cn.lianxin.member.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A focus of 专项排查 special checks set on the register (contracts: common FocusTag): whom a campaign looks at first.
 * The roster writes them by their Chinese labels, separated by 、.
 */
public enum FocusTag {
    VETERAN_PRE_1949("建国前老党员"),
    OVER_80("80岁以上"),
    HARDSHIP("困难党员"),
    SERIOUS_ILLNESS("患大病党员"),
    ABROAD("出国境"),
    GRADUATE("毕业生");

    /** The separator of a roster cell; the ASCII and full-width commas and semicolons are read too. */
    public static final String SEPARATOR = "、";
    private static final String SEPARATORS = "[、,，;；]";

    public final String label;

    FocusTag(String label) {
        this.label = label;
    }

    /** The tags of a roster cell and the labels that are none (empty when all were read). */
    public record Parsed(Set<FocusTag> tags, List<String> unknown) {
    }

    /** Reads a cell such as {@code 困难党员、出国境}: labels (or the English names), blanks ignored, in any order. */
    public static Parsed parseLabels(String cell) {
        Set<FocusTag> tags = EnumSet.noneOf(FocusTag.class);
        List<String> unknown = new ArrayList<>();
        if (cell == null) {
            return new Parsed(tags, unknown);
        }
        for (String part : cell.split(SEPARATORS)) {
            String label = part.strip();
            if (label.isEmpty()) {
                continue;
            }
            FocusTag tag = byLabel(label);
            if (tag == null) {
                unknown.add(label);
            } else {
                tags.add(tag);
            }
        }
        return new Parsed(tags, unknown);
    }

    /** The cell of a roster: the labels in the enum's order, separated by 、; null when there are none. */
    public static String labels(Collection<FocusTag> tags) {
        if (tags == null || tags.isEmpty()) {
            return null;
        }
        return EnumSet.copyOf(tags).stream().map(t -> t.label).collect(Collectors.joining(SEPARATOR));
    }

    /** Every label, for messages: 建国前老党员、80岁以上、…. */
    public static String allLabels() {
        return labels(EnumSet.allOf(FocusTag.class));
    }

    private static FocusTag byLabel(String label) {
        for (FocusTag tag : values()) {
            if (tag.label.equals(label) || tag.name().equalsIgnoreCase(label)) {
                return tag;
            }
        }
        return null;
    }
}
