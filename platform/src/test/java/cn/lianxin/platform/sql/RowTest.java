package cn.lianxin.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.persistence.TupleElement;

import org.junit.jupiter.api.Test;

class RowTest {

    private static final UUID ID = UUID.fromString("0190f5a4-0000-7000-8000-000000000001");
    private static final Instant AT = Instant.parse("2026-05-31T16:00:00.123456Z");

    @Test
    void readsEachTypeByColumnName() {
        Row row = row("id", ID, "name", "张三", "at", AT.atOffset(ZoneOffset.ofHours(8)), "born", LocalDate.of(1990, 5, 1),
                "level", 3, "members", 42L, "done", true);

        assertThat(row.uuid("id")).isEqualTo(ID);
        assertThat(row.string("name")).isEqualTo("张三");
        assertThat(row.instant("at")).isEqualTo(AT);
        assertThat(row.localDate("born")).isEqualTo(LocalDate.of(1990, 5, 1));
        assertThat(row.integer("level")).isEqualTo(3);
        assertThat(row.longValue("members")).isEqualTo(42L);
        assertThat(row.bool("done")).isTrue();
    }

    @Test
    void integersOfEveryWidthAndSqlDatesAreConverted() {
        Row row = row("count", 7L, "small", (short) 2, "born", Date.valueOf("1990-05-01"));

        assertThat(row.integer("count")).isEqualTo(7);
        assertThat(row.longValue("small")).isEqualTo(2L);
        assertThat(row.localDate("born")).isEqualTo(LocalDate.of(1990, 5, 1));
    }

    @Test
    void sqlNullIsNullForEveryGetter() {
        Row row = row("v", null);

        assertThat(row.uuid("v")).isNull();
        assertThat(row.string("v")).isNull();
        assertThat(row.instant("v")).isNull();
        assertThat(row.localDate("v")).isNull();
        assertThat(row.integer("v")).isNull();
        assertThat(row.longValue("v")).isNull();
        assertThat(row.bool("v")).isNull();
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsTheRowHas() {
        Row row = row("id", ID, "name", "张三");

        assertThatThrownBy(() -> row.string("org_id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no column org_id in the row; it has [id, name]");
    }

    @Test
    void aValueOfAnotherTypeNamesTheColumnAndTheTypeButNotTheValue() {
        Row row = row("name", "张三", "big", Long.MAX_VALUE);

        assertThatThrownBy(() -> row.uuid("name")).hasMessage("column name: expected a uuid, got java.lang.String");
        assertThatThrownBy(() -> row.instant("name")).hasMessage("column name: expected a timestamp, got java.lang.String");
        assertThatThrownBy(() -> row.localDate("name")).hasMessage("column name: expected a date, got java.lang.String");
        assertThatThrownBy(() -> row.longValue("name")).hasMessage("column name: expected an integer, got java.lang.String");
        assertThatThrownBy(() -> row.string("big")).hasMessage("column big: expected text, got java.lang.Long");
        assertThatThrownBy(() -> row.integer("big")).hasMessage("column big does not fit an int");
    }

    @Test
    void mapsTheRowsOfATupleQuery() {
        Query query = query(List.of(tuple("id", ID, "n", 1), tuple("id", ID, "n", 2)));

        assertThat(Row.list(query, r -> r.integer("n"))).containsExactly(1, 2);
        Integer single = Row.single(query(tuple("n", 5)), r -> r.integer("n"));
        assertThat(single).isEqualTo(5);
    }

    @Test
    void aQueryNotMadeWithTupleIsRefused() {
        Query query = query(List.of((Object) new Object[] { ID }));

        assertThatThrownBy(() -> Row.list(query, r -> r.uuid("id")))
                .hasMessage("not a Tuple but [Ljava.lang.Object;: make the native query with Tuple.class");
    }

    private static Row row(Object... columns) {
        return new Row(tuple(columns));
    }

    /** A tuple of alternating aliases and values, answering unknown aliases as the JPA contract says. */
    private static Tuple tuple(Object... columns) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i += 2) {
            values.put((String) columns[i], columns[i + 1]);
        }
        List<String> aliases = new ArrayList<>(values.keySet());
        return new Tuple() {
            @Override
            public <X> X get(TupleElement<X> element) {
                return element.getJavaType().cast(get(element.getAlias()));
            }

            @Override
            public <X> X get(String alias, Class<X> type) {
                return type.cast(get(alias));
            }

            @Override
            public Object get(String alias) {
                if (!values.containsKey(alias)) {
                    throw new IllegalArgumentException("unknown alias " + alias);
                }
                return values.get(alias);
            }

            @Override
            public <X> X get(int i, Class<X> type) {
                return type.cast(get(i));
            }

            @Override
            public Object get(int i) {
                return values.get(aliases.get(i));
            }

            @Override
            public Object[] toArray() {
                return values.values().toArray();
            }

            @Override
            public List<TupleElement<?>> getElements() {
                return aliases.stream().<TupleElement<?>>map(alias -> new TupleElement<Object>() {
                    @Override
                    public Class<? extends Object> getJavaType() {
                        return Object.class;
                    }

                    @Override
                    public String getAlias() {
                        return alias;
                    }
                }).toList();
            }
        };
    }

    /** A query that answers {@code results}; nothing else of it is used. */
    private static Query query(List<?> results) {
        return (Query) Proxy.newProxyInstance(Query.class.getClassLoader(), new Class<?>[] { Query.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getResultList" -> results;
                    case "getSingleResult" -> results.get(0);
                    default -> throw new UnsupportedOperationException(method.getName() + Arrays.toString(args));
                });
    }

    private static Query query(Tuple single) {
        return query(List.of(single));
    }
}
