/**
 * Letters of a case as records: drafted from the domain templates (domain/letters.ts), edited by staff
 * while a draft, then issued with their own number — `市司法局公复〔2024〕3号` — from a per-unit,
 * per-year, per-prefix counter allocated inside the issuing transaction. An issued letter keeps its
 * DocModel and its rendered DOCX and PDF bytes and never changes (a database trigger refuses edits);
 * only its delivery (送达: way and date) is added later.
 *
 * At rest the recipient, the DocModel, the DOCX/PDF bytes and the delivery note are ciphertext under
 * the PII key (store/letters-pii.ts): this store encrypts what it writes, the repository's
 * `lettersOf`/`letterById` and `letterFile` decrypt what they read.
 *
 * Prefixes: the unit registry's `letter_prefix` (e.g. 市司法局公复) names the reply sequence; the other
 * sequences swap the 公复 ending for their own (公收 receipt, 公补 correction, 公延 extension, 公征
 * consultation, 公费 fee notice), so each letter kind counts separately.
 */
import { sql } from 'kysely';
import { inTransaction, type DbOrTx, type Tx } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { AppError, conflict, notFound } from '../../../core/http/errors.ts';
import { renderDocx, renderPdf, type Block, type DocModel } from '../../../core/docs/index.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { unitById } from '../../units/repository.ts';
import type { Unit } from '../../units/repository.ts';
import { buildLetter, isIsoDate, LETTER_KINDS, LetterError, maskPhone, NOTICES_BEFORE_ANSWER, numberPrefix, type LetterBase, type LetterData, type LetterKind, type OrganInfo } from '../domain/index.ts';
import { scrub } from '../domain/letter-parts.ts';
import { caseById, letterById, type CaseWithUnit, type LetterRow } from './repository.ts';
import { piiKeys } from '../../../core/pii/crypto.ts';
import { decryptLetterFile, encryptLetterFile, encryptModel, encryptRecipient, FILE_COLUMN } from './letters-pii.ts';
import { issueAction } from '../policy.ts';

const LETTER = { zh: '文书', en: 'letter' };

/** The abbreviation of the unit that letter numbers start with. */
export function unitAbbreviation(unit: Pick<Unit, 'letter_prefix' | 'short_name'>): string {
  const p = (unit.letter_prefix ?? '').trim();
  if (p) return p.replace(/公复$/, '');
  return unit.short_name.replace(/人民政府|政府|办公室/g, '') || unit.short_name;
}

export function letterPrefix(unit: Pick<Unit, 'letter_prefix' | 'short_name'>, kind: LetterKind): string {
  return numberPrefix(unitAbbreviation(unit), kind);
}

export function organOf(unit: Unit): OrganInfo {
  const contact = [unit.disclosure_body ? `办理机构：${unit.disclosure_body}` : '', unit.phone ? `联系电话：${unit.phone}` : '', unit.address ? `地址：${unit.address}` : '']
    .filter(Boolean)
    .join('；');
  const remedies = unit.reconsideration_organ?.trim() && unit.court?.trim() ? { reconsiderationOrgan: unit.reconsideration_organ.trim(), court: unit.court.trim() } : undefined;
  return { name: unit.name, ...(contact ? { contact: `${contact}。` } : {}), ...(remedies ? { remedies } : {}) };
}

/** “所申请的信息” as a letter names it: the title and number the applicant gave, else the start of the description. */
export function requestSummary(c: Pick<CaseWithUnit, 'info_title' | 'info_number' | 'description'>): string {
  const parts = [c.info_title, c.info_number].filter(Boolean) as string[];
  if (parts.length) return parts.join('，');
  const d = c.description.replace(/\s+/g, ' ').trim();
  return d.length > 80 ? `${d.slice(0, 80)}……` : d;
}

export function letterBase(c: CaseWithUnit, unit: Unit, kind: LetterKind, date: string): LetterBase {
  return {
    organ: organOf(unit),
    number: `${letterPrefix(unit, kind)}〔${date.slice(0, 4)}〕（待编号）`,
    date,
    applicant: { name: c.applicant_name, organization: c.category !== 'natural' },
    receivedOn: c.received_on ?? date,
    request: requestSummary(c),
    seal: '（印章）',
  };
}

function letterFailed(e: unknown): never {
  if (e instanceof LetterError) throw new AppError(422, e.code, { zh: e.zh, en: e.message });
  throw e;
}

