/**
 * Every audit action code written anywhere in the code base, with the sentence an auditor reads,
 * grouped into kinds for the filter. Templates take {actor} (who), {subject} (the named object)
 * and the summary details named in `vars`. A code missing here still shows (sentences.ts falls back
 * to the code itself); catalogue.unit.test.ts fails when a code in the source has no entry.
 *
 * Oversight of disclosure work (条例 第七条、第十一条) needs a record an auditor can read without
 * knowing the program: who did what to which document, case or account, and when.
 */
import type { Msg } from '../../../core/render/i18n.ts';

export type KindKey = 'document' | 'consultation' | 'request' | 'report' | 'unit' | 'account' | 'signin' | 'token' | 'calendar' | 'settings' | 'audit' | 'message' | 'interview' | 'other';

export const KINDS: readonly { key: KindKey; label: Msg }[] = [
  { key: 'document', label: { zh: '主动公开文件', en: 'Documents' } },
  { key: 'consultation', label: { zh: '重大行政决策公众参与', en: 'Public participation in decisions' } },
  { key: 'request', label: { zh: '依申请公开', en: 'Information requests' } },
  { key: 'report', label: { zh: '年度报告', en: 'Annual reports' } },
  { key: 'unit', label: { zh: '单位与备案', en: 'Units & registry' } },
  { key: 'account', label: { zh: '用户与权限', en: 'Users & permissions' } },
  { key: 'signin', label: { zh: '登录', en: 'Sign-ins' } },
  { key: 'token', label: { zh: '接口令牌', en: 'API tokens' } },
  { key: 'calendar', label: { zh: '工作日历', en: 'Working-day calendar' } },
  { key: 'settings', label: { zh: '系统设置', en: 'Settings' } },
  { key: 'audit', label: { zh: '审计日志', en: 'Audit log' } },
  { key: 'message', label: { zh: '留言咨询', en: 'Citizen messages' } },
  { key: 'interview', label: { zh: '在线访谈与新闻发布会', en: 'Interviews and press conferences' } },
  { key: 'other', label: { zh: '其他', en: 'Other' } },
];

export interface ActionEntry {
  kind: KindKey;
  zh: string;
  en: string;
}

type Table = Record<string, [zh: string, en: string]>;

const DOCUMENT: Table = {
  'document.create': ['{actor} 新建了文件{subject}', '{actor} created the document {subject}'],
  'document.edit': ['{actor} 修改了文件{subject}', '{actor} edited the document {subject}'],
  'document.submit': ['{actor} 将{subject}提交审核', '{actor} submitted {subject} for review'],
  'document.redact': ['{actor} 对{subject}中的个人信息作了脱敏处理（{numbers} 处号码，含历史版本）', '{actor} redacted personal data in {subject} ({numbers} numbers, older versions included)'],
  'document.recall': ['{actor} 撤回了{subject}的审核申请', '{actor} recalled {subject} from review'],
  'document.return': ['{actor} 退回了{subject}（理由：{reason}）', '{actor} returned {subject} (reason: {reason})'],
  'document.review': ['{actor} 审核通过了{subject}', '{actor} approved {subject}'],
  'document.publish': ['{actor} 发布了{subject}', '{actor} published {subject}'],
  'document.schedule': ['{actor} 设定{subject}于 {publish_at} 定时发布', '{actor} scheduled {subject} for {publish_at}'],
  'document.unschedule': ['{actor} 取消了{subject}的定时发布', '{actor} cancelled the scheduled publication of {subject}'],
  'document.publish_due': ['{actor} 按计划发布了{subject}', '{actor} published {subject} as scheduled'],
  'document.edit_published': ['{actor} 修改了已发布的{subject}（第 {version} 版）', '{actor} changed the published {subject} (version {version})'],
  'document.withdraw': ['{actor} 撤下了{subject}（理由：{reason}）', '{actor} withdrew {subject} (reason: {reason})'],
  'document.export': ['{actor} 将文件列表导出为 Excel（{rows} 件）', '{actor} exported the document list to Excel ({rows} documents)'],
  'document.reopen': ['{actor} 重新打开{subject}进行修改', '{actor} reopened {subject} for changes'],
  'document.validity': ['{actor} 将{subject}的有效性由“{before}”改为“{after}”', '{actor} changed the validity of {subject} from “{before}” to “{after}”'],
  'document.import': ['{actor} 批量导入了 {count} 件文件', '{actor} imported {count} documents'],
  'document.settings.index_pattern': ['{actor} 修改了{subject}的索引号规则', '{actor} changed the index-number pattern of {subject}'],
  'document.column.create': ['{actor} 新建了栏目{subject}', '{actor} created the column {subject}'],
  'document.column.update': ['{actor} 修改了栏目{subject}', '{actor} changed the column {subject}'],
  'document.column.delete': ['{actor} 删除了栏目{subject}', '{actor} deleted the column {subject}'],
  'document.topic.create': ['{actor} 新建了专题{subject}', '{actor} created the topic {subject}'],
  'document.topic.urgent': ['{actor} 将专题{subject}设为“{state}”', '{actor} set the topic {subject}: {state}'],
  'document.attachment.add': ['{actor} 为{subject}上传了附件“{filename}”', '{actor} attached “{filename}” to {subject}'],
  'document.attachment.remove': ['{actor} 删除了{subject}的附件“{filename}”', '{actor} removed the attachment “{filename}” from {subject}'],
  'document.attachment.refused': ['{actor} 为{subject}上传附件“{filename}”被拒绝：{reason}', '{actor} tried to attach “{filename}” to {subject}; refused: {reason}'],
};

