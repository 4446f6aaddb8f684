package cn.lianxin.platform.api;

import java.util.List;

import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;

/**
 * The {@code If-Match} precondition of a PATCH or PUT of a versioned resource (RFC 9110 §13.1.1), required so that no
 * concurrent edit is lost silently: absent, the change is refused with 428 Precondition Required; naming a version other
 * than the stored one, with 412 Precondition Failed and nothing changed. {@code *} matches any stored version: the
 * caller says, knowingly, that it overwrites whatever is there. Checked after the resource was found (404 first) and
 * before the body is judged. A change that passes the check and then loses a race at commit is a 409
 * ({@code ProblemMappers}), never a silent overwrite.
 */
public final class IfMatch {

    public static final String HEADER = "If-Match";

    private final String header;

    private IfMatch(String header) {
        this.header = header;
    }

    /** The header as received; null when it was not sent. */
    public static IfMatch of(String header) {
        return new IfMatch(header);
    }

    /** Throws 428 when the header is missing, 412 when none of its entity tags is {@code current}'s ETag. */
    public void check(String what, Object id, long current) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(428, "Precondition Required", what + " " + id
                    + " may only be changed with an If-Match header naming the ETag of the version you read (GET it first)",
                    List.of(new FieldError(HEADER, "is required")));
        }
        if (!matches(header, current)) {
            throw new ProblemException(412, "Precondition Failed", what + " " + id
                    + " has changed since you read it (its ETag is now " + Versioned.etag(current)
                    + "); nothing was changed: GET it again, apply your change to what it holds now and send that ETag",
                    List.of(new FieldError(HEADER, "does not match the current ETag")));
        }
    }

    /** Strong comparison (RFC 9110 §8.8.3.2): {@code W/"3"} never matches, {@code "3"} and {@code *} do. */
    static boolean matches(String header, long current) {
        String etag = Versioned.etag(current);
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