/** Creates a draft letter for a case inside the caller's transaction; returns its id. */
export async function createDraft<K extends LetterKind>(
  tx: Tx,
  ctx: CommandContext,
  c: CaseWithUnit,
  kind: K,
  data: (base: LetterBase) => LetterData<K>,
  opts: { date: string; recipient?: string },
): Promise<number> {
  const unit = await unitById(tx, c.unit_id);
  if (!unit) throw notFound({ zh: '单位', en: 'unit' });
  let model: DocModel;
  try {
    model = buildLetter(kind, data(letterBase(c, unit, kind, opts.date)));
  } catch (e) {
    letterFailed(e);
  }
  const info = LETTER_KINDS[kind];
  const keys = piiKeys();
  const row = await tx
    .insertInto('request_letters')
    .values({
      case_id: c.id, unit_id: c.unit_id, kind, status: 'draft', title: info.title, recipient_enc: encryptRecipient(keys, opts.recipient ?? c.applicant_name),
      letter_date: opts.date, model_enc: encryptModel(keys, model), created_by: ctx.audit.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(tx, ctx.audit, { action: 'request.letter.draft', unitId: c.unit_id, subjectType: 'request_letter', subjectId: row.id, summary: { case: c.ref, kind } });
  return row.id;
}

/** Mobile numbers and identity numbers typed into a letter are masked: a reply is never a place for them. */
function scrubText(s: string): string {
  return scrub(s).replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => maskPhone(m));
}

/**
 * Replaces the text of a draft's paragraphs. `paragraphs[i]` is the new text of the i-th paragraph
 * block; an empty one removes it, blank lines inside one split it into several with the same style.
 */
export function editModel(model: DocModel, paragraphs: string[]): DocModel {
  let i = 0;
  const blocks: Block[] = [];
  for (const b of model.blocks) {
    if (b.type !== 'paragraph') {
      blocks.push(b);
      continue;
    }
    const text = paragraphs[i++];
    if (text === undefined) {
      blocks.push(b);
      continue;
    }
    for (const part of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean)) {
      blocks.push({ ...b, runs: scrubText(part) });
    }
  }
  return { ...model, blocks };
}

export async function updateDraft(db: DbOrTx, ctx: CommandContext, letterId: number, paragraphs: string[]): Promise<void> {
  await inTransaction(db, async (tx) => {
    const l = await letterById(tx, letterId);
    if (!l) throw notFound(LETTER);
    const c = (await caseById(tx, l.case_id))!;
    authorize(ctx, 'request.view', c.unit_path);
    authorize(ctx, issueAction(l.kind) === 'request.approve' ? 'request.approve' : 'request.handle', c.unit_path);
    if (l.status !== 'draft') throw conflict({ zh: '文书已签发，不能修改', en: 'The letter has been issued and cannot be changed' });
    if (paragraphs.some((p) => p.length > 5000)) throw new AppError(422, 'too_long', { zh: '每段最多 5000 字', en: 'At most 5000 characters a paragraph' });
    const model = editModel(l.model, paragraphs);
    await tx.updateTable('request_letters').set({ model_enc: encryptModel(piiKeys(), model) }).where('id', '=', letterId).execute();
    await recordAudit(tx, ctx.audit, { action: 'request.letter.edit', unitId: c.unit_id, subjectType: 'request_letter', subjectId: letterId, summary: { case: c.ref, kind: l.kind } });
  });
}

/** Allocates the next number of a sequence (per unit, year and prefix) inside the transaction. */
export async function nextNumber(tx: Tx, unitId: number, year: number, prefix: string): Promise<number> {
  const r = await sql<{ last_seq: number }>`
    insert into request_letter_counters (unit_id, year, prefix, last_seq) values (${unitId}, ${year}, ${prefix}, 1)
    on conflict (unit_id, year, prefix) do update set last_seq = request_letter_counters.last_seq + 1
    returning last_seq`.execute(tx);
  return Number(r.rows[0].last_seq);
}

function withNumberAndDate(model: DocModel, number: string, date: string): DocModel {
  return { ...model, number, blocks: model.blocks.map((b) => (b.type === 'signature' ? { ...b, date } : b)) };
}

/**
 * Issues a draft inside the caller's transaction: number, date, frozen model, and (unless `render` is
 * false, as in the demo seed) the DOCX and PDF bytes. Without them the files are rendered on first
 * download from the frozen model and kept.
 */
