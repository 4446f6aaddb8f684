package cn.lianxin.tracking.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.lianxin.tracking.domain.ContactChannel;
import cn.lianxin.tracking.domain.ContactOutcome;

/** The contact API's request and response bodies. */
public final class ContactDtos {

    public static final int MAX_BATCH = 1000;

    private ContactDtos() {
    }

    /** One 联系记录; {@code recordedBy} defaults to the caller. */
    public record RecordContact(
            @NotNull UUID memberId,
            @NotNull OffsetDateTime at,
            @NotNull ContactChannel channel,
            @NotNull ContactOutcome outcome,
            @Size(min = 1, max = 100) String recordedBy,
            @Size(max = 2000) String note) {
    }

    /** A member's own check-in (自主报到): they were in touch, now; a note is optional. */
    public record CheckIn(@Size(max = 2000) String note) {
    }

    /** An org-life attendance sheet or a dues list: recorded all together, or not at all. */
    public record RecordContacts(
            @NotEmpty @Size(max = MAX_BATCH) List<@NotNull @Valid RecordContact> items) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContactView(UUID id, UUID memberId, UUID orgId, Instant at, ContactChannel channel,
            ContactOutcome outcome, String recordedBy, String note, Instant recordedAt) {
    }

    public record RecordedContacts(List<ContactView> items) {
    }
}
