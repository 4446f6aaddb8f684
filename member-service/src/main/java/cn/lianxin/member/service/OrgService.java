package cn.lianxin.member.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import cn.lianxin.member.domain.ContactPerson;
import cn.lianxin.member.domain.Org;
import cn.lianxin.member.domain.OrgType;
import cn.lianxin.member.repository.OrgRepository;
import cn.lianxin.member.service.OrgCommands.Contact;
import cn.lianxin.member.service.OrgCommands.CreateOrg;
import cn.lianxin.member.service.OrgCommands.UpdateOrg;
import cn.lianxin.member.service.OrgViews.OrgView;
import cn.lianxin.platform.api.IfMatch;
import cn.lianxin.platform.api.Versioned;
import cn.lianxin.platform.outbox.Outbox;
import cn.lianxin.platform.problem.Problem.FieldError;
import cn.lianxin.platform.problem.ProblemException;
import cn.lianxin.platform.security.OrgScope;

/** Use cases of the organization tree; every change is published through the outbox in its transaction. */
@ApplicationScoped
@Transactional
public class OrgService {

    private final OrgRepository orgs;
    private final Outbox outbox;
    private final OrgScope scope;
    private final MemberAccess access;
    private final Clock clock;

    public OrgService(OrgRepository orgs, Outbox outbox, OrgScope scope, MemberAccess access, Clock clock) {
        this.orgs = orgs;
        this.outbox = outbox;
        this.scope = scope;
        this.access = access;
        this.clock = clock;
    }

    public OrgView create(@NotNull @Valid CreateOrg request) {
        Org parent = request.parentId() == null ? null : visible(request.parentId(), "parentId");
        if (parent == null && !scope.isAdmin()) {
            throw ProblemException.invalidField("parentId", "only a system administrator may create a root organization");
        }
        // The tree starts at a committee (党委); a branch or general branch always sits under one.
        if (parent == null && request.type() != OrgType.COMMITTEE) {
            throw ProblemException.unprocessable("parentId: required unless the organization is a COMMITTEE",
                    List.of(new FieldError("parentId", "required unless the organization is a COMMITTEE")));
        }
        requireMayHaveChildren(parent);
        Org org = new Org();
        org.id = UUID.randomUUID();
        org.name = request.name().trim();
        org.type = request.type();
        org.placeUnder(parent);
        org.secretary = person(request.secretary());
        org.organizer = person(request.organizer());
        org.wechatGroupUrl = request.wechatGroupUrl();
        org.webAddress = request.webAddress();
        Instant now = clock.instant();
        org.createdAt = now;
        org.createdBy = scope.userId();
        touch(org, now);
        orgs.persist(org);
        outbox.append(MemberEvents.ORG_CREATED, org.id, MemberEvents.OrgSnapshot.of(org));
        return view(org);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned<OrgView> get(UUID id) {
        Org org = visible(id, null);
        return new Versioned<>(view(org), org.version);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OrgView> children(UUID id) {
        visible(id, null);
        return orgs.children(id).stream().map(OrgService::view).toList();
    }

    public Versioned<OrgView> update(UUID id, IfMatch ifMatch, @NotNull @Valid UpdateOrg request) {
        Org org = visible(id, null);
        ifMatch.check("Organization", id, org.version);
        Instant now = clock.instant();
        List<String> changed = new ArrayList<>();
        if (request.name() != null && !request.name().trim().equals(org.name)) {
            org.name = request.name().trim();
            changed.add("name");
        }
        if (request.secretary() != null) {
            org.secretary = person(request.secretary());
            changed.add("secretary");
        }
        if (request.organizer() != null) {
            org.organizer = person(request.organizer());
            changed.add("organizer");
        }
        if (request.wechatGroupUrl() != null && !request.wechatGroupUrl().equals(org.wechatGroupUrl)) {
            org.wechatGroupUrl = request.wechatGroupUrl();
            changed.add("wechatGroupUrl");
        }
        if (request.webAddress() != null && !request.webAddress().equals(org.webAddress)) {
            org.webAddress = request.webAddress();
            changed.add("webAddress");
        }
        if (request.parentId() != null && !request.parentId().equals(org.parentId)) {
            moveSubtree(org, visible(request.parentId(), "parentId"), now);
            changed.addAll(List.of("parentId", "path"));
        }
        if (!changed.isEmpty()) {
            touch(org, now);
            publishChange(org, changed);
        }
        orgs.flush(); // the version this change commits with, for the ETag
        return new Versioned<>(view(org), org.version);
    }

    /** Re-parents the org; every descendant's path changes too, and consumers hear of each. */
    private void moveSubtree(Org org, Org newParent, Instant now) {
        if (org.isAncestorOrSelfOf(newParent)) {
            throw ProblemException.unprocessable("An organization cannot move under itself or its own subtree",
                    List.of(new FieldError("parentId", "would create a cycle")));
        }
        requireMayHaveChildren(newParent);
        String oldPath = org.path;
        List<Org> descendants = orgs.descendants(org);
        org.placeUnder(newParent);
        for (Org descendant : descendants) {
            descendant.path = org.path + descendant.path.substring(oldPath.length());
            touch(descendant, now);
            publishChange(descendant, List.of("path"));
        }
    }

    private void publishChange(Org org, List<String> changed) {
        outbox.append(MemberEvents.ORG_CHANGED, org.id, new MemberEvents.OrgChanged(MemberEvents.OrgSnapshot.of(org), changed));
    }

    private Org visible(UUID id, String field) {
        Org org = orgs.findByIdOptional(id).orElse(null);
        if (org == null || !access.canSee(id)) {
            if (field != null) {
                throw ProblemException.invalidField(field, "organization " + id + " does not exist or is outside your organization");
            }
            throw ProblemException.notFound("Organization", id);
        }
        return org;
    }

    private static void requireMayHaveChildren(Org parent) {
        if (parent != null && !parent.type.mayHaveChildren()) {
            throw ProblemException.unprocessable("A branch (党支部) cannot have child organizations",
                    List.of(new FieldError("parentId", "is a BRANCH")));
        }
    }

    private void touch(Org org, Instant now) {
        org.updatedAt = now;
        org.updatedBy = scope.userId();
    }

    private static ContactPerson person(Contact contact) {
        return contact == null ? null : new ContactPerson(contact.name().trim(), contact.phone(), contact.wechat(), contact.email());
    }

    static OrgView view(Org org) {
        return new OrgView(org.id, org.name, org.type, org.parentId, org.pathIds(), contact(org.secretary),
                contact(org.organizer), org.wechatGroupUrl, org.webAddress);
    }

    private static Contact contact(ContactPerson person) {
        return person == null || person.name == null ? null : new Contact(person.name, person.phone, person.wechat, person.email);
    }
}
