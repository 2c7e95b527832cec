/**
 * Internal building blocks of the document commands (commands.ts) and the importer: turning an
 * input into validated row values and relations, the 索引号 allocation, version snapshots, the
 * personal-data count, timeliness and 有效性 events. Everything takes the transaction.
 */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../../core/db/index.ts';
import { invalid, conflict } from '../../../core/http/errors.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { calendarFor, countyOfUnitCode } from '../../../core/calendar/store.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import type { DocumentsTable } from './tables.ts';
import { validateDocumentMetadata, deriveValidity, isValidDate, type FieldError } from '../domain/validate.ts';
import { sanitizeRichText, htmlToText } from '../domain/sanitize.ts';
import { findPersonalData } from '../domain/pii.ts';
import { computeTimeliness } from '../domain/timeliness.ts';
import { formatIndexNumber, IndexNumberError } from '../domain/indexno.ts';
import { legalFormOf, type ValidityCode } from '../domain/taxonomy.ts';
import type { VersionSnapshot } from '../domain/diff.ts';
import { getDocument, indexPatternOf, type DocumentDetail, type UnitRef } from './repository.ts';

/** The writable fields of a document (camelCase, as domain/validate.ts and the import format). */
export interface DocumentInput {
  title?: string;
  summary?: string | null;
  /** 发文机关, lead body first: unit codes of the platform, or names of bodies outside it. Default: the owning unit. */
  issuingUnits?: string[];
  docNumber?: string | null;
  docType?: string | null;
  legalForm?: string | null;
  normativeRegNo?: string | null;
  writtenDate?: string | null;
  changedDate?: string | null;
  effectiveDate?: string | null;
  expiryDate?: string | null;
  /** 主题分类 code, e.g. '0201' (综合政务\政务公开). */
  topic?: string | null;
  validity?: string | null;
  /** document id or 索引号 */
  amendedBy?: string | number | null;
  repealedBy?: string | number | null;
  /** array, or one string separated by , ， ; ； 、 or spaces */
  keywords?: string[] | string | null;
  source?: string | null;
  disclosure?: string | null;
  disclosureReason?: string | null;
  withheldGround?: string | null;
  /** column slugs of the owning unit */
  columns?: string[];
  /** topic keys, e.g. 'six-stabilities-six-guarantees/policies' */
  topics?: string[];
  /** document id or 索引号 of the policy this 解读 interprets */
  interpretationOf?: string | number | null;
  interpretationKind?: string | null;
  /** rich text; sanitised before it is stored */
  bodyHtml?: string | null;
  externalId?: string | null;
}

export const FIELD_MSG = (e: FieldError[]): Record<string, Msg> => Object.fromEntries(e.map((x) => [x.field, x.message]));

/** Plain-text fields: tags removed (a title is never HTML), angle brackets dropped, whitespace kept tidy. */
export function plainText(s: string | null | undefined, multiline = false): string | null {
  if (s === null || s === undefined) return null;
  let t = htmlToText(String(s)).replace(/[<>]/g, '');
  t = multiline ? t.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n') : t.replace(/\s+/g, ' ');
  t = t.trim();
  return t === '' ? null : t;
}

