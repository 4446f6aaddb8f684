package cn.lianxin.tracking.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import cn.lianxin.platform.validation.NotBlankAfterTrim;
import cn.lianxin.tracking.domain.ContactChannel;
import cn.lianxin.tracking.domain.ContactOutcome;

/** What the contact API asks of {@link ContactService}: the request bodies, validated where they enter. */
public final class ContactCommands {

    public static final int MAX_BATCH = 1000;
    /** A person's name as registered (contracts' Name): 1 to 50 characters, no blank ends. */
    static final int NAME_MAX = 50;
    static final String NAME_PATTERN = "\\S(.*\\S)?";
    static final String NAME_MESSAGE = "must be a person's name (1 to 50 characters, not blank at either end)";

    private ContactCommands() {
    }

    /**
     * One 联系记录. Who recorded it is the caller (the token's {@code sub}), never a field of the body (a body with
     * {@code recordedBy} is refused); {@code contactedBy} may name the person who made the contact, e.g. the liaison
     * whose call a secretary records.
     */
    public record RecordContact(
            @NotNull UUID memberId,
            @NotNull OffsetDateTime at,
            @NotNull ContactChannel channel,
            @NotNull ContactOutcome outcome,
            @Size(max = NAME_MAX) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) @NotBlankAfterTrim String contactedBy,
            @Size(max = 2000) String note) {
    }

    /**
     * A member's own check-in (自主报到): they were in touch, now; a note is optional. {@code memberId}, when sent,
     * must be the caller's own (a member checks in for nobody else).
     */
    public record CheckIn(UUID memberId, @Size(max = 2000) String note) {
    }

    /** An org-life attendance sheet or a dues list: recorded all together, or not at all. */
    public record RecordContacts(
            @NotEmpty @Size(max = MAX_BATCH) List<@NotNull @Valid RecordContact> items) {
    }
}
