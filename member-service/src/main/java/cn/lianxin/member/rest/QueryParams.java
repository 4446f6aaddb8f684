package cn.lianxin.member.rest;

import java.util.Arrays;
import java.util.Locale;

import cn.lianxin.platform.problem.ProblemException;

/** Reads optional query parameters; a value that cannot be read is a 400 naming the parameter (not a 404). */
final class QueryParams {

    private QueryParams() {
    }

    static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static Boolean booleanValue(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalidField(name, "must be true or false");
        };
    }
}
