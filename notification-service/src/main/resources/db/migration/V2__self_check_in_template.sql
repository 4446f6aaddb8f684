-- 报平安 (domain.md §7): where self check-in is enabled, the quarterly reminder also reaches the member with a personal
-- link ({checkInUrl}, signed at delivery, never stored). One text, editable like the others (PUT /api/v1/templates/{key}).
INSERT INTO notification_template (template_key, description, subject, body, updated_at, updated_by) VALUES
('contact-missed.self-check-in', '报平安：本季度未联系上，请党员本人点击链接报平安（T2，无需账号）',
 $$【报平安】{orgName}请您报个平安$$,
 $${memberName}同志：您好！{orgName}本季度还没有联系上您（{obligation}已于{dueDate}到期）。组织始终牵挂您，请点击报平安：{checkInUrl} （本人专用，无需登录，有效期至{validUntil}）。如有困难，请联系支部书记{secretaryName}{#if secretaryPhone}（{secretaryPhone}）{/if}。$$,
 now(), 'migration');