const REQUEST: Table = {
  'request.submit': ['{actor} 在网上提交了申请{subject}', '{actor} submitted the request {subject} online'],
  'request.register': ['{actor} 登记了申请{subject}', '{actor} registered the request {subject}'],
  'request.export': ['{actor} 将依申请公开登记簿导出为 Excel（{rows} 条，个人信息已遮盖）', '{actor} exported the register of requests to Excel ({rows} rows, personal data masked)'],
  'request.transfer.in': ['{actor} 接收了转来的申请{subject}', '{actor} received the transferred request {subject}'],
  'request.inbox.recover': ['{actor} 从待登记的网上提交中恢复了申请{subject}', '{actor} recovered the request {subject} from the intake inbox'],
  'request.inbox.discard': ['{actor} 删除了一条无法登记的网上提交（{reason}）', '{actor} discarded an online submission that could not be registered ({reason})'],
  'request.accept': ['{actor} 受理了申请{subject}', '{actor} accepted the request {subject}'],
  'request.request_correction': ['{actor} 就申请{subject}发出补正通知', '{actor} asked the applicant of the request {subject} for corrections'],
  'request.correct': ['{actor} 记录了申请人对申请{subject}的补正', '{actor} recorded the applicant’s corrections to the request {subject}'],
  'request.abandon': ['{actor} 将申请{subject}记为逾期未补正、不再处理', '{actor} closed the request {subject}: corrections not made in time'],
  'request.start_consultation': ['{actor} 就申请{subject}开始征求第三方意见', '{actor} started consulting third parties on the request {subject}'],
  'request.end_consultation': ['{actor} 结束了申请{subject}的征求意见', '{actor} ended the consultation on the request {subject}'],
  'request.extend': ['{actor} 延长了申请{subject}的答复期限', '{actor} extended the deadline of the request {subject}'],
  'request.request_reasons': ['{actor} 要求申请{subject}的申请人说明理由（第三十五条）', '{actor} asked the applicant of the request {subject} to explain the reasons'],
  'request.set_reasonable_period': ['{actor} 为申请{subject}确定了延后的答复期限', '{actor} set a later reasonable deadline for the request {subject}'],
  'request.send_fee_notice': ['{actor} 就申请{subject}发出收费通知', '{actor} sent a fee notice for the request {subject}'],
  'request.record_fee_paid': ['{actor} 记录了申请{subject}的缴费', '{actor} recorded the fee paid for the request {subject}'],
  'request.fee_lapse': ['{actor} 将申请{subject}记为逾期未缴费', '{actor} recorded that the fee for the request {subject} was not paid in time'],
  'request.answer': ['{actor} 作出了申请{subject}的答复', '{actor} answered the request {subject}'],
  'request.deliver': ['{actor} 送达了申请{subject}的答复', '{actor} delivered the answer to the request {subject}'],
  'request.close': ['{actor} 办结了申请{subject}', '{actor} closed the request {subject}'],
  'request.withdraw': ['{actor} 记录了申请人撤回申请{subject}', '{actor} recorded the withdrawal of the request {subject}'],
  'request.transfer': ['{actor} 将申请{subject}转送其他机关', '{actor} transferred the request {subject} to another body'],
  'request.reply.draft': ['{actor} 起草了申请{subject}的答复意见', '{actor} drafted the answer to the request {subject}'],
  'request.assign': ['{actor} 指派了申请{subject}的承办人', '{actor} assigned a handler to the request {subject}'],
  'request.letter.draft': ['{actor} 起草了文书{subject}', '{actor} drafted the letter {subject}'],
  'request.letter.edit': ['{actor} 修改了文书{subject}', '{actor} edited the letter {subject}'],
  'request.letter.issue': ['{actor} 签发了文书{subject}', '{actor} issued the letter {subject}'],
  'request.letter.deliver': ['{actor} 送达了文书{subject}', '{actor} delivered the letter {subject}'],
  'request.appeal.add': ['{actor} 为申请{subject}登记了行政复议或诉讼', '{actor} recorded an appeal or lawsuit on the request {subject}'],
  'request.appeal.update': ['{actor} 修改了申请{subject}的行政复议或诉讼记录', '{actor} changed the appeal record of the request {subject}'],
  'request.supervise': ['{actor} 督办了申请{subject}', '{actor} gave a supervision instruction on the request {subject}'],
  'request.pii.view': ['{actor} 查看了申请{subject}中申请人的完整个人信息', '{actor} viewed the applicant’s full personal data in the request {subject}'],
  'request.attachment.view': ['{actor} 查看了申请{subject}的申请人附件', '{actor} opened an applicant’s attachment of the request {subject}'],
  'request.import.create': ['{actor} 导入了申请{subject}', '{actor} imported the request {subject}'],
  'request.import.update': ['{actor} 以导入更新了申请{subject}', '{actor} updated the request {subject} by import'],
  'request.pii.rotate': ['{actor} 更换了个人信息加密密钥，重新加密 {cases} 件申请', '{actor} rotated the personal-data key and re-encrypted {cases} requests'],
};

