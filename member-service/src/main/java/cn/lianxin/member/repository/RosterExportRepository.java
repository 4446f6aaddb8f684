package cn.lianxin.member.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import cn.lianxin.platform.sql.Row;

/** The SQL of a roster export: the members of a subtree page by page, and a full export's reveals. */
@ApplicationScoped
public class RosterExportRepository {

    /** One member as exported: the ID number both sealed and masked, the branch by name, codes as stored. */
    public record Exported(UUID id, String name, String idNumberCipher, String idNumberMasked, String gender,
            String ethnicity, LocalDate birthDate, String education, String occupation, String phone, String wechat,
            String qq, String email, String householdAddress, String residenceAddress, String workUnit, String branch,
            String category, LocalDate joinedAt, LocalDate regularizedAt, String introducers, String emergencyName,
            String emergencyRelation, String emergencyPhone, String standing, boolean flowing, List<String> focusTags,
            String preferredChannel) {
    }

    /** Members per page. */
    public static final int PAGE = 1000;

    private final EntityManager em;

    public RosterExportRepository(EntityManager em) {
        this.em = em;
    }

    /** Records a reveal of the ID number of every member of the subtree under {@code pathPrefix}. */
    public void recordReveals(String pathPrefix, String user, Instant at, String reason) {
        em.createNativeQuery("""
                INSERT INTO id_number_reveal (id, member_id, revealed_by, revealed_at, reason)
                SELECT gen_random_uuid(), m.id, :by, :at, :reason FROM member m JOIN org o ON o.id = m.org_id
                WHERE o.path LIKE :prefix
                """).setParameter("by", user).setParameter("at", at)
                .setParameter("reason", reason).setParameter("prefix", pathPrefix + "%").executeUpdate();
    }

    /**
     * The next {@link #PAGE} members of the subtree by id after {@code after}. Clears the persistence context first
     * (nothing of the export stays managed).
     */
    public List<Exported> page(String pathPrefix, UUID after) {
        em.clear();
        return Row.list(em.createNativeQuery("""
                SELECT m.id, m.name, m.id_number_cipher, m.id_number_masked, m.gender, m.ethnicity, m.birth_date,
                       m.education, m.occupation, m.phone, m.wechat, m.qq, m.email, m.household_address,
                       m.residence_address, m.work_unit, o.name AS branch, m.category, m.joined_at, m.regularized_at,
                       m.introducers, m.emergency_name, m.emergency_relation, m.emergency_phone, m.standing,
                       m.flowing, array_to_string(m.focus_tags, ',') AS focus_tags, m.preferred_channel
                FROM member m JOIN org o ON o.id = m.org_id
                WHERE o.path LIKE :prefix AND m.id > :after
                ORDER BY m.id LIMIT
                """ + PAGE, Tuple.class).setParameter("prefix", pathPrefix + "%").setParameter("after", after),
                r -> new Exported(r.uuid("id"), r.string("name"), r.string("id_number_cipher"),
                        r.string("id_number_masked"), r.string("gender"), r.string("ethnicity"), r.localDate("birth_date"),
                        r.string("education"), r.string("occupation"), r.string("phone"), r.string("wechat"),
                        r.string("qq"), r.string("email"), r.string("household_address"), r.string("residence_address"),
                        r.string("work_unit"), r.string("branch"), r.string("category"), r.localDate("joined_at"),
                        r.localDate("regularized_at"), r.string("introducers"), r.string("emergency_name"),
                        r.string("emergency_relation"), r.string("emergency_phone"), r.string("standing"),
                        Boolean.TRUE.equals(r.bool("flowing")), names(r.string("focus_tags")),
                        r.string("preferred_channel")));
    }

    private static List<String> names(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
