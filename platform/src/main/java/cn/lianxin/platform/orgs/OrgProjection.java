package cn.lianxin.platform.orgs;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.platform.events.EventReader;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.sql.TransactionMemo;

/**
 * The organization tree as the consuming services see it (tracking, case, notification): one row per org,
 * upserted from {@code OrgCreated} and {@code OrgChanged}. Enable it with the Flyway location
 * {@code db/org-projection}.
 */
@ApplicationScoped
public class OrgProjection {

    private final EntityManager em;
    private final EventReader reader;
    private final ObjectMapper mapper;
    private final TransactionMemo<UUID, Optional<OrgSnapshot.View>> read;

    public OrgProjection(EntityManager em, EventReader reader, ObjectMapper mapper,
            TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.reader = reader;
        this.mapper = mapper;
        this.read = new TransactionMemo<>(transactions);
    }

    /** Handlers for {@link cn.lianxin.platform.inbox.EventConsumer}: the org events this projection applies. */
    public Map<String, Consumer<IncomingEvent>> handlers() {
        return Map.of("OrgCreated", this::apply, "OrgChanged", this::apply);
    }

    @Transactional(TxType.MANDATORY)
    public void apply(IncomingEvent event) {
        OrgSnapshot org = reader.payload(event, OrgSnapshot.class);
        org.requireComplete(event);
        em.createNativeQuery("""
                INSERT INTO org_projection (org_id, parent_id, path, name, type, secretary, organizer, updated_at)
                VALUES (:id, :parent, :path, :name, :type, CAST(:secretary AS jsonb), CAST(:organizer AS jsonb), :at)
                ON CONFLICT (org_id) DO UPDATE SET parent_id = EXCLUDED.parent_id, path = EXCLUDED.path,
                    name = EXCLUDED.name, type = EXCLUDED.type, secretary = EXCLUDED.secretary,
                    organizer = EXCLUDED.organizer, updated_at = EXCLUDED.updated_at
                WHERE org_projection.updated_at <= EXCLUDED.updated_at
                """)
                .setParameter("id", org.orgId())
                .setParameter("parent", org.parentId())
                .setParameter("path", org.materializedPath())
                .setParameter("name", org.name())
                .setParameter("type", org.type())
                .setParameter("secretary", json(org.secretary()))
                .setParameter("organizer", json(org.organizer()))
                .setParameter("at", event.time())
                .executeUpdate();
        read.forget();
    }

    public Optional<String> pathOf(UUID orgId) {
        return find(orgId).map(OrgSnapshot.View::path);
    }

    /** The paths of the orgs of {@code orgIds} that are known here, in one query. */
    @SuppressWarnings("unchecked")
    public Map<UUID, String> pathsOf(Collection<UUID> orgIds) {
        Map<UUID, String> paths = new HashMap<>();
        if (!orgIds.isEmpty()) {
            List<Object[]> rows = em.createNativeQuery("SELECT org_id, path FROM org_projection WHERE org_id IN (:ids)")
                    .setParameter("ids", orgIds).getResultList();
            rows.forEach(row -> paths.put((UUID) row[0], (String) row[1]));
        }
        return paths;
    }

    /** The org as projected here; asked once per transaction ({@link TransactionMemo}). */
    public Optional<OrgSnapshot.View> find(UUID orgId) {
        return read.get(orgId, id -> load(Set.of(id)).get(id));
    }

    /**
     * Reads the given orgs in one query, remembered for the rest of the transaction ({@link #find}): a batch of
     * events about members of many branches asks for each branch, and one query beats a round trip each.
     */
    public void preload(Collection<UUID> orgIds) {
        read.preload(orgIds, this::load);
    }

    /** Each of {@code orgIds}, empty when it has no row. */
    @SuppressWarnings("unchecked")
    private Map<UUID, Optional<OrgSnapshot.View>> load(Set<UUID> orgIds) {
        Map<UUID, Optional<OrgSnapshot.View>> found = new HashMap<>();
        orgIds.forEach(id -> found.put(id, Optional.empty()));
        List<Object[]> rows = em.createNativeQuery("""
                SELECT org_id, parent_id, path, name, type, CAST(secretary AS text), CAST(organizer AS text)
                FROM org_projection WHERE org_id IN (:ids)
                """).setParameter("ids", orgIds).getResultList();
        rows.stream().map(this::view).forEach(org -> found.put(org.orgId(), Optional.of(org)));
        return found;
    }

    private OrgSnapshot.View view(Object[] row) {
        return new OrgSnapshot.View((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3], (String) row[4],
                contact((String) row[5]), contact((String) row[6]));
    }

    private OrgSnapshot.Contact contact(String json) {
        try {
            return json == null ? null : mapper.readValue(json, OrgSnapshot.Contact.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("org_projection holds unreadable contact JSON", e);
        }
    }

    private String json(Object value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