const REPORT: Table = {
  'report.figures.save': ['{actor} 保存了{subject}的统计数据', '{actor} saved the figures of {subject}'],
  'report.figures.import': ['{actor} 导入了{subject}的统计数据', '{actor} imported the figures of {subject}'],
  'report.narrative.save': ['{actor} 保存了{subject}的文字部分', '{actor} saved the text of {subject}'],
  'report.publish': ['{actor} 发布了{subject}', '{actor} published {subject}'],
  'report.reopen': ['{actor} 重新打开了{subject}（理由：{reason}）', '{actor} reopened {subject} (reason: {reason})'],
  'report.import': ['{actor} 导入了{subject}', '{actor} imported {subject}'],
};

const UNIT: Table = {
  'unit.create': ['{actor} 新建了单位{subject}', '{actor} created the unit {subject}'],
  'unit.update': ['{actor} 修改了单位{subject}的信息', '{actor} changed the unit {subject}'],
  'unit.registry.update': ['{actor} 修改了{subject}的备案信息', '{actor} changed the registry entry of {subject}'],
  'unit.activate': ['{actor} 启用了单位{subject}', '{actor} re-activated the unit {subject}'],
  'unit.deactivate': ['{actor} 停用了单位{subject}', '{actor} deactivated the unit {subject}'],
  'unit.move': ['{actor} 调整了单位{subject}的上级单位', '{actor} moved the unit {subject} to another parent'],
  'unit.merge': ['{actor} 将单位{subject}并入其他单位', '{actor} merged the unit {subject} into another'],
  'unit.merge.receive': ['{actor} 将其他单位并入{subject}', '{actor} merged another unit into {subject}'],
  'agency.functions.update': ['{actor} 修改了{subject}的机关职能（草稿）', '{actor} edited the functions of {subject} (draft)'],
  'agency.department.save': ['{actor} 保存了{subject}的内设机构“{name}”（草稿）', '{actor} saved the department “{name}” of {subject} (draft)'],
  'agency.department.delete': ['{actor} 删除了{subject}的内设机构“{name}”（草稿）', '{actor} removed the department “{name}” of {subject} (draft)'],
  'agency.leader.save': ['{actor} 保存了{subject}的领导信息“{name}”（草稿）', '{actor} saved the leader “{name}” of {subject} (draft)'],
  'agency.leader.delete': ['{actor} 删除了{subject}的领导信息“{name}”（草稿）', '{actor} removed the leader “{name}” of {subject} (draft)'],
  'media.account.create': ['{actor} 登记了政务新媒体账号{subject}', '{actor} registered the new-media account {subject}'],
  'media.account.update': ['{actor} 修改了政务新媒体账号{subject}（状态：{status}）', '{actor} changed the new-media account {subject} (status: {status})'],
  'guide.create': ['{actor} 新建了办事指南{subject}', '{actor} drafted the service guide {subject}'],
  'guide.update': ['{actor} 修改了办事指南{subject}（{changed}）', '{actor} changed the service guide {subject} ({changed})'],
  'guide.publish': ['{actor} 审核发布了办事指南{subject}', '{actor} approved and published the service guide {subject}'],
  'guide.withdraw': ['{actor} 撤下了办事指南{subject}', '{actor} withdrew the service guide {subject}'],
  'guide.redraft': ['{actor} 将办事指南{subject}退回草稿', '{actor} returned the service guide {subject} to draft'],
  'guide.bundle.save': ['{actor} 保存了"一件事"{subject}（{guides} 个事项）', '{actor} saved the life-event bundle {subject} ({guides} guides)'],
  'guide.bundle.delete': ['{actor} 删除了"一件事"{subject}', '{actor} deleted the life-event bundle {subject}'],
  'media.inspect': ['{actor} 检查了政务新媒体账号{subject}：{result}', '{actor} inspected the new-media account {subject}: {result}'],
  'power.list.create': ['{actor} 新建了{year} 年度权责清单（沿用上年事项 {copied} 项）', '{actor} started the {year} list of powers ({copied} items carried over)'],
  'power.list.import': ['{actor} 从表格导入了{year} 年度权责清单（新增 {added}，修改 {updated}，删除 {removed}）', '{actor} imported the {year} list of powers from a spreadsheet ({added} added, {updated} changed, {removed} removed)'],
  'power.list.submit': ['{actor} 将{year} 年度权责清单提交审核', '{actor} submitted the {year} list of powers for review'],
  'power.list.publish': ['{actor} 发布了{year} 年度权责清单', '{actor} published the {year} list of powers'],
  'power.list.return': ['{actor} 将{year} 年度权责清单退回修改', '{actor} returned the {year} list of powers for changes'],
  'health.run': ['{actor} 执行了网站健康检查（发现问题 {findings} 项，新增 {created}，已消除 {resolved}；不合格网站 {failed} 个）', '{actor} ran the site health check ({findings} findings, {created} new, {resolved} resolved; {failed} sites failing)'],
  'health.order.assign': ['{actor} 将整改工单{subject}指派给 {assignee}', '{actor} assigned the work order {subject} to {assignee}'],
  'health.order.fix': ['{actor} 将整改工单{subject}标记为已整改', '{actor} marked the work order {subject} as fixed'],
  'health.order.verify': ['{actor} 核验通过了整改工单{subject}', '{actor} verified the work order {subject}'],
  'health.order.reject': ['{actor} 核验未通过，退回了整改工单{subject}：{note}', '{actor} sent back the work order {subject}: {note}'],
  'health.order.close': ['{actor} 关闭了整改工单{subject}', '{actor} closed the work order {subject}'],
  'health.settings': ['{actor} 修改了网站检查词表（错别字 {typos} 条，敏感词 {sensitive} 条）', '{actor} changed the site-check word lists ({typos} typos, {sensitive} sensitive words)'],
  'power.item.create': ['{actor} 新增了权责事项“{name}”（{code}）', '{actor} added the power “{name}” ({code})'],
  'power.item.update': ['{actor} 修改了权责事项“{name}”（{code}）', '{actor} changed the power “{name}” ({code})'],
  'power.item.delete': ['{actor} 删除了权责事项“{name}”（{code}）', '{actor} removed the power “{name}” ({code})'],
  'catalog.create': ['{actor} 新建了{year} 年度“{area}”领域标准目录（沿用上年事项 {copied} 项）', '{actor} started the {year} standard catalog of the area “{area}” ({copied} rows carried over)'],
  'catalog.import': ['{actor} 导入了{year} 年度标准目录（新增 {added}，修改 {updated}，删除 {removed}）', '{actor} imported the {year} standard catalog ({added} added, {updated} changed, {removed} removed)'],
  'catalog.submit': ['{actor} 将{year} 年度标准目录提交审核', '{actor} submitted the {year} standard catalog for review'],
  'catalog.publish': ['{actor} 发布了{year} 年度标准目录', '{actor} published the {year} standard catalog'],
  'catalog.return': ['{actor} 将{year} 年度标准目录退回修改', '{actor} returned the {year} standard catalog for changes'],
  'catalog.row.create': ['{actor} 新增了标准目录事项“{item}”', '{actor} added the catalog row “{item}”'],
  'catalog.row.update': ['{actor} 修改了标准目录事项“{item}”', '{actor} changed the catalog row “{item}”'],
  'catalog.row.delete': ['{actor} 删除了标准目录事项“{item}”', '{actor} removed the catalog row “{item}”'],
  'catalog.row.trigger': ['{actor} 将标准目录事项“{item}”的起算日期设为 {trigger}', '{actor} set the start date of the catalog row “{item}” to {trigger}'],
  'catalog.link.add': ['{actor} 为标准目录事项“{item}”关联了“{target}”', '{actor} linked the catalog row “{item}” to “{target}”'],
  'catalog.link.remove': ['{actor} 取消了标准目录事项“{item}”的一项关联', '{actor} removed a link of the catalog row “{item}”'],
  'agency.publish': ['{actor} 发布了{subject}的机构信息第 {version} 版', '{actor} published version {version} of the agency information of {subject}'],
  'workplan.plan.import': ['{actor} 导入了{year} 年度工作要点“{title}”（{tasks} 项任务，{unresolved} 项有未匹配单位）', '{actor} imported the {year} work plan “{title}” ({tasks} tasks, {unresolved} with unresolved units)'],
  'workplan.report.create': ['{actor} 报送了工作要点第 {task} 项任务的进展（{status}，佐证 {evidence} 条）', '{actor} reported progress on task {task} of a work plan ({status}, {evidence} evidence links)'],
};

