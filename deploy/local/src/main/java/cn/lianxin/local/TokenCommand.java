package cn.lianxin.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import cn.lianxin.testing.JwtKeys;
import cn.lianxin.testing.Tokens;

/** {@code deploy/local/token --role ROLE [--org ORG_ID]}: a token the running local stack accepts. */
final class TokenCommand {

    private static final Set<String> ROLES = Set.of("ADMIN", "ORG_ADMIN", "SECRETARY", "LIAISON", "AUDITOR", "MEMBER");

    private TokenCommand() {
    }

    static void run(Path keys, List<String> options) {
        String role = option(options, "--role");
        String org = option(options, "--org");
        if (role == null || !ROLES.contains(role)) {
            fail("--role must be one of " + ROLES);
        }
        if (org == null && !"ADMIN".equals(role)) {
            fail("--org ORG_ID is needed for role " + role + ": every role but ADMIN is limited to an org's subtree");
        }
        UUID orgId = null;
        if (org != null) {
            try {
                orgId = UUID.fromString(org);
            } catch (IllegalArgumentException e) {
                fail("--org must be an org id (UUID), got " + org);
            }
        }
        String subject = role.toLowerCase() + (orgId == null ? "" : "@" + orgId);
        System.out.println(new Tokens(JwtKeys.read(keys)).mint(subject, role, orgId, Duration.ofHours(12)));
    }

    private static String option(List<String> options, String name) {
        int at = options.indexOf(name);
        return at >= 0 && at + 1 < options.size() ? options.get(at + 1) : null;
    }

    private static void fail(String message) {
        System.err.println("token: " + message);
        System.exit(2);
    }
}
