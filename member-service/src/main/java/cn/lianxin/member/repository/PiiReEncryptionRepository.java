package cn.lianxin.member.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.hibernate.Session;

import cn.lianxin.platform.pii.PiiCipher;
import cn.lianxin.platform.sql.Row;

/**
 * The SQL of re-encryption ({@link PiiReEncryptionService}): which ID number ciphertexts are not under the newest key
 * yet, and writing them back. The key id is part of each value ({@link PiiCipher}), so "still to do" is a prefix test
 * on the column and needs no cursor of its own: a run that stopped leaves exactly the rows that still need it.
 */
@ApplicationScoped
public class PiiReEncryptionRepository {

    /** A member's ciphertext as read for re-encryption. */
    public record Sealed(UUID memberId, String cipher) {
    }

    private final EntityManager em;

    public PiiReEncryptionRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Up to {@code limit} rows after {@code after} (by primary key) whose ciphertext does not start with
     * {@code currentPrefix}, locked for this transaction. Rows another transaction holds (a registration, a correction,
     * another instance's batch) are skipped rather than waited for: that transaction writes them itself, under the
     * newest key if it encrypts, and a later run picks up what is still left.
     */
    public List<Sealed> lockBatch(UUID after, String currentPrefix, int limit) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, id_number_cipher FROM member
                    WHERE id > ? AND id_number_cipher NOT LIKE ?
                    ORDER BY id LIMIT ?
                    FOR UPDATE SKIP LOCKED""")) {
                select.setObject(1, after);
                select.setString(2, currentPrefix + "%");
                select.setInt(3, limit);
                List<Sealed> rows = new ArrayList<>(limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Sealed(rs.getObject("id", UUID.class), rs.getString("id_number_cipher")));
                    }
                }
                return rows;
            }
        });
    }

    /**
     * Writes the new ciphertexts of locked rows. Only the ciphertext changes: the plaintext, the blind index, the
     * masked form, {@code updated_at} and the optimistic-lock {@code version} stay, so that nothing a user edits at the
     * same time fails because of the job.
     */
    public void write(List<Sealed> rows) {
        session().doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE member SET id_number_cipher = ? WHERE id = ?")) {
                for (Sealed row : rows) {
                    update.setString(1, row.cipher());
                    update.setObject(2, row.memberId());
                    update.addBatch();
                }
                update.executeBatch();
            }
        });
    }

    /** How many ciphertexts each key id holds ({@value PiiCipher#DEFAULT_KEY_ID} for values written before key ids). */
    public Map<String, Long> countByKey() {
        return Row.list(em.createNativeQuery("""
                SELECT CASE WHEN id_number_cipher LIKE :format THEN split_part(id_number_cipher, ':', 2) ELSE :legacy END AS key_id,
                       count(*) AS ciphertexts
                FROM member GROUP BY 1 ORDER BY 1""", Tuple.class)
                .setParameter("format", PiiCipher.FORMAT + ":%")
                .setParameter("legacy", PiiCipher.DEFAULT_KEY_ID),
                r -> Map.entry(r.string("key_id"), r.longValue("ciphertexts"))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