const CONSULTATION: Table = {
  'consultation.decision.save': ['{actor} 保存了重大行政决策事项“{title}”（{year} 年度目录）', '{actor} saved the major decision “{title}” ({year} catalogue)'],
  'consultation.decision.status': ['{actor} 将重大行政决策事项“{title}”的状态由 {from} 改为 {to}', '{actor} moved the major decision “{title}” from {from} to {to}'],
  'consultation.save': ['{actor} 保存了征求意见{subject}（{opens_on} 至 {closes_on}）', '{actor} saved the consultation {subject} ({opens_on} to {closes_on})'],
  'consultation.publish': ['{actor} 发布了征求意见{subject}（{opens_on} 至 {closes_on}）', '{actor} published the consultation {subject} ({opens_on} to {closes_on})'],
  'consultation.comment': ['{actor} 对{subject}提交了第 {comment} 号意见', '{actor} sent comment {comment} on {subject}'],
  'consultation.comment.recover': ['{actor} 恢复了因存储故障暂存的意见（暂存 {kept} 号），登记为{subject}的第 {comment} 号意见', '{actor} recovered kept comment {kept} as comment {comment} on {subject}'],
  'consultation.comment.discard': ['{actor} 舍弃了因存储故障暂存的意见（暂存 {kept} 号，{subject}），理由：{reason}', '{actor} discarded kept comment {kept} ({subject}), reason: {reason}'],
  'consultation.comment.moderate': ['{actor} 审核了{subject}的第 {comment} 号意见：{result}', '{actor} moderated comment {comment} on {subject}: {result}'],
  'consultation.feedback.publish': ['{actor} 公布了{subject}的意见采纳情况（收到 {received} 条，采纳 {adopted} 条）', '{actor} published the feedback on {subject} ({received} received, {adopted} adopted)'],
  'consultation.hearing.save': ['{actor} 安排了{subject}的听证会（{held_on}，{place}）', '{actor} scheduled a hearing on {subject} ({held_on}, {place})'],
  'consultation.hearing.signup': ['{actor} 报名参加{subject}的听证会', '{actor} signed up for the hearing on {subject}'],
  'consultation.hearing.select': ['{actor} 确定了{subject}听证会的参加人（报名 {signup}）', '{actor} chose a participant for the hearing on {subject} (sign-up {signup})'],
  'consultation.hearing.record': ['{actor} 公布了{subject}听证会（{held_on}）的记录', '{actor} published the record of the hearing on {subject} ({held_on})'],
  'consultation.contact.view': ['{actor} 查看了{subject}第 {comment} 号意见的联系方式', '{actor} viewed the contact of comment {comment} on {subject}'],
};

