/**
 * Staff use-cases of 在线访谈 / 新闻发布会. A unit's editors prepare the event (guests or 发布人, topic,
 * 发布词, related policies, videos), enter the transcript and photos, and moderate questions; its
 * reviewers and admins announce it (预告), open it (进行中), end it (transcript published) or cancel it.
 * Each write checks the policy on the event's unit and is audited in the same transaction.
 */
import { inTransaction, type Db, type Tx } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { defineRules } from '../../../core/auth/policy.ts';
import { AppError, conflict, invalid, notFound } from '../../../core/http/errors.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { sanitizeRichText } from '../../documents/domain/sanitize.ts';
import { photoError, photoType } from '../../agency/domain/rules.ts';
import { unitById } from '../../units/repository.ts';
import { STATUSES, transitionProblem, validateEntry, validateEvent, validateModeration, type Status } from '../domain/rules.ts';
import { okId } from '../store/queries.ts';

defineRules({
  'interview.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'supervisor'],
  'interview.edit': ['system_admin', 'unit_admin', 'editor'],
  'interview.moderate': ['system_admin', 'unit_admin', 'editor', 'reviewer'],
  'interview.publish': ['system_admin', 'unit_admin', 'reviewer'],
});

const EVENT: Msg = { zh: '访谈或发布会', en: 'event' };

async function unitFor(tx: Tx, ctx: CommandContext, unitId: number, action: string) {
  const unit = okId(unitId) ? await unitById(tx, unitId) : undefined;
  if (!unit) throw notFound({ zh: '单位', en: 'unit' });
  authorize(ctx, action, unit.path);
  return unit;
}

async function lockEvent(tx: Tx, ctx: CommandContext, id: number, action: string) {
  const e = okId(id) ? await tx.selectFrom('interviews').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!e) throw notFound(EVENT);
  await unitFor(tx, ctx, e.unit_id, action);
  return e;
}

async function documentIds(tx: Tx, indexNos: string[]): Promise<{ ids: number[]; error: Msg | null }> {
  if (!indexNos.length) return { ids: [], error: null };
  const rows = await tx.selectFrom('documents').select(['id', 'index_no', 'status', 'disclosure']).where('index_no', 'in', indexNos).execute();
  const ok = new Map(rows.filter((r) => r.status === 'published' && r.disclosure === 'proactive').map((r) => [r.index_no, r.id]));
  const bad = indexNos.filter((n) => !ok.has(n));
  if (bad.length) return { ids: [], error: { zh: `以下索引号不是已主动公开的文件：${bad.join('、')}`, en: `Not published documents: ${bad.join(', ')}` } };
  return { ids: indexNos.map((n) => ok.get(n)!), error: null };
}

