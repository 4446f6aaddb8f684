package cn.lianxin.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FictitiousPeopleTest {

    private final FictitiousPeople people = new FictitiousPeople(7);
    private final LocalDate today = LocalDate.of(2026, 11, 29);

    @Test
    void issuesUniqueIdNumbersWithAValidCheckDigitInTheFictitiousRegion() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            LocalDate birthDate = people.birthDate(today);
            boolean male = i % 2 == 0;
            String id = people.idNumber(birthDate, male);
            assertThat(id).hasSize(18).startsWith(FictitiousPeople.REGION_CODE);
            assertThat(id.substring(6, 14)).isEqualTo(birthDate.toString().replace("-", ""));
            assertThat((id.charAt(16) - '0') % 2).isEqualTo(male ? 1 : 0);
            assertThat(id.charAt(17)).isEqualTo(FictitiousPeople.checkCharacter(id.substring(0, 17)));
            assertThat(seen.add(id)).as("unique %s", id).isTrue();
        }
    }

    @Test
    void theCheckDigitFollowsGb11643() {
        // The standard's worked example: 11010519491231002X.
        assertThat(FictitiousPeople.checkCharacter("11010519491231002")).isEqualTo('X');
    }

    @Test
    void phonesAreUniqueMainlandMobilesInTheDemoBlock() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 25_000; i++) {
            String phone = people.phone();
            assertThat(phone).matches("1[3-9]\\d{9}").startsWith("199");
            assertThat(seen.add(phone)).isTrue();
        }
    }
}
