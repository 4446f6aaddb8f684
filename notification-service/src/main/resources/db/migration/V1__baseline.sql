-- notification-service: who can be reached (projections of member.events), what was sent, every attempt, and the
-- editable texts with their defaults. The baseline of this schema: later changes are new migrations after it, never
-- edits of it. Before it come the platform migrations (db/platform: the runtime role's grants, outbox and inbox,
-- scheduled runs; db/org-projection). Every table here gets the runtime role's DML from the owner's default privileges
-- (db/platform/V0_1). No audit table here: this service keeps operational state only (its events are the record
-- others audit).

-- A member as this service needs them: name, own contacts, preferred channel, liaison (联络员).
CREATE TABLE member_recipient (
    member_id          uuid        PRIMARY KEY,
    org_id             uuid        NOT NULL,
    org_path           text,                   -- /root/.../branch/ as carried by the member events
    name               text        NOT NULL,
    phone              text,
    wechat             text,
    email              text,
    preferred_channel  text,                   -- SMS | WECHAT | EMAIL
    liaison            jsonb,                  -- {memberId?, name, phone, wechat?, email?}
    updated_at         timestamptz NOT NULL
);
CREATE INDEX member_recipient_org ON member_recipient (org_id);

-- What the 联心卡 needs beyond the shared org projection (which keeps secretary and organizer).
CREATE TABLE org_card (
    org_id            uuid        PRIMARY KEY,
    wechat_group_url  text,
    web_address       text,
    updated_at        timestamptz NOT NULL
);

-- One notification per (source event, recipient, channel): a fallback channel is a new row.
-- The rows with status PENDING and their next_attempt_at are the persisted delivery schedule.
CREATE TABLE notification (
    id                      uuid        PRIMARY KEY,
    source_event_id         uuid        NOT NULL,
    source_event_type       text        NOT NULL,
    template_key            text        NOT NULL,
    member_id               uuid,
    case_id                 uuid,
    org_id                  uuid        NOT NULL,   -- the member's branch, or the org the event is about
    org_path                text,                   -- subtree scoping (prefix match); null = visible to ADMIN only
    recipient_key           text        NOT NULL,   -- e.g. SECRETARY:<org>, LIAISON:<member>, MEMBER:<member>
    recipient_role          text        NOT NULL,   -- LIAISON | SECRETARY | ORGANIZER | MEMBER
    recipient_org_id        uuid,
    recipient_member_id     uuid,
    recipient_name          text,
    channel                 text        NOT NULL,   -- SMS | WECHAT | EMAIL
    address                 text,                   -- null: nothing to send to on this channel (NO_ADDRESS)
    recipient_addresses     jsonb       NOT NULL,   -- {"SMS": ..., "WECHAT": ..., "EMAIL": ...} for the fallbacks
    next_channels           text        NOT NULL DEFAULT '',  -- comma-separated fallback chain after this one
    fallback                boolean     NOT NULL DEFAULT false,
    model                   jsonb       NOT NULL,   -- the template's data
    status                  text        NOT NULL,   -- PENDING | DELIVERED | FAILED
    attempts                integer     NOT NULL DEFAULT 0,
    attempts_before_retry   integer     NOT NULL DEFAULT 0, -- attempts made before the last manual retry
    next_attempt_at         timestamptz,
    deferred_by_quiet_hours boolean     NOT NULL DEFAULT false,
    created_at              timestamptz NOT NULL,
    delivered_at            timestamptz,
    failed_at               timestamptz,
    last_error_code         text,
    last_error              text,
    digest_due_at           timestamptz,            -- HELD: when its digest window closes (below)
    digest_id               uuid,                   -- the digest it went into; a digest's own id on a digest row
    traceparent             text,                   -- the consumed event's span that planned it: the end of its trace
    CONSTRAINT notification_once_per_event_recipient_channel UNIQUE (source_event_id, recipient_key, channel)
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_path ON notification (org_path text_pattern_ops, created_at DESC);
CREATE INDEX notification_member ON notification (member_id);
CREATE INDEX notification_case ON notification (case_id);

-- Digests (domain.md §5). A non-urgent notification for a staff recipient is HELD until its window closes
-- (digest_due_at); the flush bundles the held notifications of one (recipient, kind, window) into one digest
-- notification (template 'digest', delivered like any other) and marks them DIGESTED with digest_id = that digest.
-- A digest row has digest_id = its own id (its fallback rows keep it), so "the digest's delivery status" is
-- the status of the rows with that digest_id and template 'digest'.
CREATE INDEX notification_held ON notification (digest_due_at, recipient_key, template_key) WHERE status = 'HELD';
CREATE INDEX notification_digest ON notification (digest_id);

CREATE TABLE delivery_attempt (
    id               bigserial   PRIMARY KEY,
    notification_id  uuid        NOT NULL REFERENCES notification (id),
    attempt_no       integer     NOT NULL,
    attempted_at     timestamptz NOT NULL,
    outcome          text        NOT NULL,   -- DELIVERED | FAILED
    error_code       text,
    error_message    text
);
CREATE INDEX delivery_attempt_notification ON delivery_attempt (notification_id, attempt_no);

-- Where each case was escalated to (CaseEscalated): MemberFound and CaseClosed answer every one of them.
CREATE TABLE case_escalation (
    case_id       uuid        NOT NULL,
    org_id        uuid        NOT NULL,
    level         integer     NOT NULL,
    escalated_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, org_id)
);

