package cn.lianxin.tracking.repository;

import static cn.lianxin.tracking.domain.Deadlines.latest;

import java.time.Instant;

import cn.lianxin.tracking.domain.ContactChannel;
import cn.lianxin.tracking.domain.ContactOutcome;

/** A member's latest contact of each kind that the clocks depend on (as the member row keeps them). */
public record LastContacts(Instant reachedAt, Instant directReachedAt, Instant orgLifeAt, Instant duesAt,
        Instant attemptAt) {

    public static final LastContacts NONE = new LastContacts(null, null, null, null, null);

    /** These, with one more contact taken into account. */
    public LastContacts with(ContactChannel channel, ContactOutcome outcome, Instant at) {
        if (outcome != ContactOutcome.REACHED) {
            return new LastContacts(reachedAt, directReachedAt, orgLifeAt, duesAt, latest(attemptAt, at));
        }
        return new LastContacts(latest(reachedAt, at),
                channel.isDirect() ? latest(directReachedAt, at) : directReachedAt,
                channel == ContactChannel.ORG_LIFE ? latest(orgLifeAt, at) : orgLifeAt,
                channel == ContactChannel.DUES ? latest(duesAt, at) : duesAt,
                attemptAt);
    }
}
