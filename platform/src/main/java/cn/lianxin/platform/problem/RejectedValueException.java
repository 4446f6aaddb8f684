package cn.lianxin.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON value that parses but is refused ({@link StrictJson}): a control character in a string, a date out of range.
 * Jackson adds the path of the field as it unwinds, so the problem names the field.
 */
public class RejectedValueException extends InvalidFormatException {

    private final String reason;

    public RejectedValueException(JsonParser parser, String reason, Object value, Class<?> targetType) {
        super(parser, reason, value, targetType);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