const ACCOUNT: Table = {
  'user.create': ['{actor} 新建了用户{subject}', '{actor} created the user {subject}'],
  'user.update': ['{actor} 修改了用户{subject}', '{actor} changed the user {subject}'],
  'user.password': ['{actor} 修改了用户{subject}的密码', '{actor} changed the password of {subject}'],
  'user.grants.change': ['{actor} 调整了用户{subject}的角色权限', '{actor} changed the roles of {subject}'],
  'user.unlock': ['{actor} 解除了用户{subject}的登录限制', '{actor} unlocked the user {subject}'],
};

const SIGNIN: Table = {
  'user.login': ['{actor} 登录了系统', '{actor} signed in'],
  'user.login.failed': ['以用户名“{username}”登录失败：{reason}', 'Failed sign-in as “{username}”: {reason}'],
  'user.lockout': ['用户{subject}因多次输错密码被锁定', 'The user {subject} was locked after repeated wrong passwords'],
};

const OTHER: Record<Exclude<KindKey, 'document' | 'consultation' | 'request' | 'report' | 'unit' | 'account' | 'signin' | 'other'>, Table> = {
  token: {
    'apitoken.create': ['{actor} 创建了接口令牌{subject}', '{actor} created the API token {subject}'],
    'apitoken.revoke': ['{actor} 吊销了接口令牌{subject}', '{actor} revoked the API token {subject}'],
  },
  calendar: {
    'calendar.override.add': ['{actor} 添加了工作日历调整{subject}', '{actor} added the calendar correction {subject}'],
    'calendar.override.remove': ['{actor} 删除了工作日历调整{subject}', '{actor} removed the calendar correction {subject}'],
    'calendar.year.complete': ['{actor} 确认{subject}的节假日安排已完整载入', '{actor} confirmed the holiday arrangement of {subject} as complete'],
    'calendar.year.reopen': ['{actor} 撤销了{subject}节假日安排的完整确认', '{actor} withdrew the confirmation of {subject} as complete'],
    'calendar.notice.import': ['{actor} 导入了{subject}的节假日安排通知', '{actor} imported the holiday notice for {subject}'],
  },
  settings: {
    'settings.update': ['{actor} 修改了系统设置{subject}', '{actor} changed the setting {subject}'],
    'settings.portal.update': ['{actor} 修改了门户网站页脚设置（{fields}）', '{actor} changed the portal footer settings ({fields})'],
  },
  message: {
    'message.submit': ['{actor} 向{subject}提交了留言 {tracking_no}', '{actor} sent the message {tracking_no} to {subject}'],
    'message.recover': ['{actor} 恢复了因存储故障暂存的留言（暂存 {kept} 号），登记为留言 {tracking_no}', '{actor} recovered kept message {kept} as the message {tracking_no}'],
    'message.discard': ['{actor} 舍弃了因存储故障暂存的留言（暂存 {kept} 号），理由：{reason}', '{actor} discarded kept message {kept}, reason: {reason}'],
    'message.assign': ['{actor} 将留言 {tracking_no} 交由{assignee}办理', '{actor} assigned the message {tracking_no} to {assignee}'],
    'message.transfer': ['{actor} 将留言 {tracking_no} 转交{to}', '{actor} transferred the message {tracking_no} to {to}'],
    'message.answer': ['{actor} 答复了留言 {tracking_no}', '{actor} answered the message {tracking_no}'],
    'message.publish': ['{actor} 公开了留言 {tracking_no} 及其答复', '{actor} published the message {tracking_no} and its answer'],
    'message.reject': ['{actor} 对留言 {tracking_no} 不予处理：{reason}', '{actor} set aside the message {tracking_no}: {reason}'],
    'message.faq': ['{actor} 将留言 {tracking_no} 归入常见问题 {faq}', '{actor} merged the message {tracking_no} into FAQ entry {faq}'],
    'message.attachment.view': ['{actor} 查看了留言 {tracking_no} 的附件', '{actor} opened an attachment of the message {tracking_no}'],
    'message.contact.view': ['{actor} 查看了留言 {tracking_no} 的联系方式', '{actor} viewed the contact of the message {tracking_no}'],
    'message.settings': ['{actor} 将{subject}的留言答复期限设为 {workdays} 个工作日', '{actor} set the answer period of {subject} to {workdays} working days'],
  },
  interview: {
    'interview.save': ['{actor} 保存了{subject}（{starts_at}）', '{actor} saved {subject} ({starts_at})'],
    'interview.status': ['{actor} 将{subject}的状态由 {from} 改为 {to}', '{actor} moved {subject} from {from} to {to}'],
    'interview.entry.add': ['{actor} 在{subject}的文字实录中添加了{speaker}的发言（第 {entry} 条）', '{actor} added a transcript entry by {speaker} to {subject} (entry {entry})'],
    'interview.entry.delete': ['{actor} 删除了{subject}文字实录中{speaker}的发言（第 {entry} 条）', '{actor} deleted the transcript entry {entry} by {speaker} from {subject}'],
    'interview.photo.add': ['{actor} 为{subject}上传了图片“{caption}”', '{actor} uploaded the photo “{caption}” to {subject}'],
    'interview.question': ['{actor} 向{subject}提交了第 {question} 号问题', '{actor} sent question {question} to {subject}'],
    'interview.question.recover': ['{actor} 恢复了因存储故障暂存的网友问题（暂存 {kept} 号），登记为{subject}的第 {question} 号问题', '{actor} recovered kept question {kept} as question {question} of {subject}'],
    'interview.question.discard': ['{actor} 舍弃了因存储故障暂存的网友问题（暂存 {kept} 号，{subject}），理由：{reason}', '{actor} discarded kept question {kept} ({subject}), reason: {reason}'],
    'interview.question.moderate': ['{actor} 审核了{subject}的第 {question} 号网友问题：{result}', '{actor} moderated question {question} of {subject}: {result}'],
    'interview.contact.view': ['{actor} 查看了{subject}第 {question} 号问题的联系方式', '{actor} viewed the contact of question {question} of {subject}'],
  },
  audit: {
    'audit.export': ['{actor} 导出了审计日志', '{actor} exported the audit log'],
  },
};

