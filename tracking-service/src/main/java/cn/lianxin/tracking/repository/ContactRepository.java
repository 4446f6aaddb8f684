package cn.lianxin.tracking.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import cn.lianxin.platform.api.Page;
import cn.lianxin.platform.api.PageRequest;
import cn.lianxin.platform.sql.Row;
import cn.lianxin.tracking.domain.Contact;
import cn.lianxin.tracking.domain.ContactChannel;
import cn.lianxin.tracking.domain.ContactOutcome;

/** Table {@code contact}: the contact log, append-only. */
@ApplicationScoped
public class ContactRepository {

    private final EntityManager em;
    private final ObjectMapper json;

    public ContactRepository(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    public void insert(Contact c) {
        Sql.of(em, """
                INSERT INTO contact (contact_id, member_id, org_id, at, channel, outcome, recorded_by, contacted_by,
                                     case_id, note, recorded_at)
                VALUES (:id, :member, :org, :at, :channel, :outcome, :by, :contactedBy, :caseId, :note, :recordedAt)
                """).set("id", c.id()).set("member", c.memberId()).set("org", c.orgId()).set("at", c.at())
                .set("channel", c.channel().name()).set("outcome", c.outcome().name()).set("by", c.recordedBy())
                .set("contactedBy", c.contactedBy(), String.class).set("caseId", c.caseId(), UUID.class)
                .set("note", c.note()).set("recordedAt", c.recordedAt()).update();
    }

    /** A sheet's contacts, in one statement ({@link #insert}'s columns). */
    public void insertAll(List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        for (Contact c : contacts) {
            rows.addObject().put("contact_id", c.id().toString()).put("member_id", c.memberId().toString())
                    .put("org_id", c.orgId().toString()).put("at", c.at().toString())
                    .put("channel", c.channel().name()).put("outcome", c.outcome().name())
                    .put("recorded_by", c.recordedBy()).put("contacted_by", c.contactedBy())
                    .put("case_id", c.caseId() == null ? null : c.caseId().toString()).put("note", c.note())
                    .put("recorded_at", c.recordedAt().toString());
        }
        Sql.of(em, """
                INSERT INTO contact (contact_id, member_id, org_id, at, channel, outcome, recorded_by, contacted_by,
                                     case_id, note, recorded_at)
                SELECT contact_id, member_id, org_id, at, channel, outcome, recorded_by, contacted_by, case_id, note,
                       recorded_at
                FROM jsonb_populate_recordset(NULL::contact, CAST(:rows AS jsonb))
                """).set("rows", rows.toString()).update();
    }

    /** The member's last contacts of each kind recorded at or before {@code asOf}, from the log. */
    public LastContacts lastContactsAsOf(UUID memberId, Instant asOf) {
        LastContacts last = LastContacts.NONE;
        for (Row r : Sql.select(em, """
                SELECT channel, outcome, max(at) AS at FROM contact WHERE member_id = :id AND at <= :asOf
                GROUP BY channel, outcome
                """).set("id", memberId).set("asOf", asOf).rows(r -> r)) {
            last = last.with(ContactChannel.valueOf(r.string("channel")), ContactOutcome.valueOf(r.string("outcome")),
                    r.instant("at"));
        }
        return last;
    }

    public Optional<Contact> find(UUID contactId) {
        return Sql.select(em, """
                SELECT contact_id, member_id, org_id, at, channel, outcome, recorded_by, contacted_by, case_id, note,
                       recorded_at
                FROM contact WHERE contact_id = :id
                """).set("id", contactId).rows(ContactRepository::contact).stream().findFirst();
    }

    public Page<Contact> ofMember(UUID memberId, PageRequest page) {
        List<Contact> items = Sql.select(em, """
                SELECT contact_id, member_id, org_id, at, channel, outcome, recorded_by, contacted_by, case_id, note,
                       recorded_at
                FROM contact WHERE member_id = :id ORDER BY at DESC, recorded_at DESC LIMIT :limit OFFSET :offset
                """).set("id", memberId).set("limit", page.size, Integer.class).set("offset", page.offset(), Integer.class)
                .rows(ContactRepository::contact);
        long total = ((Number) Sql.of(em, "SELECT count(*) FROM contact WHERE member_id = :id").set("id", memberId)
                .single()).longValue();
        return new Page<>(items, page.page, page.size, total);
    }

    private static Contact contact(Row r) {
        return new Contact(r.uuid("contact_id"), r.uuid("member_id"), r.uuid("org_id"), r.instant("at"),
                ContactChannel.valueOf(r.string("channel")), ContactOutcome.valueOf(r.string("outcome")),
                r.string("recorded_by"), r.string("contacted_by"), r.uuid("case_id"), r.string("note"),
                r.instant("recorded_at"));
    }
}