/** Creates (id null, as a draft) or edits an event; a cancelled one is closed to changes. */
export async function saveEvent(db: Db, ctx: CommandContext, o: { id: number | null; unitId: number }, raw: Record<string, unknown>): Promise<number> {
  const { value, errors } = validateEvent(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  const row = {
    kind: value.kind, title: value.title, topic: value.topic, starts_at: value.starts_at, place: value.place,
    intro_html: value.intro_html ? sanitizeRichText(value.intro_html) : '', statement_html: value.statement_html ? sanitizeRichText(value.statement_html) : '',
  };
  return inTransaction(db, async (tx) => {
    const docs = await documentIds(tx, value.related);
    if (docs.error) throw invalid({ related: docs.error });
    let id = o.id;
    let unitId: number;
    if (id === null) {
      unitId = (await unitFor(tx, ctx, o.unitId, 'interview.edit')).id;
      id = (await tx.insertInto('interviews').values({ unit_id: unitId, ...row }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const e = await lockEvent(tx, ctx, id, 'interview.edit');
      if (e.status === 'cancelled') throw conflict({ zh: '已取消的活动不能再修改', en: 'A cancelled event can no longer change' });
      unitId = e.unit_id;
      await tx.updateTable('interviews').set({ ...row, updated_at: new Date() }).where('id', '=', id).execute();
      for (const t of ['interview_people', 'interview_documents', 'interview_videos'] as const) await tx.deleteFrom(t).where('interview_id', '=', id).execute();
    }
    const eid = id;
    const people = [...value.guests.map((p) => ({ ...p, role: 'guest' })), ...value.officials.map((p) => ({ ...p, role: 'official' }))];
    if (people.length) await tx.insertInto('interview_people').values(people.map((p, i) => ({ interview_id: eid, role: p.role, name: p.name, title: p.title, unit_name: p.unit_name, position: i }))).execute();
    if (docs.ids.length) await tx.insertInto('interview_documents').values(docs.ids.map((d, i) => ({ interview_id: eid, document_id: d, position: i }))).execute();
    if (value.videos.length) await tx.insertInto('interview_videos').values(value.videos.map((v, i) => ({ interview_id: eid, title: v.title, url: v.url, position: i }))).execute();
    await recordAudit(tx, ctx.audit, { action: 'interview.save', unitId, subjectType: 'interview', subjectId: eid, summary: { title: value.title, kind: value.kind, starts_at: value.starts_at.toISOString() } });
    return eid;
  });
}

/** Moves an event along 草稿 → 预告 → 进行中 → 已结束 (or 已取消, with the reason published). */
export async function moveEvent(db: Db, ctx: CommandContext, id: number, raw: { to?: unknown; reason?: unknown }, now = new Date()): Promise<void> {
  const to = String(raw.to ?? '') as Status;
  if (!STATUSES.includes(to)) throw invalid({ to: { zh: '请选择要改为的状态', en: 'Choose the new status' } });
  const reason = String(raw.reason ?? '').trim();
  if (reason.length > 500) throw invalid({ reason: { zh: '理由不能超过 500 字', en: 'Reason: at most 500 characters' } });
  await inTransaction(db, async (tx) => {
    const e = await lockEvent(tx, ctx, id, 'interview.publish');
    const entries = Number((await tx.selectFrom('interview_entries').select((eb) => eb.fn.countAll().as('n')).where('interview_id', '=', id).executeTakeFirstOrThrow()).n);
    const problem = transitionProblem(e.status as Status, to, { entries, reason });
    if (problem) throw to === 'cancelled' && !reason && e.status !== 'ended' && e.status !== 'cancelled' && e.status !== 'draft' ? invalid({ reason: problem }) : new AppError(409, 'bad_transition', problem);
    await tx.updateTable('interviews').set({
      status: to, updated_at: now, cancel_reason: to === 'cancelled' ? reason : null,
      ...(to === 'scheduled' ? { announced_at: now } : {}), ...(to === 'ended' ? { ended_at: now } : {}),
    }).where('id', '=', id).execute();
    await recordAudit(tx, ctx.audit, { action: 'interview.status', unitId: e.unit_id, subjectType: 'interview', subjectId: id, summary: { title: e.title, from: e.status, to, reason: reason || undefined } });
  });
}

/** Appends an entry to the transcript (sanitized rich text); an answer may name the approved citizen question it answers. */
export async function addEntry(db: Db, ctx: CommandContext, id: number, raw: Record<string, unknown>): Promise<number> {
  const { value, errors } = validateEntry(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  const body = sanitizeRichText(value.body_html);
  if (!body.replace(/<[^>]*>/g, '').trim()) throw invalid({ entry_html: { zh: '内容不能为空', en: 'The text is empty' } });
  return inTransaction(db, async (tx) => {
    const e = await lockEvent(tx, ctx, id, 'interview.edit');
    if (e.status === 'cancelled') throw conflict({ zh: '已取消的活动没有实录', en: 'A cancelled event has no transcript' });
    if (value.question_id !== null) {
      const q = await tx.selectFrom('interview_questions').select(['id', 'status']).where('id', '=', value.question_id).where('interview_id', '=', id).executeTakeFirst();
      if (!q || q.status !== 'approved') throw invalid({ question_id: { zh: '该编号不是本场已采用的网友问题', en: 'Not an approved question of this event' } });
    }
    const last = await tx.selectFrom('interview_entries').select((eb) => eb.fn.max('position').as('p')).where('interview_id', '=', id).executeTakeFirst();
    const row = await tx.insertInto('interview_entries').values({ interview_id: id, position: Number(last?.p ?? 0) + 1, kind: value.kind, speaker: value.speaker, body_html: body, question_id: value.question_id })
      .returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.audit, { action: 'interview.entry.add', unitId: e.unit_id, subjectType: 'interview', subjectId: id, summary: { entry: row.id, speaker: value.speaker, question: value.question_id ?? undefined } });
    return row.id;
  });
}

export async function deleteEntry(db: Db, ctx: CommandContext, id: number, entryId: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const e = await lockEvent(tx, ctx, id, 'interview.edit');
    const gone = okId(entryId) ? await tx.deleteFrom('interview_entries').where('id', '=', entryId).where('interview_id', '=', id).returning('speaker').executeTakeFirst() : undefined;
    if (!gone) throw notFound({ zh: '实录条目', en: 'transcript entry' });
    await recordAudit(tx, ctx.audit, { action: 'interview.entry.delete', unitId: e.unit_id, subjectType: 'interview', subjectId: id, summary: { entry: entryId, speaker: gone.speaker } });
  });
}

/** A photo of the event: JPEG or PNG by its bytes, at most 1 MB (the agency module's rule), with a caption. */
export async function addPhoto(db: Db, ctx: CommandContext, id: number, caption: string, data: Uint8Array | null): Promise<number> {
  const errors: Record<string, Msg> = {};
  const cap = caption.trim();
  if (!cap) errors.caption = { zh: '请填写图片说明', en: 'A caption is required' };
  else if (cap.length > 200) errors.caption = { zh: '图片说明不能超过 200 字', en: 'Caption: at most 200 characters' };
  const err = data?.length ? photoError(data) : { zh: '请选择图片文件', en: 'Choose an image file' };
  if (err) errors.photo = { zh: err.zh.replace('照片', '图片'), en: err.en.replace('photo', 'image') };
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(db, async (tx) => {
    const e = await lockEvent(tx, ctx, id, 'interview.edit');
    const row = await tx.insertInto('interview_photos').values({ interview_id: id, caption: cap, mime: photoType(data!)!, data: data! }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.audit, { action: 'interview.photo.add', unitId: e.unit_id, subjectType: 'interview', subjectId: id, summary: { photo: row.id, caption: cap } });
    return row.id;
  });
}

/** Approve (shown on the event page) or reject with a reason (counted publicly by reason). */
export async function moderateQuestion(db: Db, ctx: CommandContext, questionId: number, raw: Record<string, unknown>): Promise<number> {
  const { value, errors } = validateModeration(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(db, async (tx) => {
    const q = okId(questionId) ? await tx.selectFrom('interview_questions').select(['id', 'interview_id', 'status']).where('id', '=', questionId).forUpdate().executeTakeFirst() : undefined;
    if (!q) throw notFound({ zh: '问题', en: 'question' });
    const e = await lockEvent(tx, ctx, q.interview_id, 'interview.moderate');
    if (q.status !== 'pending') throw conflict({ zh: '该问题已审核', en: 'This question was already moderated' });
    await tx.updateTable('interview_questions').set({ status: value.action === 'approve' ? 'approved' : 'rejected', reject_reason: value.reason, moderated_by: ctx.audit.name, moderated_at: new Date() }).where('id', '=', q.id).execute();
    await recordAudit(tx, ctx.audit, { action: 'interview.question.moderate', unitId: e.unit_id, subjectType: 'interview', subjectId: e.id, summary: { question: q.id, result: value.action, reason: value.reason ?? undefined } });
    return e.id;
  });
}
