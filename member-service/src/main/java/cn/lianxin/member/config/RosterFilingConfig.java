package cn.lianxin.member.config;

import java.time.MonthDay;
import java.time.format.DateTimeParseException;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** 花名册备案 (docs/domain.md §7). */
@ConfigMapping(prefix = "lianxin.member.roster-filing")
public interface RosterFilingConfig {

    /** The day of the year by which a branch files its roster for that year (Asia/Shanghai, the day included): MM-dd. */
    @WithDefault("03-31")
    @WithConverter(MonthDayConverter.class)
    MonthDay deadline();

    /** Reads {@code MM-dd} (or ISO {@code --MM-dd}). */
    class MonthDayConverter implements Converter<MonthDay> {
        @Override
        public MonthDay convert(String value) {
            String text = value.trim();
            try {
                return MonthDay.parse(text.startsWith("--") ? text : "--" + text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("lianxin.member.roster-filing.deadline must be a day of the year, MM-dd (e.g. 03-31): " + value, e);
            }
        }
    }
}
