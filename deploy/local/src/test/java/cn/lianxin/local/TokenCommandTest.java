package cn.lianxin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.bootstrap.JwtKeys;
import cn.lianxin.bootstrap.TokenMinter;

class TokenCommandTest {

    private final UUID org = UUID.randomUUID();
    private final UUID member = UUID.randomUUID();

    @Test
    void liaisonAndMemberTokensNeedTheirOwnMemberId() {
        for (String role : List.of("LIAISON", "MEMBER")) {
            assertThatThrownBy(() -> TokenCommand.parse(List.of("--role", role, "--org", org.toString())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--member MEMBER_ID is needed for role " + role);
        }
        assertThatThrownBy(() -> TokenCommand.parse(List.of("--role", "LIAISON", "--org", org.toString(), "--member", "me")))
                .hasMessage("--member must be a member id (UUID), got me");
    }

    @Test
    void staffTokensNeedNoMemberId() {
        TokenCommand.Claims claims = TokenCommand.parse(List.of("--role", "SECRETARY", "--org", org.toString()));

        assertThat(claims.member()).isNull();
        assertThat(claims.subject()).isEqualTo("secretary@" + org);
    }

    @Test
    void aLiaisonTokenCarriesTheMemberClaim(@TempDir Path keys) throws Exception {
        TokenCommand.Claims claims = TokenCommand.parse(
                List.of("--role", "LIAISON", "--org", org.toString(), "--member", member.toString()));
        String token = new TokenMinter(JwtKeys.generate(keys))
                .mint(claims.subject(), claims.role(), claims.org(), claims.member(), Duration.ofMinutes(1));

        JsonNode payload = new ObjectMapper().readTree(
                new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(payload.get("member").asText()).isEqualTo(member.toString());
        assertThat(payload.get("org").asText()).isEqualTo(org.toString());
        assertThat(payload.get("sub").asText()).isEqualTo("liaison:" + member);
        assertThat(payload.get("groups").get(0).asText()).isEqualTo("LIAISON");
    }
}
