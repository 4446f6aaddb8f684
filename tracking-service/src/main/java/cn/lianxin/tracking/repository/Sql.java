package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import org.hibernate.query.NativeQuery;

import cn.lianxin.platform.sql.Row;

/** Native SQL with typed parameters (nulls included); a {@link #select} reads its rows by column name. */
public final class Sql {

    private final NativeQuery<?> query;

    private Sql(NativeQuery<?> query) {
        this.query = query;
    }

    /** A statement, or a query of one scalar ({@link #single}). */
    public static Sql of(EntityManager em, String sql) {
        return new Sql(em.createNativeQuery(sql).unwrap(NativeQuery.class));
    }

    /** A query whose rows are read by column name ({@link #rows}): alias every expression it selects. */
    public static Sql select(EntityManager em, String sql) {
        return new Sql(em.createNativeQuery(sql, Tuple.class).unwrap(NativeQuery.class));
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

    /** Hands the query to a binder of its own parameters (platform's {@code EventRows.bind}). */
    public Sql bind(Consumer<? super Query> binder) {
        binder.accept(query);
        return this;
    }

    public int update() {
        return query.executeUpdate();
    }

    /** The rows of a {@link #select}, each mapped by {@code mapper}. */
    public <T> List<T> rows(Function<Row, T> mapper) {
        return Row.list(query, mapper);
    }

    /** The one scalar of a query made with {@link #of}. */
    public Object single() {
        return query.getSingleResult();
    }
}
