package cn.lianxin.member;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid GB 11643-1999 ID numbers for tests, unique within the test JVM. */
public final class TestIds {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final String CHECK = "10X98765432";
    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 500_000));

    private TestIds() {
    }

    /** A fresh valid number born on {@code birth}. */
    public static String bornOn(LocalDate birth) {
        int n = SEQUENCE.incrementAndGet();
        String area = String.format("%06d", 110000 + (n / 1000) % 890000);
        String seq = String.format("%03d", n % 1000);
        return withCheckDigit(area + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + seq);
    }

    public static String fresh() {
        return bornOn(LocalDate.of(1985, 6, 15));
    }

    public static String withCheckDigit(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + CHECK.charAt(sum % 11);
    }
}
