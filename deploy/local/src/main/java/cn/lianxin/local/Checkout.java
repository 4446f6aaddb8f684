package cn.lianxin.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The working copy the local stack runs from, and what it owns on a shared PostgreSQL. Its id is derived from
 * where it lies on disk, not kept in {@code target/}: a {@code ./mvnw clean} must not turn the checkout's own
 * database into a stranger that it may no longer drop.
 */
record Checkout(Path root, String id) {

    /** The mark on a database this checkout created, in its comment: it drops and reuses no other. */
    private static final String MARK = "lianxin-local ";

    static Checkout of(Path root) {
        Path where = realPath(root);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(where.toString().getBytes(StandardCharsets.UTF_8));
            return new Checkout(where, HexFormat.of().formatHex(digest, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The database this checkout uses unless {@code LIANXIN_LOCAL_DB} names another: a name of its own, so that
     * neither another checkout's data nor a user's own {@code lianxin} database is ever in the way.
     */
    String defaultDatabase() {
        return "lianxin_local_" + id.substring(0, 8);
    }

    /** The comment put on a database this checkout created: says by whom, for a person looking at it in psql. */
    String comment() {
        return "created by deploy/local/up in " + root + " [" + MARK + id + "]";
    }

    /** Whether a database with this comment was created by this checkout. */
    boolean created(String comment) {
        return comment != null && comment.contains("[" + MARK + id + "]");
    }

    private static Path realPath(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath().normalize();
        }
    }
}
