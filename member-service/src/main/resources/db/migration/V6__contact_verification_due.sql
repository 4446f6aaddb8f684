-- 联系方式核实 told to other services (issue 17 features 4 and 6): rule M6 of the daily scan records in scan_finding, once
-- per member and crossing (rule 'M6', subject the member, period the instant the details became unconfirmed), that a
-- member's contact details went unconfirmed for lianxin.member.contact-health.unconfirmed-after, and emits
-- ContactVerificationDue; a confirmation emits ContactDetailsConfirmed through the outbox. tracking-service's loss-risk
-- score reads both instead of restating the period.

-- The scan and the verification list both select ACTIVE members in the register by their last confirmation (else
-- registration) against ContactVerification's cutoff: an index on that expression keeps the daily scan from reading the
-- whole register.
CREATE INDEX member_contact_last_confirmed ON member ((COALESCE(contact_confirmed_at, registered_at)))
    WHERE standing = 'ACTIVE' AND transferred_out_at IS NULL;
