package cn.lianxin.member.messaging;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import cn.lianxin.member.domain.ContactPerson;
import cn.lianxin.member.domain.Org;
import cn.lianxin.contracts.EventType;

/** The events member-service publishes on {@code member.events} (contracts/asyncapi.yaml). */
public final class MemberEvents {

    public static final String ORG_CREATED = new EventType("member", "OrgCreated", 1).ceType();
    public static final String ORG_CHANGED = new EventType("member", "OrgChanged", 1).ceType();

    private MemberEvents() {
    }

    /** Payload of OrgCreated (and the state part of OrgChanged): what consumers need to place members and reach the secretary. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrgSnapshot(UUID orgId, String name, String type,
            @JsonInclude(JsonInclude.Include.ALWAYS) UUID parentId, // null for the root, yet always present
            List<UUID> path, Contact secretary, Contact organizer, String wechatGroupUrl, String webAddress) {

        public static OrgSnapshot of(Org org) {
            return new OrgSnapshot(org.id, org.name, org.type.name(), org.parentId, org.pathIds(),
                    Contact.of(org.secretary), Contact.of(org.organizer), org.wechatGroupUrl, org.webAddress);
        }
    }

    /** Payload of OrgChanged: the complete state after the change, and which fields changed. */
    public record OrgChanged(@JsonUnwrapped OrgSnapshot org, List<String> changed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String name, String phone, String wechat, String email) {
        static Contact of(ContactPerson person) {
            return person == null || person.name == null ? null
                    : new Contact(person.name, person.phone, person.wechat, person.email);
        }
    }
}
