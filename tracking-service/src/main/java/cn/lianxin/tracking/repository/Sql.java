package cn.lianxin.tracking.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/** Native SQL with typed parameters (nulls included) and the conversions of its result columns. */
public final class Sql {

    private final NativeQuery<?> query;

    private Sql(NativeQuery<?> query) {
        this.query = query;
    }

    public static Sql of(EntityManager em, String sql) {
        return new Sql(em.createNativeQuery(sql).unwrap(NativeQuery.class));
    }

    public <T> Sql set(String name, T value, Class<T> type) {
        query.setParameter(name, value, type);
        return this;
    }

    public Sql set(String name, UUID value) {
        return set(name, value, UUID.class);
    }

    public Sql set(String name, Instant value) {
        return set(name, value, Instant.class);
    }

    public Sql set(String name, String value) {
        return set(name, value, String.class);
    }

    public Sql set(String name, LocalDate value) {
        return set(name, value, LocalDate.class);
    }

    public int update() {
        return query.executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public java.util.List<Object[]> rows() {
        return ((java.util.List<Object>) query.getResultList()).stream()
                .map(row -> row instanceof Object[] array ? array : new Object[] { row }).toList();
    }

    public Object single() {
        return query.getSingleResult();
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("not an instant: " + value.getClass());
    }

    public static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalArgumentException("not a date: " + value.getClass());
    }

    public static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    public static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
