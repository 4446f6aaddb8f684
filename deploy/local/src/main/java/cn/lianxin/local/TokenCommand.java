package cn.lianxin.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import cn.lianxin.bootstrap.JwtKeys;
import cn.lianxin.bootstrap.TokenMinter;

/**
 * {@code deploy/local/token --role ROLE [--org ORG_ID] [--member MEMBER_ID]}: a token the running local stack
 * accepts. A LIAISON or a MEMBER is a person in the register: their token names their own member id.
 */
final class TokenCommand {

    private static final Set<String> ROLES = Set.of("ADMIN", "ORG_ADMIN", "SECRETARY", "LIAISON", "AUDITOR", "MEMBER");
    private static final Set<String> MEMBER_ROLES = Set.of("LIAISON", "MEMBER");

    /** What the token will say. */
    record Claims(String subject, String role, UUID org, UUID member) {
    }

    private TokenCommand() {
    }

    static void run(Path keys, List<String> options) {
        Claims claims;
        try {
            claims = parse(options);
        } catch (IllegalArgumentException e) {
            System.err.println("token: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(new TokenMinter(JwtKeys.read(keys))
                .mint(claims.subject(), claims.role(), claims.org(), claims.member(), Duration.ofHours(12)));
    }

    /** The claims asked for; an {@link IllegalArgumentException} says what is wrong with the options. */
    static Claims parse(List<String> options) {
        String role = option(options, "--role");
        if (role == null || !ROLES.contains(role)) {
            throw new IllegalArgumentException("--role must be one of " + ROLES);
        }
        UUID org = uuid(options, "--org", "an org id");
        UUID member = uuid(options, "--member", "a member id");
        if (org == null && !"ADMIN".equals(role)) {
            throw new IllegalArgumentException("--org ORG_ID is needed for role " + role
                    + ": every role but ADMIN is limited to an org's subtree");
        }
        if (member == null && MEMBER_ROLES.contains(role)) {
            throw new IllegalArgumentException("--member MEMBER_ID is needed for role " + role + ": a "
                    + ("LIAISON".equals(role) ? "liaison sees only the members assigned to them"
                            : "member checks in only for themselves")
                    + ", named by their own member id");
        }
        String subject = member != null ? TokenMinter.subjectOf(role, member)
                : role.toLowerCase() + (org == null ? "" : "@" + org);
        return new Claims(subject, role, org, member);
    }

    private static UUID uuid(List<String> options, String name, String what) {
        String value = option(options, name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be " + what + " (UUID), got " + value);
        }
    }

    private static String option(List<String> options, String name) {
        int at = options.indexOf(name);
        return at >= 0 && at + 1 < options.size() ? options.get(at + 1) : null;
    }
}
