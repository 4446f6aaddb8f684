package cn.lianxin.notification.selfcheckin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.lianxin.notification.config.SelfCheckInConfig;
import cn.lianxin.notification.domain.SelfCheckInClaims;
import cn.lianxin.platform.time.ShanghaiCalendar;

/** 报平安 links as plain rules: the key is checked at start-up, the link is deterministic, single-purpose and expiring. */
class SelfCheckInLinksTest {

    private record Config(boolean enabled, Optional<String> privateKey, Period linkValidity, String linkBase)
            implements SelfCheckInConfig {
    }

    private static final Instant NOW = Instant.parse("2027-03-01T02:00:00Z"); // 10:00 in Shanghai
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static KeyPair keys;

    @BeforeAll
    static void keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    private static String pem() {
        return pem(keys);
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static SelfCheckInLinks enabled(Period validity) {
        return new SelfCheckInLinks(new Config(true, Optional.of(pem()), validity, "https://track.example.cn/"), CLOCK);
    }

    @Test
    void enabledWithoutAPrivateKeyTheServiceDoesNotStartAndSaysWhichSettingIsMissing() {
        assertThatThrownBy(() -> new SelfCheckInLinks(new Config(true, Optional.empty(), Period.ofDays(14), "http://x"), CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lianxin.self-check-in.private-key")
                .hasMessageContaining("BEGIN PRIVATE KEY");
        assertThatThrownBy(() -> new SelfCheckInLinks(new Config(true, Optional.of("  "), Period.ofDays(14), "http://x"), CLOCK))
                .hasMessageContaining("lianxin.self-check-in.private-key");
    }

    @Test
    void aKeyThatIsNotAPkcs8RsaPemIsRefusedWithoutRepeatingIt() {
        String notPkcs8 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretsecret\n-----END RSA PRIVATE KEY-----";
        assertThatThrownBy(() -> new SelfCheckInLinks(new Config(true, Optional.of(notPkcs8), Period.ofDays(14), "http://x"), CLOCK))
                .hasMessageContaining("lianxin.self-check-in.private-key").hasMessageNotContaining("secret");
        String garbled = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5secret\n-----END PRIVATE KEY-----";
        assertThatThrownBy(() -> new SelfCheckInLinks(new Config(true, Optional.of(garbled), Period.ofDays(14), "http://x"), CLOCK))
                .hasMessageContaining("lianxin.self-check-in.private-key").hasMessageNotContaining("secret");
    }

    @Test
    void disabledItGrantsNoLinkAndNeedsNoKey() {
        SelfCheckInLinks links = new SelfCheckInLinks(new Config(false, Optional.empty(), Period.ofDays(14), "http://x"), CLOCK);
        assertThat(links.enabled()).isFalse();
        assertThat(links.grant(UUID.randomUUID(), UUID.randomUUID())).isEmpty();
    }

    @Test
    void theTokenIdIsTheSameForTheSameEventAndMemberAndDiffersOtherwise() {
        UUID event = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        assertThat(SelfCheckInClaims.tokenId(event, member)).isEqualTo(SelfCheckInClaims.tokenId(event, member))
                .isNotEqualTo(SelfCheckInClaims.tokenId(event, UUID.randomUUID()))
                .isNotEqualTo(SelfCheckInClaims.tokenId(UUID.randomUUID(), member));
    }

    @Test
    void theLinkIsValidThroughTheWholeLastDayOfTheConfiguredPeriodOnTheShanghaiCalendar() {
        UUID event = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        // issued 2027-03-01 10:00 Shanghai: valid all of 2027-03-15, expires at 2027-03-16 00:00 Shanghai
        SelfCheckInClaims twoWeeks = enabled(Period.ofDays(14)).grant(event, member).orElseThrow();
        assertThat(twoWeeks.expiresAt()).isEqualTo(Instant.parse("2027-03-15T16:00:00Z"));
        assertThat(twoWeeks.lastValidDay(ShanghaiCalendar.ZONE)).isEqualTo(LocalDate.parse("2027-03-15"));
        SelfCheckInClaims aMonth = enabled(Period.ofMonths(1)).grant(event, member).orElseThrow();
        assertThat(aMonth.expiresAt()).isEqualTo(Instant.parse("2027-04-01T16:00:00Z"));
        assertThat(aMonth.lastValidDay(ShanghaiCalendar.ZONE)).isEqualTo(LocalDate.parse("2027-04-01"));
        // the issue date is Shanghai's: 00:30 on 2027-03-02 there is still 2027-03-01 in UTC
        SelfCheckInClaims afterMidnight = SelfCheckInClaims.issue(event, member, Instant.parse("2027-03-01T16:30:00Z"),
                Period.ofDays(14), ShanghaiCalendar.ZONE);
        assertThat(afterMidnight.expiresAt()).isEqualTo(Instant.parse("2027-03-16T16:00:00Z"));
        assertThat(afterMidnight.lastValidDay(ShanghaiCalendar.ZONE)).isEqualTo(LocalDate.parse("2027-03-16"));
    }

    @Test
    void anExpiredLinkIsNotSignedFromTheMomentItExpires() {
        SelfCheckInLinks links = enabled(Period.ofDays(14));
        SelfCheckInClaims claims = links.grant(UUID.randomUUID(), UUID.randomUUID()).orElseThrow();
        Map<String, Object> model = Map.of(SelfCheckInLinks.CLAIMS, claims.toModel());

        assertThat(links.withLink(model, claims.expiresAt().minusSeconds(1))).containsKey(SelfCheckInLinks.URL);
        assertThatThrownBy(() -> links.withLink(model, claims.expiresAt()))
                .isInstanceOf(SelfCheckInLinks.Unavailable.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> links.withLink(model, claims.expiresAt().plusSeconds(1)))
                .isInstanceOf(SelfCheckInLinks.Unavailable.class);
    }

    @Test
    void claimsWithoutAKeyToSignThemWithAreUnavailableNotAnError() {
        SelfCheckInClaims claims = enabled(Period.ofDays(14)).grant(UUID.randomUUID(), UUID.randomUUID()).orElseThrow();
        SelfCheckInLinks switchedOff = new SelfCheckInLinks(new Config(false, Optional.empty(), Period.ofDays(14), "http://x"), CLOCK);

        assertThatThrownBy(() -> switchedOff.withLink(Map.of(SelfCheckInLinks.CLAIMS, claims.toModel()), NOW))
                .isInstanceOf(SelfCheckInLinks.Unavailable.class)
                .hasMessageContaining("lianxin.self-check-in.private-key");
    }

    @Test
    void anRsaKeyUnder2048BitsIsRefusedAtStartUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String weak = pem(generator.generateKeyPair());

        assertThatThrownBy(() -> new SelfCheckInLinks(new Config(true, Optional.of(weak), Period.ofDays(14), "http://x"), CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lianxin.self-check-in.private-key")
                .hasMessageContaining("at least 2048 bits");
    }

    @Test
    void theSameClaimsAlwaysGiveTheSameSignedLinkUnderTheLinkBase() throws Exception {
        SelfCheckInLinks links = enabled(Period.ofDays(14));
        UUID event = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        SelfCheckInClaims claims = links.grant(event, member).orElseThrow();
        Map<String, Object> model = Map.of("memberName", "赵党员", SelfCheckInLinks.CLAIMS, claims.toModel());

        String link = (String) links.withLink(model, NOW).get(SelfCheckInLinks.URL);
        assertThat(link).startsWith("https://track.example.cn/self-check-in/")
                .isEqualTo(links.withLink(model, NOW).get(SelfCheckInLinks.URL));

        JwtClaims verified = new JwtConsumerBuilder().setVerificationKey(keys.getPublic())
                .setExpectedIssuer(SelfCheckInClaims.ISSUER).setExpectedAudience(SelfCheckInClaims.AUDIENCE)
                .setEvaluationTime(NumericDate.fromSeconds(NOW.getEpochSecond())).build()
                .processToClaims(link.substring(link.lastIndexOf('/') + 1));
        assertThat(verified.getSubject()).isEqualTo(member.toString());
        assertThat(verified.getJwtId()).isEqualTo(SelfCheckInClaims.tokenId(event, member).toString());
        assertThat(verified.getClaimValueAsString("src")).isEqualTo(event.toString());
    }

    @Test
    void aModelWithoutClaimsIsRenderedAsItIs() {
        Map<String, Object> model = Map.of("memberName", "赵党员");
        assertThat(enabled(Period.ofDays(14)).withLink(model, NOW)).isSameAs(model);
    }
}