export async function issueInTx(tx: Tx, ctx: CommandContext, letterId: number, opts: { date: string; render?: boolean }): Promise<string> {
  const l = await letterById(tx, letterId);
  if (!l) throw notFound(LETTER);
  if (l.status !== 'draft') throw conflict({ zh: '该文书已签发', en: 'The letter has already been issued' });
  const unit = (await unitById(tx, l.unit_id))!;
  const year = Number(opts.date.slice(0, 4));
  const prefix = letterPrefix(unit, l.kind as LetterKind);
  const seq = await nextNumber(tx, l.unit_id, year, prefix);
  const number = `${prefix}〔${year}〕${seq}号`;
  const model = withNumberAndDate(l.model, number, opts.date);
  const [docx, pdf] = opts.render === false ? [null, null] : await Promise.all([renderDocx(model), renderPdf(model)]);
  const keys = piiKeys();
  await tx
    .updateTable('request_letters')
    .set({
      status: 'issued', number, number_prefix: prefix, number_year: year, number_seq: seq, letter_date: opts.date, model_enc: encryptModel(keys, model),
      docx_enc: docx && encryptLetterFile(keys, 'docx', docx), pdf_enc: pdf && encryptLetterFile(keys, 'pdf', pdf), issued_by: ctx.audit.name, issued_at: new Date(),
    })
    .where('id', '=', letterId)
    .execute();
  await recordAudit(tx, ctx.audit, { action: 'request.letter.issue', unitId: l.unit_id, subjectType: 'request_letter', subjectId: letterId, summary: { kind: l.kind, number } });
  return number;
}

export async function issueLetter(db: DbOrTx, ctx: CommandContext, letterId: number, opts: { date: string; render?: boolean; today?: string }): Promise<string> {
  return inTransaction(db, async (tx) => {
    const l = await letterById(tx, letterId);
    if (!l) throw notFound(LETTER);
    const c = (await caseById(tx, l.case_id))!;
    authorize(ctx, issueAction(l.kind), c.unit_path);
    // A reply is issued by signing it with its decision (commands.signReply), never on its own.
    if (l.kind.startsWith('reply.') && issueAction(l.kind) === 'request.approve') {
      throw conflict({ zh: '答复书须通过“审核签发”作出答复时一并签发', en: 'A reply is issued by signing the decision' });
    }
    if (!isIsoDate(opts.date) || opts.date > (opts.today ?? shanghaiDate())) throw new AppError(422, 'bad_date', { zh: '成文日期无效或晚于今天', en: 'The date is invalid or in the future' });
    return issueInTx(tx, ctx, letterId, opts);
  });
}

export const LETTER_FORMATS = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
export type LetterFormat = keyof typeof LETTER_FORMATS;

/** The bytes of an issued letter, decrypted; rendered once from the frozen model (and kept, encrypted) when not stored yet. */
export async function letterFile(db: DbOrTx, l: LetterRow, format: LetterFormat): Promise<{ bytes: Buffer; filename: string; mime: string }> {
  if (l.status !== 'issued') throw notFound(LETTER);
  const col = FILE_COLUMN[format];
  const row = await db.selectFrom('request_letters').select(col).where('id', '=', l.id).executeTakeFirstOrThrow();
  const stored = (row as Record<typeof col, Uint8Array | null>)[col];
  const keys = piiKeys();
  let bytes: Buffer;
  if (stored) {
    bytes = decryptLetterFile(keys, format, stored);
  } else {
    bytes = Buffer.from(format === 'docx' ? await renderDocx(l.model) : await renderPdf(l.model));
    // only fills an empty column (the trigger refuses any other change to an issued letter)
    await db.updateTable('request_letters').set({ [col]: encryptLetterFile(keys, format, bytes) }).where('id', '=', l.id).where(col, 'is', null).execute();
  }
  return { bytes, filename: `${l.number}-${l.title}.${format}`, mime: LETTER_FORMATS[format] };
}

/** Letters the applicant receives (a consultation letter goes to the third party, not to them). */
export const APPLICANT_LETTER = (kind: string) => kind !== 'consultation_letter' && kind !== 'delivery_record';

/**
 * Issues the case's draft notices that must go out before it is answered (domain NOTICES_BEFORE_ANSWER:
 * receipt, correction, extension, later answer), each on its own letter date — for the demo seed and
 * tests that walk a case to its reply. Returns how many were issued.
 */
export async function issueNoticesBeforeAnswer(db: DbOrTx, ctx: CommandContext, caseId: number, opts: { today?: string; render?: boolean } = {}): Promise<number> {
  const drafts = (await db.selectFrom('request_letters').select(['id', 'kind', 'letter_date']).where('case_id', '=', caseId).where('status', '=', 'draft').orderBy('id').execute())
    .filter((l) => (NOTICES_BEFORE_ANSWER as readonly string[]).includes(l.kind));
  for (const l of drafts) {
    const date = l.letter_date ?? opts.today ?? shanghaiDate();
    await issueLetter(db, ctx, l.id, { date, render: opts.render ?? false, today: opts.today && opts.today > date ? opts.today : date });
  }
  return drafts.length;
}
