-- Issue 11 "close the loop": every event routed (domain.md §5), the orgs each case escalated to, and digests.

-- Where each case was escalated to (CaseEscalated): MemberFound and CaseClosed answer every one of them.
CREATE TABLE case_escalation (
    case_id       uuid        NOT NULL,
    org_id        uuid        NOT NULL,
    level         integer     NOT NULL,
    escalated_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, org_id)
);

-- Digests. A non-urgent notification for a staff recipient is HELD until its window closes (digest_due_at);
-- the flush bundles the held notifications of one (recipient, kind, window) into one digest notification
-- (template 'digest', delivered like any other) and marks them DIGESTED with digest_id = that digest.
-- A digest row has digest_id = its own id (its fallback rows keep it), so "the digest's delivery status" is
-- the status of the rows with that digest_id and template 'digest'.
ALTER TABLE notification ADD COLUMN digest_due_at timestamptz;
ALTER TABLE notification ADD COLUMN digest_id uuid;
CREATE INDEX notification_held ON notification (digest_due_at, recipient_key, template_key) WHERE status = 'HELD';
CREATE INDEX notification_digest ON notification (digest_id);

INSERT INTO notification_template (template_key, description, subject, body, updated_at, updated_by) VALUES
('self-withdrawal-suspected', '疑似自行脱党：联系得上但长期不参加组织生活或不交党费（T6，党章第九条）',
 $$【组织生活提醒】党员{memberName}连续六个月{missing}情况$$,
 $${recipientName}同志：党员{memberName}（{orgName}）联系得上（最近联系{lastReachedDate}），但自{since}起未{missing}，按党章第九条应作为不合格党员处置问题研究，请支部谈心谈话、了解情况。$$,
 now(), 'migration'),
('dues-arrears', '党费欠缴提醒支部书记（T7）',
 $$【党费欠缴】党员{memberName}已欠缴党费{monthsInArrears}个月$$,
 $${recipientName}同志：党员{memberName}（{orgName}）自{arrearsSince}起未交纳党费，已{monthsInArrears}个月，请提醒其按期交纳。$$,
 now(), 'migration'),
('dues-arrears.member', '党费欠缴提醒党员本人（T7）',
 $$【党费提醒】请按期交纳党费$$,
 $${memberName}同志：您自{arrearsSince}起未交纳党费，已{monthsInArrears}个月。按期交纳党费是党员的义务，请尽快交纳；如有困难请联系{orgName}支部书记{secretaryName}{#if secretaryPhone}（{secretaryPhone}）{/if}。$$,
 now(), 'migration'),
('case-recheck-due', '失联档案每周一排查（C3）',
 $$【每周排查】党员{memberName}本周尚未开展查找$$,
 $${recipientName}同志：党员{memberName}（{orgName}）自{lostSince}起失联，{weekOf}这一周尚未登记查找{#if lastAttemptDate}（上次查找{lastAttemptDate}）{/if}，档案现由{responsibleOrgName}负责，请继续查找并登记。$$,
 now(), 'migration'),
('follow-up-due', '找到后的回访到期（C7）',
 $$【回访提醒】请回访党员{memberName}$$,
 $${recipientName}同志：党员{memberName}（{orgName}）找到后的第{followUpNo}次回访（共{planSize}次）应于{dueDate}前完成，请按时回访并登记结果。$$,
 now(), 'migration'),
('follow-up-missed', '回访逾期未登记（C7）',
 $$【回访逾期】党员{memberName}第{followUpNo}次回访未登记$$,
 $${recipientName}同志：党员{memberName}（{orgName}）的第{followUpNo}次回访（共{planSize}次）应于{dueDate}前完成，至今未登记，请尽快回访，防止再次失联。$$,
 now(), 'migration'),
('member-found', '失联党员已找到（逐级答复）',
 $$【已找到】失联党员{memberName}已找到$$,
 $${recipientName}同志：{orgName}党员{memberName}自{lostSince}起失联，已于{foundDate}找到（失联{daysLost}天）。请按程序作出处置并安排回访。$$,
 now(), 'migration'),
('case-closed', '失联档案结案（逐级答复）',
 $$【结案】党员{memberName}的失联档案已结案$$,
 $${recipientName}同志：{orgName}党员{memberName}的失联档案（自{lostSince}起，失联{daysLost}天）已结案，结案原因：{resolution}。$$,
 now(), 'migration'),
('annual-review-overdue', '年审逾期（M2）',
 $$【年审逾期】党员{memberName}{year}年度年审未完成$$,
 $${recipientName}同志：党员{memberName}（{orgName}）{year}年度的信息年审应于{dueDate}前完成，至今未完成，请尽快核实其信息和联系方式。$$,
 now(), 'migration'),
('transfer-recommended', '流动满六个月建议转接组织关系（M3，条例第二十五条）',
 $$【建议转接】流动党员{memberName}应转接组织关系$$,
 $${recipientName}同志：流动党员{memberName}（{orgName}）自{leftDate}起在{destination}{#if receivingOrgName}（流入地党组织：{receivingOrgName}）{/if}，已满六个月且地点固定，按规定应转接组织关系，请与本人联系办理。$$,
 now(), 'migration'),
('monthly-report-published', '每月一上报：月度失联党员报告',
 $$【每月一上报】{reportOrgName}{month}失联党员月报$$,
 $${recipientName}同志：{reportOrgName}{month}失联党员月报已生成：失联{lostTotal}人，已找到{found}人，仍未找到{stillMissing}人。完整报告：{reportPath}$$,
 now(), 'migration'),
('member-flowed-out.receiving-org', '流动党员外出，告知流入地党组织联系人',
 $$【流动党员】{memberName}将到{receivingOrgName}报到$$,
 $${recipientName}同志：{orgName}党员{memberName}已外出至{destination}，将到{receivingOrgName}报到，请予接收、纳入管理并保持联系。原支部书记：{secretaryName} {secretaryPhone}。$$,
 now(), 'migration'),
('digest', '汇总提醒：同一收件人、同一类提醒一天一条（domain.md §5）',
 $$【{kind}】共{count}项待处理$$,
 $${recipientName}同志：{orgName}今日{kind}共{count}项：
{#for item in items}{item_count}. {item.name}：{item.reason}{#if item.daysOverdue}，已逾期{item.daysOverdue}天{/if}
{/for}请登录联心查看工作清单并逐一处理：{worklistUrl}$$,
 now(), 'migration');
