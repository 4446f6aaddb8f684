package cn.lianxin.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void eachNamedParameterBecomesAQuestionMarkInOrderAndARepeatedNameIsBoundAgain() {
        NamedSql sql = NamedSql.parse("UPDATE member SET last_reached_at = GREATEST(last_reached_at, :at) "
                + "WHERE member_id = :id AND :at > created_at");

        assertThat(sql.jdbc()).isEqualTo("UPDATE member SET last_reached_at = GREATEST(last_reached_at, ?) "
                + "WHERE member_id = ? AND ? > created_at");
        assertThat(sql.parameters()).containsExactly("at", "id", "at");
    }

    @Test
    void castsLiteralsQuotedNamesCommentsAndDollarQuotesAreLeftAsTheyAre() {
        String text = """
                SELECT CAST(:rows AS jsonb) -> 'a:b', x::text, 'it''s :not', "col:umn" -- a :comment
                /* :nor :this */ FROM t WHERE y = $$ :body $$ AND z = $q$ :q $q$ AND w = :w_1""";

        NamedSql sql = NamedSql.parse(text);

        assertThat(sql.parameters()).containsExactly("rows", "w_1");
        assertThat(sql.jdbc()).isEqualTo(text.replace(":rows", "?").replace(":w_1", "?"));
    }

    @Test
    void aStatementWithoutParametersIsUnchanged() {
        NamedSql sql = NamedSql.parse("SET LOCAL work_mem = '64MB'");

        assertThat(sql.jdbc()).isEqualTo("SET LOCAL work_mem = '64MB'");
        assertThat(sql.parameters()).isEmpty();
    }
}
