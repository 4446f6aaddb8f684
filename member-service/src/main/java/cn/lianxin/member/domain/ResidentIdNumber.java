package cn.lianxin.member.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A citizen ID number (公民身份号码) per GB 11643-1999: six digits of address code, eight of birth date
 * (yyyyMMdd), three of sequence, and an ISO 7064 MOD 11-2 check character.
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

    private final String value;
    private final LocalDate birthDate;

    private ResidentIdNumber(String value, LocalDate birthDate) {
        this.value = value;
        this.birthDate = birthDate;
    }

    /**
     * @param text   as typed; a lower-case {@code x} is accepted
     * @param today  no one is born after today
     * @throws IllegalArgumentException with a message for the user when the number is invalid
     */
    public static ResidentIdNumber parse(String text, LocalDate today) {
        String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (!value.matches("\\d{17}[\\dX]")) {
            throw new IllegalArgumentException("must be 18 characters: 17 digits and a check digit (0–9 or X)");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("birth date " + value.substring(6, 14) + " in the ID number is not a real date");
        }
        if (birth.isAfter(today) || birth.getYear() < 1900) {
            throw new IllegalArgumentException("birth date " + birth + " in the ID number is impossible");
        }
        if (value.charAt(17) != checkCharacter(value)) {
            throw new IllegalArgumentException("check digit does not match (GB 11643-1999)");
        }
        return new ResidentIdNumber(value, birth);
    }

    /** The message of {@link #parse}'s refusal, or empty for a valid number. */
    public static Optional<String> problem(String text, LocalDate today) {
        try {
            parse(text, today);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The check character of the first 17 digits. */
    static char checkCharacter(String digits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    /** As shown to everyone who may not see it in full: {@code 1101**********123X}. */
    public String masked() {
        return value.substring(0, 4) + "*".repeat(10) + value.substring(14);
    }

    @Override
    public String toString() {
        return masked(); // never log the full number by accident
    }
}
