package cn.lianxin.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.lianxin.bootstrap.PostgresChoice.Embedded;
import cn.lianxin.bootstrap.PostgresChoice.Impossible;
import cn.lianxin.bootstrap.PostgresChoice.Purpose;
import cn.lianxin.bootstrap.PostgresChoice.Running;

/** Which PostgreSQL the tests and the local stack use: the decision alone, with what was observed passed in. */
class PostgresChoiceTest {

    @Test
    void aServerThatAnswersIsUsedByRootAndByAnyoneElse() {
        for (boolean root : new boolean[] {true, false}) {
            assertThat(PostgresChoice.choose(Purpose.TESTS, "127.0.0.1", 5432, true, root, 54329))
                    .isEqualTo(new Running("127.0.0.1", 5432));
            assertThat(PostgresChoice.choose(Purpose.TESTS, "db.example", 6432, true, root, 54329))
                    .isEqualTo(new Running("db.example", 6432));
        }
    }

    @Test
    void whenNothingAnswersHereANonRootUserGetsTheEmbeddedServer() {
        assertThat(PostgresChoice.choose(Purpose.TESTS, "127.0.0.1", 5432, false, false, 54329)).isEqualTo(new Embedded(54329));
        assertThat(PostgresChoice.choose(Purpose.LOCAL_STACK, "localhost", 15432, false, false, 15432)).isEqualTo(new Embedded(15432));
    }

    @Test
    void rootWithNothingAnsweringGetsOneLineNamingTheRemedyAndTheOverrides() {
        PostgresChoice.Choice choice = PostgresChoice.choose(Purpose.TESTS, "127.0.0.1", 5432, false, true, 54329);

        assertThat(choice).isInstanceOf(Impossible.class);
        assertThat(((Impossible) choice).message())
                .isEqualTo("No PostgreSQL for the tests: nothing answers on 127.0.0.1:5432 and the embedded fallback cannot run "
                        + "as root. Start PostgreSQL (trust auth for 127.0.0.1, or set LIANXIN_TEST_DB_HOST/_PORT/_USER/_PASSWORD) "
                        + "or run as a non-root user.")
                .doesNotContain("\n");
    }

    @Test
    void theLocalStackNamesItsOwnOverrides() {
        PostgresChoice.Choice choice = PostgresChoice.choose(Purpose.LOCAL_STACK, "127.0.0.1", 5432, false, true, 5432);

        assertThat(((Impossible) choice).message()).startsWith("No PostgreSQL for the local stack: nothing answers on 127.0.0.1:5432")
                .contains("LIANXIN_LOCAL_DB_HOST/_PORT/_USER/_PASSWORD");
    }

    @Test
    void anotherMachineThatDoesNotAnswerIsNeverReplacedByAnEmbeddedServer() {
        for (boolean root : new boolean[] {true, false}) {
            PostgresChoice.Choice choice = PostgresChoice.choose(Purpose.TESTS, "db.example", 5432, false, root, 54329);

            assertThat(choice).isInstanceOf(Impossible.class);
            assertThat(((Impossible) choice).message())
                    .startsWith("No PostgreSQL for the tests: nothing answers on db.example:5432")
                    .contains("LIANXIN_TEST_DB_HOST/_PORT/_USER/_PASSWORD")
                    .doesNotContain("\n");
        }
    }
}
