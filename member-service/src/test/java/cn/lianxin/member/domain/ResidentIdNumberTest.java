package cn.lianxin.member.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ResidentIdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void acceptsTheStandardsExampleWithCheckCharacterX() {
        ResidentIdNumber id = ResidentIdNumber.parse("11010519491231002X", TODAY);

        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.masked()).isEqualTo("1101**********002X");
    }

    @Test
    void acceptsALowerCaseXAndSurroundingSpaces() {
        assertThat(ResidentIdNumber.parse(" 11010519491231002x ", TODAY).value()).isEqualTo("11010519491231002X");
    }

    @Test
    void computesTheCheckDigitWithTheWeightsOfTheStandard() {
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumber.checkCharacter("44030019900307121")).isEqualTo('8');
        assertThat(ResidentIdNumber.parse("440300199003071218", TODAY).birthDate()).isEqualTo(LocalDate.of(1990, 3, 7));
    }

    @Test
    void refusesAWrongCheckDigit() {
        assertThatThrownBy(() -> ResidentIdNumber.parse("110105194912310021", TODAY))
                .hasMessageContaining("check digit");
    }

    @Test
    void refusesWrongLengthAndLetters() {
        assertThatThrownBy(() -> ResidentIdNumber.parse("11010519491231002", TODAY)).hasMessageContaining("18 characters");
        assertThatThrownBy(() -> ResidentIdNumber.parse("1101051949123100XX", TODAY)).hasMessageContaining("18 characters");
        assertThatThrownBy(() -> ResidentIdNumber.parse(null, TODAY)).hasMessageContaining("18 characters");
    }

    @Test
    void refusesABirthDateThatIsNotARealDate() {
        String feb30 = withCheck("11010519900230001");
        assertThatThrownBy(() -> ResidentIdNumber.parse(feb30, TODAY)).hasMessageContaining("19900230 in the ID number is not a real date");
        String month13 = withCheck("11010519901301001");
        assertThatThrownBy(() -> ResidentIdNumber.parse(month13, TODAY)).hasMessageContaining("not a real date");
    }

    @Test
    void acceptsTheLeapDayOnlyInALeapYear() {
        assertThat(ResidentIdNumber.problem(withCheck("11010520000229001"), TODAY)).isEmpty();
        assertThat(ResidentIdNumber.problem(withCheck("11010519000229001"), TODAY)).hasValueSatisfying(m -> assertThat(m).contains("not a real date"));
    }

    @Test
    void refusesABirthDateInTheFuture() {
        assertThatThrownBy(() -> ResidentIdNumber.parse(withCheck("11010520261130001"), TODAY)).hasMessageContaining("impossible");
    }

    @Test
    void neverPrintsTheFullNumber() {
        assertThat(ResidentIdNumber.parse("11010519491231002X", TODAY)).hasToString("1101**********002X");
    }

    private static String withCheck(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }
}
