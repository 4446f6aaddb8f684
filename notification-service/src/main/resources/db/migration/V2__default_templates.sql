-- Default texts (Qute). An administrator changes them with PUT /api/v1/templates/{key}; the data each
-- template may use is listed in NotificationKind (and README-notification.md).
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
 now(), 'migration');
