package cn.lianxin.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import cn.lianxin.testing.LianxinTestResource;
import cn.lianxin.tracking.domain.ClockStage;

/**
 * {@link ClockStage} is the one definition of a clock's stages, written into the scan's SQL as literals of the
 * database's {@code clock_stage} enum (migration V2): a constant renamed, added or moved on either side alone fails
 * here, not in a scan.
 */
@QuarkusTest
@WithTestResource(LianxinTestResource.class)
class ClockStageInStepTest {

    @Inject
    EntityManager em;

    @Test
    @SuppressWarnings("unchecked")
    void theStagesAreTheLabelsOfTheClockStageColumnsEnumInItsOrder() {
        List<String> labels = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                SELECT CAST(e.enumlabel AS text)
                FROM pg_attribute a JOIN pg_enum e ON e.enumtypid = a.atttypid
                WHERE a.attrelid = CAST('clock' AS regclass) AND a.attname = 'stage'
                ORDER BY e.enumsortorder
                """).getResultList());

        assertThat(labels).containsExactlyElementsOf(Arrays.stream(ClockStage.values()).map(Enum::name).toList());
    }
}