export function parseKeywords(k: DocumentInput['keywords']): string[] {
  const list = Array.isArray(k) ? k : typeof k === 'string' ? k.split(/[,，;；、\s]+/) : [];
  const out: string[] = [];
  for (const x of list) {
    const t = plainText(typeof x === 'string' ? x : String(x ?? ''));
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

export interface Resolved {
  values: Omit<Insertable<DocumentsTable>, 'unit_id' | 'index_no' | 'index_year' | 'index_serial'>;
  issuers: { unit_id: number | null; name: string }[];
  columnIds: number[];
  topicIds: number[];
  warnings: FieldError[];
  /** what a version snapshot shows for the relations (snapshotOfResolved) */
  names: { columns: string[]; topics: string[]; amendedBy: string | null; repealedBy: string | null; interpretationOf: string | null };
}

async function resolveDocRef(tx: Tx, v: string | number | null | undefined): Promise<{ id: number; index_no: string } | null | 'missing'> {
  if (v === null || v === undefined || v === '') return null;
  const s = String(v).trim();
  const q = tx.selectFrom('documents').select(['id', 'index_no']);
  const r = /^\d{1,9}$/.test(s) ? await q.where('id', '=', Number(s)).executeTakeFirst() : await q.where('index_no', '=', s).executeTakeFirst();
  return r ?? 'missing';
}

const NOT_FOUND_DOC: Msg = { zh: '找不到该文件（请填写文件编号或索引号）', en: 'No such document (give its id or index number)' };

/**
 * Validates a complete input (domain/validate.ts) and resolves references (issuers, columns,
 * topics, linked documents). Throws 422 with every field error at once.
 */
export async function resolveInput(tx: Tx, unit: UnitRef, raw: DocumentInput, o: { mode: 'draft' | 'publish'; today: string; selfId?: number; publishDate?: string | null }): Promise<Resolved> {
  const errors: Record<string, Msg> = {};
  const title = plainText(raw.title) ?? '';
  const summary = plainText(raw.summary, true);
  const issuingUnits = (raw.issuingUnits?.length ? raw.issuingUnits : [unit.code]).map((x) => plainText(String(x)) ?? '').filter(Boolean);
  const keywords = parseKeywords(raw.keywords);
  const meta = {
    title, summary, issuingUnits, docNumber: raw.docNumber, docType: raw.docType, legalForm: raw.legalForm, normativeRegNo: plainText(raw.normativeRegNo),
    writtenDate: raw.writtenDate, publishDate: o.publishDate ?? null, effectiveDate: raw.effectiveDate, expiryDate: raw.expiryDate, topic: raw.topic,
    validity: raw.validity, amendedBy: raw.amendedBy == null ? null : String(raw.amendedBy), repealedBy: raw.repealedBy == null ? null : String(raw.repealedBy),
    keywords, source: plainText(raw.source), disclosure: raw.disclosure ?? 'proactive', disclosureReason: plainText(raw.disclosureReason, true),
    withheldGround: raw.withheldGround, interpretationOf: raw.interpretationOf == null ? null : String(raw.interpretationOf), interpretationKind: raw.interpretationKind,
  };
  const v = validateDocumentMetadata(meta, { mode: o.mode, today: o.today, selfId: o.selfId ? String(o.selfId) : undefined });
  if (!v.ok) Object.assign(errors, FIELD_MSG(v.errors));
  if (raw.changedDate && !isValidDate(raw.changedDate)) errors.changedDate = { zh: '变更日期格式应为YYYY-MM-DD', en: 'Use YYYY-MM-DD' };

  // issuers: a unit code of the platform, else a unit's full name, else an outside body by name
  const issuers: Resolved['issuers'] = [];
  if (issuingUnits.length) {
    const units = await tx.selectFrom('units').select(['id', 'code', 'name']).where((eb) => eb.or([eb('code', 'in', issuingUnits), eb('name', 'in', issuingUnits)])).execute();
    for (const x of issuingUnits) {
      const u = units.find((r) => r.code === x) ?? units.find((r) => r.name === x);
      issuers.push({ unit_id: u?.id ?? null, name: u?.name ?? x });
    }
  }

  const links: Record<'amendedBy' | 'repealedBy' | 'interpretationOf', { id: number; index_no: string } | null> = { amendedBy: null, repealedBy: null, interpretationOf: null };
  for (const k of ['amendedBy', 'repealedBy', 'interpretationOf'] as const) {
    const r = await resolveDocRef(tx, raw[k]);
    if (r === 'missing') errors[k] = NOT_FOUND_DOC;
    else if (r !== null && r.id === o.selfId) errors[k] = { zh: '不能指向本文件', en: 'Cannot point to this document' };
    else links[k] = r;
  }

  const columnSlugs = [...new Set((raw.columns ?? []).map(String))];
  // ordered as the repository reads them back, so snapshots compare equal
  const cols = columnSlugs.length ? await tx.selectFrom('doc_columns').select(['id', 'slug', 'name_zh']).where('unit_id', '=', unit.id).where('slug', 'in', columnSlugs).orderBy('sort').orderBy('id').execute() : [];
  const missingCols = columnSlugs.filter((s) => !cols.some((c) => c.slug === s));
  if (missingCols.length) errors.columns = { zh: `本单位没有这些栏目：${missingCols.join('、')}`, en: `No such columns in this unit: ${missingCols.join(', ')}` };
  const topicKeys = [...new Set((raw.topics ?? []).map(String))];
  const tops = topicKeys.length ? await tx.selectFrom('doc_topics').select(['id', 'key', 'name_zh']).where('key', 'in', topicKeys).orderBy('key').execute() : [];
  const missingTopics = topicKeys.filter((k) => !tops.some((t) => t.key === k));
  if (missingTopics.length) errors.topics = { zh: `没有这些专题：${missingTopics.join('、')}`, en: `No such topics: ${missingTopics.join(', ')}` };
  const externalId = raw.externalId == null || raw.externalId === '' ? null : String(raw.externalId).trim().slice(0, 200);

  if (Object.keys(errors).length || !v.ok) throw invalid(errors);
  const m = v.value;
  const bodyHtml = sanitizeRichText(raw.bodyHtml ?? '');
  return {
    values: {
      external_id: externalId,
      title: m.title,
      summary: m.summary,
      doc_number: m.docNumber,
      doc_type: m.docType,
      legal_form: m.legalForm,
      normative_reg_no: m.normativeRegNo,
      written_date: m.writtenDate,
      changed_date: raw.changedDate || null,
      effective_date: m.effectiveDate,
      expiry_date: m.expiryDate,
      topic_code: m.topic,
      validity: m.validity,
      amended_by_id: links.amendedBy?.id ?? null,
      repealed_by_id: links.repealedBy?.id ?? null,
      keywords: m.keywords,
      source: m.source,
      disclosure: m.disclosure,
      disclosure_reason: m.disclosureReason,
      withheld_ground: m.withheldGround,
      interprets_id: links.interpretationOf?.id ?? null,
      interpretation_kind: m.interpretationKind,
      body_html: bodyHtml,
      body_text: htmlToText(bodyHtml),
    },
    issuers,
    columnIds: cols.map((c) => c.id),
    topicIds: tops.map((t) => t.id),
    warnings: v.warnings,
    names: {
      columns: cols.map((c) => c.name_zh),
      topics: tops.map((t) => t.name_zh),
      amendedBy: links.amendedBy?.index_no ?? null,
      repealedBy: links.repealedBy?.index_no ?? null,
      interpretationOf: links.interpretationOf?.index_no ?? null,
    },
  };
}

/** Replaces the join rows (issuers, columns, topics). */
export async function writeRelations(tx: Tx, documentId: number, r: Resolved, fresh = false): Promise<void> {
  if (!fresh) {
    await tx.deleteFrom('document_issuers').where('document_id', '=', documentId).execute();
    await tx.deleteFrom('document_columns').where('document_id', '=', documentId).execute();
    await tx.deleteFrom('document_topics').where('document_id', '=', documentId).execute();
  }
  if (r.issuers.length) await tx.insertInto('document_issuers').values(r.issuers.map((i, position) => ({ document_id: documentId, position, ...i }))).execute();
  if (r.columnIds.length) await tx.insertInto('document_columns').values(r.columnIds.map((column_id) => ({ document_id: documentId, column_id }))).execute();
  if (r.topicIds.length) await tx.insertInto('document_topics').values(r.topicIds.map((topic_id) => ({ document_id: documentId, topic_id }))).execute();
}

/**
 * Next 索引号 of a unit for a year (条例 第十二条 索引; reference.md §4.2: unique per unit and year,
 * never reused). The counter row is updated in the caller's transaction, so it stays locked until
 * commit and concurrent creations get distinct serials; a number already taken (an import that
 * brought its own) is skipped.
 */
export async function allocateIndexNo(tx: Tx, unit: { id: number; code: string }, v: { year: number; month: number; topic?: string | null }): Promise<{ indexNo: string; year: number; serial: number }> {
  const pattern = await indexPatternOf(tx, unit.id);
  for (let tries = 0; tries < 1000; tries++) {
    const r = await sql<{ last_serial: number }>`
      insert into index_counters (unit_id, year, last_serial) values (${unit.id}, ${v.year}, 1)
      on conflict (unit_id, year) do update set last_serial = index_counters.last_serial + 1
      returning last_serial`.execute(tx);
    const serial = Number(r.rows[0].last_serial);
    let indexNo: string;
    try {
      indexNo = formatIndexNumber(pattern, { unitCode: unit.code, year: v.year, serial, month: v.month, topic: v.topic ?? undefined });
    } catch (e) {
      if (e instanceof IndexNumberError) throw conflict({ zh: `无法生成索引号：${e.detail.zh}`, en: `Cannot make the index number: ${e.detail.en}` });
      throw e;
    }
    const taken = await tx.selectFrom('documents').select('id').where('index_no', '=', indexNo).executeTakeFirst();
    if (!taken) return { indexNo, year: v.year, serial };
  }
  throw conflict({ zh: '索引号分配失败', en: 'Could not allocate an index number' });
}

/** diff.ts snapshot of a document as it is now. */
export function snapshotOf(d: DocumentDetail): VersionSnapshot {
  const ref = (r: { index_no: string } | null) => r?.index_no ?? null;
  return {
    metadata: {
      title: d.title, summary: d.summary, issuingUnits: d.issuers.map((i) => i.name), docNumber: d.doc_number, docType: d.doc_type,
      legalForm: d.legal_form, normativeRegNo: d.normative_reg_no, writtenDate: d.written_date, publishDate: d.publish_date,
      effectiveDate: d.effective_date, expiryDate: d.expiry_date, topic: d.topic_code, validity: d.validity,
      amendedBy: ref(d.amendedBy), repealedBy: ref(d.repealedBy), keywords: d.keywords, source: d.source, disclosure: d.disclosure,
      disclosureReason: d.disclosure_reason, column: d.columns.map((c) => c.name_zh), topics: d.topics.map((t) => t.name_zh),
      interpretationOf: ref(d.interprets), interpretationKind: d.interpretation_kind,
    },
    bodyHtml: d.body_html,
    attachments: d.attachments.map((a) => ({ name: a.filename, sha256: a.sha256 })),
  };
}

/** The same snapshot as snapshotOf(getDocument(…)) for a document just written from `r` — without reading it back. */
export function snapshotOfResolved(r: Resolved, publishDate: string | null, attachments: { filename: string; sha256: string }[]): VersionSnapshot {
  const v = r.values;
  return {
    metadata: {
      title: v.title, summary: v.summary ?? null, issuingUnits: r.issuers.map((i) => i.name), docNumber: v.doc_number ?? null, docType: v.doc_type ?? null,
      legalForm: v.legal_form ?? 'none', normativeRegNo: v.normative_reg_no ?? null, writtenDate: v.written_date ?? null, publishDate,
      effectiveDate: v.effective_date ?? null, expiryDate: v.expiry_date ?? null, topic: v.topic_code ?? null, validity: v.validity ?? null,
      amendedBy: r.names.amendedBy, repealedBy: r.names.repealedBy, keywords: v.keywords ?? [], source: v.source ?? null, disclosure: v.disclosure ?? 'proactive',
      disclosureReason: v.disclosure_reason ?? null, column: r.names.columns, topics: r.names.topics,
      interpretationOf: r.names.interpretationOf, interpretationKind: v.interpretation_kind ?? null,
    },
    bodyHtml: v.body_html ?? '',
    attachments: attachments.map((a) => ({ name: a.filename, sha256: a.sha256 })),
  };
}

export async function recordVersion(tx: Tx, ctx: CommandContext, documentId: number, version: number, note: string | null, current?: DocumentDetail | VersionSnapshot): Promise<void> {
  const c = current ?? (await getDocument(tx, documentId))!;
  const snapshot = 'metadata' in c ? c : snapshotOf(c);
  await tx.insertInto('document_versions')
    .values({ document_id: documentId, version, snapshot: JSON.stringify(snapshot), change_note: note, created_by: ctx.audit.id, created_by_name: ctx.audit.name })
    .onConflict((oc) => oc.columns(['document_id', 'version']).doNothing())
    .execute();
}

/** ID and mobile numbers in the title, summary, body and attachments' text (条例 第十五条; domain/pii.ts). */
export async function personalDataCount(tx: Tx, documentId: number): Promise<number> {
  const d = await tx.selectFrom('documents').select(['title', 'summary', 'body_text']).where('id', '=', documentId).executeTakeFirstOrThrow();
  const atts = await tx.selectFrom('document_attachments').select('text_content').where('document_id', '=', documentId).execute();
  const texts = [d.title, d.summary ?? '', d.body_text, ...atts.map((a) => a.text_content ?? '')];
  return texts.reduce((n, t) => n + findPersonalData(t).length, 0);
}

export interface TimelinessFields {
  timeliness_workdays: number | null;
  timeliness_art26_overdue: boolean | null;
  timeliness_policy_overdue: boolean | null;
  interpretation_lag_workdays: number | null;
}

/** 条例 第二十六条 / 2020 要点 第6、7点 timeliness of a publication, from the document's values. */
export async function timelinessFor(
  tx: Tx,
  d: { written_date?: string | null; changed_date?: string | null; publish_date?: string | null; legal_form?: string | null; interprets_id?: number | null },
  unitCode: string,
  today: string,
): Promise<TimelinessFields> {
  if (!d.written_date) return { timeliness_workdays: null, timeliness_art26_overdue: null, timeliness_policy_overdue: null, interpretation_lag_workdays: null };
  const policy = d.interprets_id ? await tx.selectFrom('documents').select('publish_date').where('id', '=', d.interprets_id).executeTakeFirst() : undefined;
  const cal = await calendarFor(tx, countyOfUnitCode(unitCode));
  const t = computeTimeliness(
    { writtenDate: d.written_date, changedDate: d.changed_date, publishDate: d.publish_date, isPolicy: legalFormOf(d.legal_form ?? 'none')?.isPolicy ?? false, isInterpretation: !!d.interprets_id, policyPublishDate: policy?.publish_date ?? null },
    cal, { today },
  );
  return { timeliness_workdays: t.workdays, timeliness_art26_overdue: t.art26Overdue, timeliness_policy_overdue: t.policyOverdue, interpretation_lag_workdays: t.interpretationLagWorkdays };
}

/** Stores the timeliness of a document's publication. */
export async function storeTimeliness(tx: Tx, documentId: number, today: string): Promise<void> {
  const d = await tx.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.written_date', 'd.changed_date', 'd.publish_date', 'd.legal_form', 'd.interprets_id', 'u.code'])
    .where('d.id', '=', documentId).executeTakeFirstOrThrow();
  await tx.updateTable('documents').set(await timelinessFor(tx, d, d.code, today)).where('id', '=', documentId).execute();
}

/** The day a validity starts, from the document's dates and links (reference.md §4.5). */
async function validityDate(tx: Tx, d: { publish_date: string | null; effective_date: string | null; expiry_date: string | null; amended_by_id: number | null; repealed_by_id: number | null }, validity: string, today: string): Promise<{ date: string; related: number | null }> {
  const linked = async (id: number | null) => (id ? ((await tx.selectFrom('documents').select(['publish_date', 'effective_date']).where('id', '=', id).executeTakeFirst()) ?? null) : null);
  switch (validity) {
    case 'effective':
      return { date: d.effective_date ?? d.publish_date ?? today, related: null };
    case 'expired':
      return { date: d.expiry_date ?? today, related: null };
    case 'repealed': {
      const l = await linked(d.repealed_by_id);
      return { date: l?.effective_date ?? l?.publish_date ?? today, related: d.repealed_by_id };
    }
    case 'amended': {
      const l = await linked(d.amended_by_id);
      return { date: l?.effective_date ?? l?.publish_date ?? today, related: d.amended_by_id };
    }
    default:
      return { date: d.publish_date ?? today, related: null };
  }
}

/**
 * Keeps documents.validity and the validity_events history in step for a published document:
 * derives the value from the dates (deriveValidity) when none is set for a policy document, and
 * records an event when the value differs from the last recorded one.
 */
type ValidityRow = { validity: string | null; legal_form: string; publish_date: string | null; effective_date: string | null; expiry_date: string | null; amended_by_id: number | null; repealed_by_id: number | null; published_at: Date | null };

export async function syncValidity(tx: Tx, documentId: number, today: string, note: string | null = null, known?: { row: ValidityRow; fresh: boolean }): Promise<void> {
  const d = known?.row ?? await tx.selectFrom('documents').select(['validity', 'legal_form', 'publish_date', 'effective_date', 'expiry_date', 'amended_by_id', 'repealed_by_id', 'published_at'])
    .where('id', '=', documentId).executeTakeFirstOrThrow();
  if (!d.published_at) return;
  const isPolicy = legalFormOf(d.legal_form)?.isPolicy ?? false;
  const base = (d.validity as ValidityCode | null) ?? (isPolicy ? 'effective' : null);
  const derived = deriveValidity(base, d.effective_date, d.expiry_date, d.publish_date && d.publish_date > today ? d.publish_date : today);
  if (derived !== d.validity) await tx.updateTable('documents').set({ validity: derived }).where('id', '=', documentId).execute();
  if (!derived) return;
  const last = known?.fresh ? undefined : await tx.selectFrom('validity_events').select('validity').where('document_id', '=', documentId).orderBy('date', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (last?.validity === derived) return;
  if (!last && derived !== 'not_yet_effective' && d.publish_date && derived !== 'effective') {
    // first record of a document published already amended/repealed/expired: it was in force before
    await tx.insertInto('validity_events').values({ document_id: documentId, date: d.effective_date ?? d.publish_date, validity: 'effective', related_document_id: null, note: null }).execute();
  }
  const { date, related } = await validityDate(tx, d, derived, today);
  await tx.insertInto('validity_events').values({ document_id: documentId, date, validity: derived, related_document_id: related, note }).execute();
}

export function shanghaiYearMonth(date: string): { year: number; month: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}