-- Editable Qute templates (Chinese); defaults below. A template is edited by more than one administrator: its version
-- is the ETag of GET /api/v1/templates/{key}, and a PUT names it in If-Match, so that no edit overwrites another
-- unseen (412 when it changed since it was read).
CREATE TABLE notification_template (
    template_key  text        PRIMARY KEY,
    description   text        NOT NULL,
    subject       text        NOT NULL,   -- e-mail subject and WeChat title
    body          text        NOT NULL,
    updated_at    timestamptz NOT NULL,
    updated_by    text        NOT NULL,
    version       bigint      NOT NULL DEFAULT 0
);

-- Default texts (Qute), one per notification kind (domain.md §5). An administrator changes them with
-- PUT /api/v1/templates/{key}; the data each template may use is listed in NotificationKind (and README.md).
INSERT INTO notification_template (template_key, description, subject, body, updated_at, updated_by) VALUES
('contact-missed.reminder', '联系提醒：联络员本期未联系上党员（T1/T2）',
 $$【联系提醒】请联系党员{memberName}$$,
 $${recipientName}同志：您联系的党员{memberName}（{orgName}）{obligation}已于{dueDate}到期，已逾期{daysOverdue}天，请尽快联系并登记联系记录。$$,
 now(), 'migration'),
('contact-missed.escalated', '联系逾期上报支部书记（T3）',
 $$【联系逾期】党员{memberName}未按期联系$$,
 $${recipientName}同志：党员{memberName}（{orgName}）{obligation}已于{dueDate}到期，宽限期至{graceEndDate}仍未联系上，已逾期{daysOverdue}天，请督促落实联系。$$,
 now(), 'migration'),
('member-uncontrolled', '流动党员失控（T4）',
 $$【失控预警】流动党员{memberName}超过一个月未报到、未联系上$$,
 $${recipientName}同志：流动党员{memberName}（{orgName}）于{leftDate}外出{#if destination}（{destination}）{/if}，自{uncontrolledSince}起既未到流入地党组织报到，也未联系上，已列入失控名单，请立即组织查找。$$,
 now(), 'migration'),
('case-opened', '失联党员建档（一人一档）',
 $$【失联建档】党员{memberName}已建立一人一档$$,
 $${recipientName}同志：党员{memberName}（{orgName}）自{lostSince}起失去联系，已{trigger}建立失联党员档案。请于{verificationDueDate}前开展核实查找并登记查找情况。$$,
 now(), 'migration'),
('case-escalated', '失联党员查找逾期，上报上级党组织（C1/C2）',
 $$【查找逾期】党员{memberName}的失联档案已提级至{toOrgName}$$,
 $${recipientName}同志：{orgName}党员{memberName}自{lostSince}起失联，{reason}（截止{dueDate}），档案已由{fromOrgName}提级至{toOrgName}（第{level}级），请督促查找。$$,
 now(), 'migration'),
('standing-action-proposed', '党籍处置建议（停止党籍/取消预备党员资格/除名/恢复党籍）',
 $$【党籍处置】党员{memberName}：{action}$$,
 $${recipientName}同志：{orgName}党员{memberName}的失联档案已提出“{action}”建议{#if superiorOrgName}，须报{superiorOrgName}审批{/if}。请按程序召开支部大会讨论并报批。$$,
 now(), 'migration'),
('member-flowed-out.card', '流动党员联心卡',
 $$【联心卡】{orgName}$$,
 $${memberName}同志：您已登记为流动党员（去向：{destination}）。组织始终牵挂您，请保持联系。
联心卡
党组织：{orgName}
支部书记：{secretaryName} {secretaryPhone}
{#if organizerName}组织委员：{organizerName} {organizerPhone}
{/if}{#if wechatGroupUrl}微信群：{wechatGroupUrl}
{/if}{#if webAddress}网址：{webAddress}
{/if}到达后请及时向流入地党组织报到。$$,
 now(), 'migration'),
('transfer-receipt-overdue', '组织关系转接回执逾期（M1）',
 $$【回执逾期】党员{memberName}组织关系转接回执未返回$$,
 $${recipientName}同志：党员{memberName}的组织关系介绍信于{issuedDate}由{fromOrgName}开往{toOrgName}，回执应于{dueDate}前返回，至今未收到。转出党组织仍负管理责任，请双方核实。$$,
 now(), 'migration'),
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
