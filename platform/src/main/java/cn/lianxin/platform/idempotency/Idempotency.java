package cn.lianxin.platform.idempotency;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;

import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/**
 * {@code Idempotency-Key} on the POSTs that create facts: a client that did not get its answer (a timeout, a dropped
 * connection) sends the same request with the same key again and gets the first response — same status, body and
 * Location, plus {@code Idempotency-Replayed: true} — and nothing is created twice.
 *
 * <p>The key row ({@code idempotency_key}, one per service schema) goes in by {@code INSERT … ON CONFLICT DO NOTHING}
 * in the same transaction as the fact and its outbox event, with the response stored before commit: a second request
 * with the key while the first is running waits on the unique index until the first commits, then reads its response
 * (or, if the first failed and rolled back, goes ahead itself). Only successful responses are kept: a refusal leaves no
 * key behind. Keys belong to the caller (the token's subject): two callers' equal keys are unrelated, and nobody reads
 * another's response. The same key with another request (method, path or body) is 422. A key lives
 * {@code lianxin.idempotency.expiry} (24 h); expired keys are deleted as new ones come in.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    /** Set on a replayed response, so that a client can tell (it needs not). */
    public static final String REPLAYED = "Idempotency-Replayed";
    static final int MAX_KEY_LENGTH = 255;

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final IdempotencyConfig config;
    private final OrgScope scope;
    private final HttpServerRequest http;

    public Idempotency(EntityManager em, ObjectMapper mapper, Clock clock, IdempotencyConfig config, OrgScope scope,
            HttpServerRequest http) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.config = config;
        this.scope = scope;
        this.http = http;
    }

    /**
     * Runs {@code create} once per key: without a key, simply runs it; with a new key, runs it and keeps its response
     * with the key, in one transaction; with a known key, answers the kept response and runs nothing.
     *
     * @param request the request body as read (its JSON is part of the fingerprint), null when there is none
     * @param create  the creating call; its transaction is this one
     */
    public Response once(String key, Object request, Supplier<Response> create) {
        if (key == null) {
            return create.get(); // as if there were no idempotency: the creating call's own transaction
        }
        checkKey(key);
        return QuarkusTransaction.joiningExisting().call(() -> onceInTransaction(key, request, create));
    }

    private Response onceInTransaction(String key, Object request, Supplier<Response> create) {
        String subject = scope.userId();
        String fingerprint = fingerprint(http.method().name(), http.uri(), json(request));
        Instant now = clock.instant();
        purgeExpired(subject, key, now);
        int inserted = em.createNativeQuery("""
                INSERT INTO idempotency_key (subject, idempotency_key, fingerprint, created_at, expires_at)
                VALUES (:subject, :key, :fingerprint, :now, :expiresAt)
                ON CONFLICT (subject, idempotency_key) DO NOTHING
                """)
                .setParameter("subject", subject).setParameter("key", key).setParameter("fingerprint", fingerprint)
                .setParameter("now", now).setParameter("expiresAt", now.plus(config.expiry()))
                .executeUpdate();
        if (inserted == 0) {
            return replay(subject, key, fingerprint);
        }
        Response created = create.get();
        String body = json(created.getEntity());
        String location = created.getLocation() == null ? null : created.getLocation().toString();
        em.createNativeQuery("""
                UPDATE idempotency_key SET status = :status, location = :location, body = :body
                WHERE subject = :subject AND idempotency_key = :key
                """)
                .setParameter("status", created.getStatus()).setParameter("location", location).setParameter("body", body)
                .setParameter("subject", subject).setParameter("key", key)
                .executeUpdate();
        return response(created.getStatus(), location, body).build();
    }

    private Response replay(String subject, String key, String fingerprint) {
        List<?> rows = em.createNativeQuery("""
                SELECT fingerprint, status, location, body FROM idempotency_key
                WHERE subject = :subject AND idempotency_key = :key
                """, Tuple.class).setParameter("subject", subject).setParameter("key", key).getResultList();
        if (rows.isEmpty()) { // purged between our insert and this read: only possible right at its expiry
            throw ProblemException.conflict("The request with this " + HEADER + " is being completed; send it again");
        }
        Tuple row = (Tuple) rows.get(0);
        if (!fingerprint.equals(row.get("fingerprint", String.class))) {
            throw ProblemException.unprocessable(HEADER + " " + key + " was used for a different request (method, path or"
                    + " body) within the last " + config.expiry().toHours() + " h; use a new key for a new request",
                    List.of(new FieldError(HEADER, "was used for a different request")));
        }
        return response(((Number) row.get("status")).intValue(), row.get("location", String.class),
                row.get("body", String.class)).header(REPLAYED, "true").build();
    }

    /** The expired row of this key (so that it can be used again) and a batch of other expired rows. */
    private void purgeExpired(String subject, String key, Instant now) {
        em.createNativeQuery("""
                DELETE FROM idempotency_key
                WHERE (subject = :subject AND idempotency_key = :key AND expires_at <= :now)
                   OR ctid IN (SELECT ctid FROM idempotency_key WHERE expires_at <= :now
                               LIMIT :limit FOR UPDATE SKIP LOCKED)
                """)
                .setParameter("subject", subject).setParameter("key", key).setParameter("now", now)
                .setParameter("limit", Math.max(1, config.purgeBatchSize()))
                .executeUpdate();
    }

    private static Response.ResponseBuilder response(int status, String location, String body) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        return location == null ? response : response.location(URI.create(location));
    }

    /** A key is 1 to 255 visible ASCII characters (a UUID is the usual choice). */
    static void checkKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.invalidField(HEADER, "must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters (a UUID is a good key)");
        }
    }

    /** SHA-256 of method, path and body: what makes two requests "the same request". */
    static String fingerprint(String method, String uri, String body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((method + ' ' + uri + '\n' + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable as JSON: " + (value == null ? null : value.getClass()), e);
        }
    }
}
