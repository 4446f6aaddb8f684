-- Texts of the handshake of outflows and transfers (domain.md §5; member-service rules M4, M5): the receiving branch
-- told of a transfer letter, the report-in (报到) overdue to both sides, and the escalation to the superior org of the
-- sending side. Editable like the others (PUT /api/v1/templates/{key}); the data each may use is in NotificationKind.
INSERT INTO notification_template (template_key, description, subject, body, updated_at, updated_by) VALUES
('transfer-issued', '组织关系转入：转出支部开具介绍信，告知系统内的转入支部按期确认回执',
 $$【组织关系转入】党员{memberName}的组织关系将转入{toOrgName}$$,
 $${recipientName}同志：{fromOrgName}已于{issuedDate}为党员{memberName}开具组织关系介绍信，转入{toOrgName}。请在党员报到后及时登记回执，最迟于{dueDate}前确认；逾期未确认的，系统将提醒双方支部并报转出支部的上级党组织。$$,
 now(), 'migration'),
('report-in-overdue', '流动党员报到逾期：流入地党组织未按期确认报到，提醒流出、流入双方',
 $$【报到逾期】流动党员{memberName}未按期确认报到$$,
 $${recipientName}同志：{orgName}党员{memberName}于{leftDate}外出至{destination}，应于{dueDate}前到{receivingOrgName}报到，至今未确认报到，已逾期{daysOverdue}天。请流入地党组织确认报到，流出地党支部及时联系党员核实。$$,
 now(), 'migration'),
('handshake-escalated', '报到、回执逾期未确认：超过宽限期仍未确认，报流出（转出）支部的上级党组织',
 $$【逾期未确认】{orgName}党员{memberName}的{what}$$,
 $${recipientName}同志：{orgName}党员{memberName}的{what}（{startedDate}起）应于{dueDate}前由{receivingOrgName}确认，已提醒双方支部，至今仍未确认，已逾期{daysOverdue}天。请督促{orgName}与{receivingOrgName}核实并尽快办结。$$,
 now(), 'migration');

-- The receiving org of a flow member also learns by when to confirm the report-in (MemberFlowedOut.reportInDueAt);
-- a text an administrator has changed is left as it is.
UPDATE notification_template
SET body = $${recipientName}同志：{orgName}党员{memberName}已外出至{destination}，将到{receivingOrgName}报到，请予接收、纳入管理并保持联系{#if reportInDueDate}，报到后请于{reportInDueDate}前在系统中确认{/if}。原支部书记：{secretaryName} {secretaryPhone}。$$
WHERE template_key = 'member-flowed-out.receiving-org' AND updated_by = 'migration';
