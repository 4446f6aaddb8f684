-- Contact-data health (docs/domain.md §7): when each contact detail was last set (registration, roster import) or
-- changed through the API. A NotificationFailed dated at or before it was about the previous address and flags
-- nothing. Null for members registered before this migration (no change known since).
ALTER TABLE member
    ADD COLUMN phone_changed_at  timestamptz,
    ADD COLUMN email_changed_at  timestamptz,
    ADD COLUMN wechat_changed_at timestamptz;
