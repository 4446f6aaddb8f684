package cn.lianxin.member.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A member's focus tags as the {@code text[]} column {@code member.focus_tags}: their names, in the enum's order. */
@Converter
public class FocusTagsConverter implements AttributeConverter<Set<FocusTag>, String[]> {

    @Override
    public String[] convertToDatabaseColumn(Set<FocusTag> tags) {
        return tags == null ? new String[0] : EnumSet.copyOf(tags.isEmpty() ? EnumSet.noneOf(FocusTag.class) : tags)
                .stream().map(Enum::name).toArray(String[]::new);
    }

    @Override
    public Set<FocusTag> convertToEntityAttribute(String[] names) {
        Set<FocusTag> tags = EnumSet.noneOf(FocusTag.class);
        if (names != null) {
            Arrays.stream(names).map(FocusTag::valueOf).forEach(tags::add);
        }
        return tags;
    }
}