/** Training records (training module) and the assessment's weights (assessment module). */
const TRAINING: Table = {
  'training.create': ['{actor} 登记了培训“{topic}”（{held_on}，{hours} 学时）', '{actor} recorded the training “{topic}” ({held_on}, {hours} hours)'],
  'training.update': ['{actor} 修改了培训“{topic}”（{held_on}，{hours} 学时）', '{actor} changed the training “{topic}” ({held_on}, {hours} hours)'],
  'training.delete': ['{actor} 删除了培训“{topic}”（{held_on}）及其 {attendees} 条参训记录', '{actor} deleted the training “{topic}” ({held_on}) and its {attendees} attendance records'],
  'training.attendance.add': ['{actor} 为培训“{topic}”登记了{unit}的 {count} 名参训人员', '{actor} registered {count} attendees of {unit} for the training “{topic}”'],
  'training.attendance.remove': ['{actor} 从培训“{topic}”中移除了参训人员 {name}', '{actor} removed the attendee {name} from the training “{topic}”'],
};
/** The per-unit media library (library module): names from the summary, so deleted items still read. */
const LIBRARY: Table = {
  'library.upload': ['{actor} 向媒体库上传了“{name}”（{filename}）', '{actor} uploaded “{name}” ({filename}) to the media library'],
  'library.update': ['{actor} 修改了媒体库文件“{name}”的名称或替代文本', '{actor} changed the name or text alternative of the library item “{name}”'],
  'library.delete': ['{actor} 从媒体库删除了“{name}”（{filename}）', '{actor} deleted “{name}” ({filename}) from the media library'],
};
const ASSESSMENT: Table = {
  'assessment.weights.update': ['{actor} 修改了 {year} 年度政务公开考核指标权重', '{actor} changed the assessment weights for {year}'],
};

