-- 流失风险's signal "contact details unconfirmed" (issue 17 feature 6): member-service decides when a member's contact
-- details must be verified for being unconfirmed (its rule M6, lianxin.member.contact-health.unconfirmed-after) and says
-- so with ContactVerificationDue; a confirmation says ContactDetailsConfirmed. This service keeps only what the two
-- events said, never the period: the instant the details became unconfirmed, until a later confirmation, and the last
-- confirmation, so that a ContactVerificationDue older than it (applied late) is not taken for a new one.
ALTER TABLE member
    ADD COLUMN contact_unconfirmed_since timestamptz,
    ADD COLUMN contact_confirmed_at      timestamptz;
