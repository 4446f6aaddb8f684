package cn.lianxin.platform.sql;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.persistence.TupleElement;

/**
 * One row of a native query, read by column name rather than by position, so that a column added to or moved in a
 * SELECT cannot shift the others. The query is made with {@code em.createNativeQuery(sql, Tuple.class)}, or read
 * straight from JDBC ({@link #of(Map, Object[])}); its columns are named by their labels as PostgreSQL gives them
 * (lower case; alias every expression, {@code count(*) AS members}). Each getter answers null for SQL NULL and fails
 * naming the column when the row has no such column or the value is of another type.
 */
public final class Row {

    private final Map<String, Integer> columns;
    private final Object[] values;

    private Row(Map<String, Integer> columns, Object[] values) {
        this.columns = columns;
        this.values = values;
    }

    public Row(Tuple tuple) {
        this(labelsOf(Objects.requireNonNull(tuple, "tuple")), tuple.toArray());
    }

    private static Map<String, Integer> labelsOf(Tuple tuple) {
        return indexOf(tuple.getElements().stream().map(TupleElement::getAlias).toList());
    }

    /**
     * A row read from a JDBC result set.
     *
     * @param columns each column's label and its index in {@code values}: one map for all the rows of a result
     * @param values  the row's values as the driver gives them ({@code ResultSet.getObject})
     */
    public static Row of(Map<String, Integer> columns, Object[] values) {
        return new Row(Objects.requireNonNull(columns, "columns"), Objects.requireNonNull(values, "values"));
    }

    /** The labels of a result's columns, each with its index, for {@link #of(Map, Object[])}. */
    public static Map<String, Integer> indexOf(List<String> labels) {
        Map<String, Integer> index = new LinkedHashMap<>(); // in order: a missing column's message lists them so
        for (int i = 0; i < labels.size(); i++) {
            index.putIfAbsent(labels.get(i), i);
        }
        return index;
    }

    /** The rows of a query made with {@code Tuple.class}, each mapped by {@code mapper}. */
    public static <T> List<T> list(Query query, Function<Row, T> mapper) {
        List<?> results = query.getResultList();
        List<T> rows = new ArrayList<>(results.size());
        Map<String, Integer> columns = null; // the same for every row of the result: found once
        for (Object result : results) {
            Tuple tuple = tuple(result);
            columns = columns == null ? labelsOf(tuple) : columns;
            rows.add(mapper.apply(new Row(columns, tuple.toArray())));
        }
        return Collections.unmodifiableList(rows);
    }

    /** The one row of a query made with {@code Tuple.class} (as {@link Query#getSingleResult}), mapped by {@code mapper}. */
    public static <T> T single(Query query, Function<Row, T> mapper) {
        return mapper.apply(new Row(tuple(query.getSingleResult())));
    }

    private static Tuple tuple(Object result) {
        if (result instanceof Tuple tuple) {
            return tuple;
        }
        throw new IllegalArgumentException("not a Tuple but " + (result == null ? "null" : result.getClass().getName())
                + ": make the native query with Tuple.class");
    }

    public UUID uuid(String column) {
        return as(column, UUID.class, "a uuid");
    }

    public String string(String column) {
        return as(column, String.class, "text");
    }

    public Boolean bool(String column) {
        return as(column, Boolean.class, "a boolean");
    }

    /** A {@code timestamptz} column, whichever Java type the driver gave it ({@link SqlValues#instant}). */
    public Instant instant(String column) {
        Object value = value(column);
        try {
            return SqlValues.instant(value);
        } catch (IllegalArgumentException e) {
            throw unexpected(column, "a timestamp", value);
        }
    }

    /** A {@code date} column, as {@code LocalDate} or {@code java.sql.Date}. */
    public LocalDate localDate(String column) {
        Object value = value(column);
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        throw unexpected(column, "a date", value);
    }

    /** An integer column of any width whose value fits an {@code int} (a {@code count(*)} is a bigint). */
    public Integer integer(String column) {
        Long value = longValue(column);
        if (value == null) {
            return null;
        }
        try {
            return Math.toIntExact(value);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("column " + column + " does not fit an int", e);
        }
    }

    /** An integer column of any width. */
    public Long longValue(String column) {
        Object value = value(column);
        if (value == null || value instanceof Long) {
            return (Long) value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw unexpected(column, "an integer", value);
    }

    private <T> T as(String column, Class<T> type, String sqlType) {
        Object value = value(column);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw unexpected(column, sqlType, value);
    }

    private Object value(String column) {
        Integer index = columns.get(column);
        if (index == null) {
            throw new IllegalArgumentException("no column " + column + " in the row; it has " + columns.keySet());
        }
        return values[index];
    }

    /** Names the column and the type, never the value: a row may hold personal data. */
    private static IllegalArgumentException unexpected(String column, String expected, Object value) {
        return new IllegalArgumentException("column " + column + ": expected " + expected + ", got "
                + value.getClass().getName());
    }
}
