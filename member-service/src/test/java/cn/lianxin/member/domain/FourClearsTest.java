package cn.lianxin.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.lianxin.member.domain.FourClears.Given;
import cn.lianxin.member.domain.FourClears.Part;

class FourClearsTest {

    @Test
    void aCompleteRegistrationMissesNothing() {
        assertThat(FourClears.missing(new Given(OutflowNature.TEMPORARY, "13800138000", "wx", "深圳", "王", "配偶", "13900139000"))).isEmpty();
    }

    @Test
    void listsEveryMissingPart() {
        assertThat(FourClears.missing(new Given(null, null, null, " ", null, null, null)))
                .containsExactly(Part.NATURE, Part.CONTACT, Part.DESTINATION, Part.BACKUP_CONTACT);
    }

    @Test
    void contactNeedsBothPhoneAndWechat() {
        assertThat(FourClears.missing(new Given(OutflowNature.PERMANENT, "13800138000", "", "深圳", "王", "配偶", "13900139000")))
                .containsExactly(Part.CONTACT);
    }

    @Test
    void aBackupContactNeedsNameRelationAndPhone() {
        assertThat(FourClears.missing(new Given(OutflowNature.PERMANENT, "13800138000", "wx", "深圳", "王", null, "13900139000")))
                .containsExactly(Part.BACKUP_CONTACT);
    }
}
