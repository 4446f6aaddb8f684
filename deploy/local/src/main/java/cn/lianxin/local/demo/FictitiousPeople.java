package cn.lianxin.local.demo;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Realistic but clearly fictitious people for the demo city: common Chinese names, resident ID numbers that
 * pass the GB 11643-1999 check digit but carry the non-existent region code 990101 (X市), and mobile numbers
 * from the reserved-looking block 199 0000 xxxx.
 */
public final class FictitiousPeople {

    static final String REGION_CODE = "990101";

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉鹏飞宇浩然子涵欣怡晨雨思佳俊杰志刚海燕春梅秋菊立新永红卫东丹凤晓东";
    private static final String[] ETHNICITIES = { "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "回族", "满族", "蒙古族" };
    private static final String[] EDUCATION = { "初中", "高中", "中专", "大专", "大学本科", "大学本科", "硕士研究生" };
    private static final String[] OCCUPATIONS = { "工人", "农民", "教师", "医生", "企业职员", "个体经营", "公务员", "退休", "学生", "外出务工" };
    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

    private final Random random;
    private int phoneSequence;
    private final Set<String> issuedIdNumbers = new HashSet<>();

    public FictitiousPeople(long seed) {
        this.random = new Random(seed);
    }

    public String name() {
        int length = random.nextInt(3) == 0 ? 1 : 2;
        StringBuilder name = new StringBuilder().append(pick(SURNAMES));
        for (int i = 0; i < length; i++) {
            name.append(pick(GIVEN));
        }
        return name.toString();
    }

    /** A unique mobile number counting up from 199 0000 0000. */
    public String phone() {
        return "199" + String.format("%08d", phoneSequence++);
    }

    /** A unique, check-digit-valid resident ID number for someone born on {@code birthDate}. */
    public String idNumber(LocalDate birthDate, boolean male) {
        String birth = String.format("%04d%02d%02d", birthDate.getYear(), birthDate.getMonthValue(), birthDate.getDayOfMonth());
        while (true) {
            int order = random.nextInt(500) * 2 + (male ? 1 : 0); // 3-digit order code: odd for men, even for women
            String body = REGION_CODE + birth + String.format("%03d", order);
            String idNumber = body + checkCharacter(body);
            if (issuedIdNumbers.add(idNumber)) {
                return idNumber;
            }
        }
    }

    static char checkCharacter(String seventeenDigits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (seventeenDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public LocalDate birthDate(LocalDate today) {
        return today.minusYears(22 + random.nextInt(58)).minusDays(random.nextInt(365));
    }

    String ethnicity() {
        return ETHNICITIES[random.nextInt(ETHNICITIES.length)];
    }

    String education() {
        return EDUCATION[random.nextInt(EDUCATION.length)];
    }

    String occupation() {
        return OCCUPATIONS[random.nextInt(OCCUPATIONS.length)];
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public int between(int fromInclusive, int toExclusive) {
        return fromInclusive + random.nextInt(toExclusive - fromInclusive);
    }

    private char pick(String characters) {
        return characters.charAt(random.nextInt(characters.length()));
    }
}