function entries(kind: KindKey, t: Table): [string, ActionEntry][] {
  return Object.entries(t).map(([code, [zh, en]]) => [code, { kind, zh, en }]);
}

export const ACTIONS: Readonly<Record<string, ActionEntry>> = Object.fromEntries([
  ...entries('document', DOCUMENT),
  ...entries('consultation', CONSULTATION),
  ...entries('request', REQUEST),
  ...entries('report', REPORT),
  ...entries('unit', UNIT),
  ...entries('account', ACCOUNT),
  ...entries('signin', SIGNIN),
  ...Object.entries(OTHER).flatMap(([k, t]) => entries(k as KindKey, t)),
  ...entries('other', TRAINING),
  ...entries('document', LIBRARY),
  ...entries('settings', ASSESSMENT),
]);

const PREFIX_KIND: [string, KindKey][] = [
  ['document.', 'document'], ['consultation.', 'consultation'], ['request.', 'request'], ['report.', 'report'], ['unit.', 'unit'], ['power.', 'unit'], ['health.', 'unit'], ['catalog.', 'unit'], ['user.', 'account'],
  ['apitoken.', 'token'], ['message.', 'message'], ['interview.', 'interview'], ['calendar.', 'calendar'], ['settings.', 'settings'], ['audit.', 'audit'],
];

/** The kind of a code: its catalogue entry, else by its prefix (a code added later still filters sensibly). */
export function kindOf(code: string): KindKey {
  return ACTIONS[code]?.kind ?? PREFIX_KIND.find(([p]) => code.startsWith(p))?.[1] ?? 'other';
}

