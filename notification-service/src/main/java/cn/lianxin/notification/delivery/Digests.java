package cn.lianxin.notification.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.notification.config.NotificationConfig;
import cn.lianxin.notification.repository.DigestRepository;
import cn.lianxin.notification.repository.DigestRepository.HeldGroup;
import cn.lianxin.notification.repository.DigestRepository.HeldItem;
import cn.lianxin.notification.routing.PlannedNotification;
import cn.lianxin.notification.template.NotificationKind;
import cn.lianxin.platform.orgs.OrgProjection;
import cn.lianxin.platform.orgs.OrgSnapshot;

/**
 * Bundles held notifications into digests (docs/domain.md §5): one (recipient, kind, window) at a time, in one
 * transaction. Two or more become one notification with template {@code digest} listing every member (name,
 * reason, days overdue; most overdue first, then by name) and a link to the recipient org's work list, due now in the ordinary delivery schedule
 * (preferred channel, fallback, back-off, quiet hours); the held ones become DIGESTED and point to it. A window
 * with a single notification sends that notification itself, with its own template.
 */
@ApplicationScoped
public class Digests {

    private static final TypeReference<Map<String, Object>> LINE = new TypeReference<>() {
    };

    private final DigestRepository repository;
    private final ObjectMapper mapper;
    private final OrgProjection orgs;
    private final String worklistUrl;

    public Digests(DigestRepository repository, ObjectMapper mapper, OrgProjection orgs, NotificationConfig config) {
        this.repository = repository;
        this.mapper = mapper;
        this.orgs = orgs;
        this.worklistUrl = config.worklistUrl();
    }

    /**
     * @return false when no window closed at or before {@code asOf} holds anything
     */
    @Transactional
    public boolean bundleNextDue(Instant asOf) {
        // One bundler at a time across replicas, for this transaction. Without it two replicas could each take a
        // different row of the same group with SKIP LOCKED and then wait for each other's row in the group's
        // FOR UPDATE below: a deadlock that PostgreSQL breaks by failing one of them. The lock is waited for, not
        // tried: the other bundler may be flushing as of an earlier instant, and giving up would leave this caller's
        // due windows held until the next run.
        repository.lockBundling();
        Optional<HeldGroup> group = repository.lockNextDueGroup(asOf);
        if (group.isEmpty()) {
            return false;
        }
        // Every held notification of the group; another instance that took part of it re-reads them as DIGESTED.
        List<HeldItem> items = repository.lockItems(group.get());
        if (items.size() == 1) {
            repository.release(items.get(0).id(), asOf);
        } else if (!items.isEmpty()) {
            bundle(items, group.get().templateKey(), asOf);
        }
        return true;
    }

    private void bundle(List<HeldItem> items, String templateKey, Instant asOf) {
        HeldItem first = items.get(0);
        UUID recipientOrg = first.recipientOrgId();
        UUID org = recipientOrg != null && orgs.find(recipientOrg).isPresent() ? recipientOrg : first.orgId();
        String path = orgs.pathOf(org).orElse(first.orgPath());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (HeldItem item : items) {
            Map<String, Object> line = new LinkedHashMap<>();
            Map<String, Object> stored = line(item.lineJson());
            line.put("name", stored.getOrDefault("name", ""));
            line.put("reason", stored.getOrDefault("reason", ""));
            line.put("daysOverdue", stored.get("daysOverdue"));
            lines.add(line);
        }
        String recipientName = first.recipientName();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("recipientName", recipientName == null ? "" : recipientName);
        model.put("memberName", "");
        model.put("orgName", orgs.find(org).map(OrgSnapshot.View::name).orElse(""));
        model.put("kind", NotificationKind.byKey(templateKey).map(NotificationKind::label).orElse(templateKey));
        model.put("count", items.size());
        model.put("items", lines);
        model.put("worklistUrl", worklistUrl + (worklistUrl.contains("?") ? "&" : "?") + "orgId=" + org);
        UUID digest = UUID.randomUUID();
        // The digest carries the source event of its first line (NotificationDelivered/Failed name one event).
        repository.insertDigest(digest, first.id(), NotificationKind.DIGEST.key(), org, path, json(model), asOf);
        repository.markDigested(digest, items.stream().map(HeldItem::id).toList());
    }

    private Map<String, Object> line(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, LINE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("held notification with an unreadable " + PlannedNotification.DIGEST_LINE, e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
