package cn.lianxin.tracking.repository;

import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.postgresql.util.PGobject;

import cn.lianxin.platform.outbox.EventRows;
import cn.lianxin.platform.sql.NamedSql;
import cn.lianxin.platform.sql.Row;

/**
 * Native SQL with typed parameters (nulls included), run through JDBC on the transaction's connection; a
 * {@link #select} reads its rows by column name. This service keeps no entities, so nothing waits in Hibernate's
 * session to be flushed before a statement: a statement goes straight to the driver, without the query plan, result
 * mapping and flush check Hibernate spends on each native query (issue 14, P2: a third of a contact's time in its
 * request thread). Parameters are bound as Hibernate binds them: instants as UTC timestamps and dates with their type
 * left to the statement, so that each reads as it did. A failure comes out as Hibernate's {@code JDBCException}
 * (converted from the driver's {@code SQLException}, which stays its cause).
 */
public final class Sql {

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    private final EntityManager em;
    private final NamedSql statement;
    private final Map<String, Parameter> values = new HashMap<>();

    private record Parameter(Object value, Class<?> type) {
    }

    private Sql(EntityManager em, String sql) {
        this.em = em;
        this.statement = NamedSql.parse(sql);
    }

    /** A statement, or a query of one scalar ({@link #single}). */
    public static Sql of(EntityManager em, String sql) {
        return new Sql(em, sql);
    }

    /** A query whose rows are read by column name ({@link #rows}): alias every expression it selects. */
    public static Sql select(EntityManager em, String sql) {
        return new Sql(em, sql);
    }

    /** @param type what the value is when it is null, too: UUID, String, Instant, LocalDate, Boolean, Integer or Long */
    public <T> Sql set(String name, T value, Class<T> type) {
        values.put(name, new Parameter(value, type));
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

    /**
     * Ids, distinct and sorted, as a {@code uuid[]} parameter for {@code unnest(CAST(:name AS uuid[])) AS i(id)},
     * each id then looked up by index: a table whose key is unique by {@code JOIN … ON key = i.id}, any other by
     * {@code CROSS JOIN LATERAL (… WHERE member_id = i.id)}. The cached generic plan of a statement does not know how
     * many ids it gets: a {@code member_id = ANY (CAST(:name AS uuid[]))} filter was run as a scan of the table that
     * parsed the array again for every row (20 s for 500 ids over 80,000 clocks, on the demo city), and a plain join
     * to {@code clock} as a hash join over all of it (94 ms for one member).
     */
    public Sql setIds(String name, Collection<UUID> ids) {
        return set(name, ids.stream().distinct().sorted().map(UUID::toString).collect(Collectors.joining(",", "{", "}")));
    }

    public Sql set(String name, LocalDate value) {
        return set(name, value, LocalDate.class);
    }

    /** Hands the statement to a binder of its own parameters (platform's {@code EventRows.bind}). */
    public Sql bind(Consumer<? super EventRows.Parameters> binder) {
        binder.accept(new EventRows.Parameters() {
            @Override
            public <T> void set(String name, T value, Class<T> type) {
                Sql.this.set(name, value, type);
            }
        });
        return this;
    }

    public int update() {
        return run(PreparedStatement::executeUpdate);
    }

    /** The rows of a {@link #select}, each mapped by {@code mapper}. */
    public <T> List<T> rows(Function<Row, T> mapper) {
        return run(prepared -> {
            try (ResultSet result = prepared.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                List<String> labels = new ArrayList<>(meta.getColumnCount());
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    labels.add(meta.getColumnLabel(i));
                }
                Map<String, Integer> columns = Row.indexOf(labels);
                List<T> rows = new ArrayList<>();
                while (result.next()) {
                    Object[] row = new Object[labels.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = value(result.getObject(i + 1));
                    }
                    rows.add(mapper.apply(Row.of(columns, row)));
                }
                return rows;
            }
        });
    }

    /** The one scalar of a query made with {@link #of}; fails when it answers no row. */
    public Object single() {
        return run(prepared -> {
            try (ResultSet result = prepared.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("the query answered no row: " + statement.jdbc());
                }
                return value(result.getObject(1));
            }
        });
    }

    private interface Work<T> {
        T on(PreparedStatement prepared) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement prepared = connection.prepareStatement(statement.jdbc())) {
                List<String> names = statement.parameters();
                for (int i = 0; i < names.size(); i++) {
                    Parameter parameter = values.get(names.get(i));
                    if (parameter == null) {
                        throw new IllegalStateException("parameter :" + names.get(i) + " was not set");
                    }
                    bind(prepared, i + 1, parameter);
                }
                return work.on(prepared);
            }
        });
    }

    private static void bind(PreparedStatement prepared, int index, Parameter parameter) throws SQLException {
        Object value = parameter.value();
        Class<?> type = parameter.type();
        if (type == UUID.class) {
            if (value == null) {
                prepared.setNull(index, Types.OTHER);
            } else {
                prepared.setObject(index, value);
            }
        } else if (type == String.class) {
            prepared.setString(index, (String) value);
        } else if (type == Instant.class) {
            if (value == null) {
                prepared.setNull(index, Types.TIMESTAMP);
            } else {
                prepared.setTimestamp(index, Timestamp.from((Instant) value), (Calendar) UTC.clone());
            }
        } else if (type == LocalDate.class) {
            prepared.setDate(index, value == null ? null : Date.valueOf((LocalDate) value));
        } else if (type == Boolean.class) {
            if (value == null) {
                prepared.setNull(index, Types.BOOLEAN);
            } else {
                prepared.setBoolean(index, (Boolean) value);
            }
        } else if (type == Integer.class) {
            if (value == null) {
                prepared.setNull(index, Types.INTEGER);
            } else {
                prepared.setInt(index, (Integer) value);
            }
        } else if (type == Long.class) {
            if (value == null) {
                prepared.setNull(index, Types.BIGINT);
            } else {
                prepared.setLong(index, (Long) value);
            }
        } else {
            throw new IllegalArgumentException("no binding for parameters of type " + type.getName());
        }
    }

    /** A column's value as the rows read it: jsonb and other PostgreSQL types as their text, arrays as arrays. */
    private static Object value(Object column) throws SQLException {
        if (column instanceof PGobject object) {
            return object.getValue();
        }
        if (column instanceof Array array) {
            return array.getArray();
        }
        return column;
    }
}
