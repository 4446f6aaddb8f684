package cn.lianxin.notification.recipients;

import static cn.lianxin.notification.recipients.Json.object;
import static cn.lianxin.notification.recipients.Json.text;
import static cn.lianxin.notification.recipients.Json.uuid;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.lianxin.notification.domain.Channel;
import cn.lianxin.notification.domain.OrgCard;
import cn.lianxin.notification.repository.RecipientRepository;
import cn.lianxin.notification.repository.RecipientRepository.DatedProfile;
import cn.lianxin.notification.repository.RecipientRepository.Profile;
import cn.lianxin.platform.events.IncomingEvent;
import cn.lianxin.platform.events.MalformedEventException;
import cn.lianxin.platform.inbox.LatestRun;
import cn.lianxin.platform.inbox.SetHandler;

/**
 * Who can be reached, projected from member.events: the member's own contacts and preferred channel, the
 * liaison (联络员), and the 联心卡 extras of each org. Later events win (ce_time), so a late redelivery of an
 * old profile does not overwrite a newer one.
 */
@ApplicationScoped
public class RecipientProjection {

    private final RecipientRepository repository;
    private final ObjectMapper mapper;

    public RecipientProjection(RecipientRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    public Map<String, Consumer<IncomingEvent>> handlers() {
        return Map.of(
                "MemberProfileChanged", this::memberProfile,
                "LiaisonAssigned", this::liaisonAssigned,
                "MemberTransferred", this::memberTransferred);
    }

    /**
     * MemberRegistered, a run at a time: a roster import announces thousands at once, kept in one statement. A run may
     * keep only each member's latest profile because a MemberRegistered always carries the org path (its schema
     * requires one, and the gate refuses what its schema refuses), so none keeps an earlier one's path.
     */
    public Map<String, SetHandler<?>> setHandlers() {
        return Map.of("MemberRegistered", new LatestRun<>(event -> new DatedProfile(profile(event), event.time()),
                dated -> dated.profile().memberId(), DatedProfile::at, profiles -> repository.saveProfiles(profiles)));
    }

    /** OrgCreated / OrgChanged: the WeChat group and web address printed on the 联心卡. */
    @Transactional(TxType.MANDATORY)
    public void orgCard(IncomingEvent event) {
        JsonNode p = event.payload();
        repository.saveOrgCard(required(event, "orgId"), new OrgCard(text(p, "wechatGroupUrl"), text(p, "webAddress")),
                event.time());
    }

    @Transactional(TxType.MANDATORY)
    void memberProfile(IncomingEvent event) {
        repository.saveProfile(profile(event), event.time());
    }

    /** The member's own contacts and preferred channel, from MemberRegistered or MemberProfileChanged. */
    private static Profile profile(IncomingEvent event) {
        JsonNode p = event.payload();
        JsonNode contact = object(p, "contact");
        String path = Json.materializedPath(p.get("orgPath"));
        return new Profile(required(event, "memberId"), required(event, "orgId"), path,
                text(p, "name") == null ? "" : text(p, "name"), text(contact, "phone"), text(contact, "wechat"),
                text(contact, "email"), text(p, "preferredChannel"));
    }

    @Transactional(TxType.MANDATORY)
    void liaisonAssigned(IncomingEvent event) {
        JsonNode liaison = object(event.payload(), "liaison");
        if (liaison == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no liaison");
        }
        // A liaison may be assigned before the member's profile reached us: kept on a placeholder row.
        repository.saveLiaison(required(event, "memberId"), required(event, "orgId"), liaison.toString());
    }

    @Transactional(TxType.MANDATORY)
    void memberTransferred(IncomingEvent event) {
        repository.moveMember(required(event, "memberId"), required(event, "orgId"),
                Json.materializedPath(event.payload().get("orgPath")));
    }

    public Optional<MemberRecipient> member(UUID memberId) {
        return repository.member(memberId).map(m -> new MemberRecipient(m.memberId(), m.orgId(), m.orgPath(),
                new Person(memberId, m.name(), m.phone(), m.wechat(), m.email()),
                m.preferredChannel() == null ? null : Channel.valueOf(m.preferredChannel()), person(m.liaisonJson())));
    }

    /** Reads the given members at once, for the rest of the transaction's {@link #member} calls. */
    public void preload(Collection<UUID> memberIds) {
        repository.preload(memberIds);
    }

    public OrgCard card(UUID orgId) {
        return repository.card(orgId).orElse(OrgCard.NONE);
    }

    /** A {@code Liaison}/{@code ContactPerson} JSON object as a person to reach. */
    public static Person person(JsonNode node) {
        return node == null ? null
                : new Person(uuid(node, "memberId"), text(node, "name"), text(node, "phone"), text(node, "wechat"),
                        text(node, "email"));
    }

    private Person person(String json) {
        try {
            return json == null ? null : person(mapper.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("member_recipient holds unreadable liaison JSON", e);
        }
    }

    private static UUID required(IncomingEvent event, String field) {
        try {
            UUID id = uuid(event.payload(), field);
            if (id != null) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new MalformedEventException(event.type() + " " + event.id() + " lacks a valid " + field);
    }
}
