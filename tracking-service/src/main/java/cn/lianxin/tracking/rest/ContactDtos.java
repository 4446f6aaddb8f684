package cn.lianxin.tracking.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.lianxin.tracking.domain.Contact;
import cn.lianxin.tracking.domain.ContactChannel;
import cn.lianxin.tracking.domain.ContactOutcome;
import cn.lianxin.tracking.service.ContactCommands;

/** The contact API's response bodies (its requests are {@link ContactCommands}). */
public final class ContactDtos {

    private ContactDtos() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactView(UUID id, UUID memberId, UUID orgId, Instant at, ContactChannel channel,
            ContactOutcome outcome, String recordedBy, String contactedBy, UUID caseId, String note,
            Instant recordedAt) {

        static ContactView of(Contact c) {
            return new ContactView(c.id(), c.memberId(), c.orgId(), c.at(), c.channel(), c.outcome(), c.recordedBy(),
                    c.contactedBy(), c.caseId(), c.note(), c.recordedAt());
        }
    }

    public record RecordedContacts(List<ContactView> items) {

        static RecordedContacts of(List<Contact> contacts) {
            return new RecordedContacts(contacts.stream().map(ContactView::of).toList());
        }
    }
}
