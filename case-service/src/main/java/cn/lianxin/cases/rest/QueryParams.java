package cn.lianxin.cases.rest;

import java.util.Arrays;
import java.util.UUID;

import cn.lianxin.platform.problem.ProblemException;

/** Query parameters read by hand, so that a bad value is a 400 naming the parameter rather than a bare 404. */
final class QueryParams {

    private QueryParams() {
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "must be a UUID"); // not echoed: it may be anything, of any length
        }
    }

    static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** {@code true} or {@code false}; absent is false. */
    static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ProblemException.invalidField(name, "true or false");
        }
        return Boolean.parseBoolean(value);
    }
}