export function codesOfKind(kind: KindKey): string[] {
  return Object.keys(ACTIONS).filter((c) => ACTIONS[c].kind === kind);
}

/** Subject types as an auditor names them. */
export const SUBJECT_TYPES: Readonly<Record<string, Msg>> = {
  document: { zh: '文件', en: 'document' },
  request_case: { zh: '依申请公开案件', en: 'request case' },
  request_letter: { zh: '依申请公开文书', en: 'request letter' },
  request_inbox: { zh: '网上申请待登记记录', en: 'online submission' },
  user: { zh: '用户', en: 'user' },
  unit: { zh: '单位', en: 'unit' },
  media_account: { zh: '政务新媒体账号', en: 'new-media account' },
  decision: { zh: '重大行政决策事项', en: 'major decision' },
  consultation: { zh: '征求意见', en: 'consultation' },
  service_guide: { zh: '办事指南', en: 'service guide' },
  service_bundle: { zh: '"一件事"', en: 'life-event bundle' },
  annual_report: { zh: '年度报告', en: 'annual report' },
  api_token: { zh: '接口令牌', en: 'API token' },
  doc_column: { zh: '栏目', en: 'column' },
  doc_topic: { zh: '专题', en: 'topic' },
  calendar_override: { zh: '工作日历调整', en: 'calendar correction' },
  calendar_year: { zh: '年度节假日安排', en: 'year of the holiday calendar' },
  setting: { zh: '系统设置', en: 'setting' },
  power_list: { zh: '权责清单', en: 'list of powers' },
  power_item: { zh: '权责事项', en: 'power' },
  health_run: { zh: '网站健康检查', en: 'site health check' },
  health_order: { zh: '整改工单', en: 'work order' },
  catalog: { zh: '基层政务公开标准目录', en: 'standard disclosure catalog' },
  catalog_row: { zh: '标准目录事项', en: 'catalog row' },
  pii_key: { zh: '个人信息加密密钥', en: 'personal-data key' },
  audit_log: { zh: '审计日志', en: 'audit log' },
  interview: { zh: '访谈或发布会', en: 'interview or press conference' },
  library_item: { zh: '媒体库文件', en: 'library item' },
};

/** Accounts that are not a person: who they are in a sentence. */
export const SYSTEM_ACTORS: Readonly<Record<string, Msg>> = {
  system: { zh: '系统', en: 'The system' },
  scheduler: { zh: '定时任务', en: 'The scheduler' },
  public: { zh: '申请人', en: 'An applicant' },
  citizen: { zh: '公众', en: 'A member of the public' },
  anonymous: { zh: '未登录的访问者', en: 'A visitor' },
  seed: { zh: '演示数据', en: 'The demo seeder' },
};

/** Reasons written by other modules in summaries (sign-in failures, refused uploads), in words. */
export const REASONS: Readonly<Record<string, Msg>> = {
  unknown_user: { zh: '用户名不存在', en: 'no such user' },
  wrong_password: { zh: '密码错误', en: 'wrong password' },
  disabled: { zh: '账号已停用', en: 'account disabled' },
  throttled: { zh: '尝试过于频繁，暂被限制', en: 'too many attempts' },
  locked: { zh: '账号已锁定', en: 'account locked' },
  empty: { zh: '文件为空', en: 'empty file' },
  too_large: { zh: '文件过大', en: 'file too large' },
  no_extension: { zh: '文件名没有扩展名', en: 'no file extension' },
  extension_not_allowed: { zh: '不允许的文件类型', en: 'file type not allowed' },
  unrecognised_content: { zh: '无法识别的文件内容', en: 'unrecognised content' },
  content_not_allowed: { zh: '文件内容类型不允许', en: 'content type not allowed' },
  extension_mismatch: { zh: '扩展名与内容不符', en: 'extension does not match the content' },
  office_ambiguous: { zh: '无法确定的办公文档格式', en: 'ambiguous office format' },
  office_macro: { zh: '含有宏的办公文档', en: 'office document with macros' },
  zip_bomb: { zh: '解压后体积异常巨大（疑似压缩炸弹）', en: 'unpacks to an abnormal size (a possible zip bomb)' },
  personal_data_unacknowledged: { zh: '含个人信息且未确认', en: 'personal data not acknowledged' },
  invalid_state: { zh: '文件当前状态不允许修改', en: 'the document cannot be changed in its state' },
};
