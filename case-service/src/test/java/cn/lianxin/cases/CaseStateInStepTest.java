package cn.lianxin.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.testing.LianxinTestResource;

/**
 * {@link CaseState} is the one definition of a case file's states; the database keeps {@code case_file.state} to the
 * same names with a check constraint, which the scan's SQL moves write. A state added, renamed or dropped on one side
 * alone fails here, not when a scan or a decision first stores it.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class CaseStateInStepTest {

    private static final Pattern LABEL = Pattern.compile("'([A-Z_]+)'::text");

    @Inject
    EntityManager em;

    @Test
    void theCaseStatesAreExactlyTheValuesTheStateColumnsCheckConstraintAllows() {
        String check = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("""
                SELECT pg_get_constraintdef(c.oid)
                FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                WHERE c.conrelid = CAST('case_file' AS regclass) AND c.contype = 'c' AND a.attname = 'state'
                  AND cardinality(c.conkey) = 1
                """).getSingleResult());

        assertThat(labels(check)).as(check)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(CaseState.values()).map(Enum::name).toList());
    }

    private static List<String> labels(String check) {
        Matcher m = LABEL.matcher(check);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
