/**
 * One import line made into a document (the importer's per-line work, docs/import-format.md): the
 * unit and permissions, references to other documents (a reference further down the file is a
 * `forwardRef` problem the importer retries at the end), the status fields, the attachments (base64,
 * a path confined to the import file's folder, or a stored file's SHA-256; type sniffed, text
 * extracted), then insert or update by 索引号 / `externalId`, with versions, deadlines and 有效性.
 * Runs inside the importer's batch transaction, under the line's savepoint (importer.ts).
 *
 *   importOne(tx, ctx, record, opts, units, finalPass) → {id, outcome, unitId, published}
 *   LineProblem, bad(zh, en, field?)                      → what is wrong with a line
 */
import { readFile, realpath } from 'node:fs/promises';
import { resolve, isAbsolute, sep } from 'node:path';
import { sql } from 'kysely';
import type { Tx } from '../../../core/db/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { sniffAttachment, ZIP_BOMB_MESSAGE } from '../domain/filetype.ts';
import { isValidDate } from '../domain/validate.ts';
import { validityOf } from '../domain/taxonomy.ts';
import { getDocument, type UnitRef } from './repository.ts';
import { cleanFilename, extractAttachmentText, lockStoredFile, readStoredFile, storeFile } from './attachments.ts';
import {
  allocateIndexNo, recordVersion, resolveInput, shanghaiYearMonth, snapshotOf, storeTimeliness, syncValidity, snapshotOfResolved, timelinessFor, writeRelations,
} from './write.ts';
import { refreshDeadlines } from './deadlines.ts';
import type { ImportOptions, ImportRecord } from './importer.ts';

/** A line that cannot be imported: the message (zh / en), the field, and whether it waits for a later line. */
export class LineProblem extends Error {
  constructor(message: string, public fields?: Record<string, string>, public forwardRef = false) {
    super(message);
  }
}

export const bad = (zh: string, en: string, field?: string) => new LineProblem(`${zh} / ${en}`, field ? { [field]: zh } : undefined);

async function refsMissing(tx: Tx, rec: ImportRecord): Promise<string[]> {
  const refs = [rec.interpretationOf, rec.amendedBy, rec.repealedBy, ...(rec.validityHistory ?? []).map((h) => h.related)]
    .filter((x): x is string | number => x !== null && x !== undefined && x !== '').map(String).filter((x) => !/^\d{1,9}$/.test(x));
  if (!refs.length) return [];
  const found = await tx.selectFrom('documents').select('index_no').where('index_no', 'in', refs).execute();
  return refs.filter((r) => !found.some((f) => f.index_no === r));
}

interface Prepared {
  filename: string;
  data: Buffer;
  sha256: string;
  kind: string;
  mime: string;
  size: number;
  text: string;
  textState: string | null;
}

/**
 * An attachment `path` names a file in the JSONL file's folder or below it, nothing else (security
 * audit 2026-12-04, F13): absolute paths, `..` and symbolic links that lead out of the folder are
 * refused, so an import file handed over by someone else cannot make the operator's CLI read
 * arbitrary files (keys, /etc) into a public attachment. Without a folder (lines not read from a
 * file) there is nothing a path may name.
 */
async function confinedPath(path: string, baseDir: string | undefined): Promise<string> {
  const refuse = () => bad(`附件路径须是导入文件所在文件夹内的相对路径：${path}`, `an attachment path must be relative and inside the import file's folder: ${path}`, 'attachments');
  if (!baseDir || !path || isAbsolute(path) || path.includes('\0')) throw refuse();
  const root = await realpath(baseDir).catch(() => resolve(baseDir));
  const target = resolve(root, path);
  const inside = (p: string) => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
  if (!inside(target)) throw refuse();
  // a symbolic link inside the folder may still point outside it
  const real = await realpath(target).catch(() => target);
  if (!inside(real)) throw refuse();
  return real;
}

async function prepareAttachments(rec: ImportRecord, o: ImportOptions): Promise<Prepared[] | null> {
  if (rec.attachments === undefined || rec.attachments === null) return null;
  const out: Prepared[] = [];
  for (const [i, a] of rec.attachments.entries()) {
    if (!a || typeof a.filename !== 'string') throw bad(`第${i + 1}个附件缺少文件名`, `attachment ${i + 1} has no filename`, 'attachments');
    let data: Buffer;
    if (typeof a.contentBase64 === 'string') data = Buffer.from(a.contentBase64, 'base64');
    else if (typeof a.path === 'string') {
      const p = await confinedPath(a.path, o.baseDir);
      try {
        data = await readFile(p);
      } catch {
        throw bad(`附件文件不存在：${a.path}`, `attachment file not found: ${a.path}`, 'attachments');
      }
    } else if (typeof a.sha256 === 'string') {
      const stored = readStoredFile(o.dataDir, a.sha256.toLowerCase());
      if (!stored) throw bad(`文件库中没有该附件：${a.sha256}`, `no stored file has the sha256 ${a.sha256}`, 'attachments');
      data = stored;
    } else throw bad(`第${i + 1}个附件缺少内容（contentBase64、path 或 sha256）`, `attachment ${i + 1} has no contentBase64 or path`, 'attachments');
    const filename = cleanFilename(a.filename);
    const s = await sniffAttachment(data, filename, { maxBytes: o.maxUploadMb * 1024 * 1024 });
    if (!s.ok) throw bad(`附件“${filename}”：${s.message.zh}`, `attachment "${filename}": ${s.message.en}`, 'attachments');
    const x = await extractAttachmentText(s.kind, data);
    if (x.state === 'too_large') throw bad(`附件“${filename}”：${ZIP_BOMB_MESSAGE.zh}`, `attachment "${filename}": ${ZIP_BOMB_MESSAGE.en}`, 'attachments');
    out.push({ filename, data, sha256: s.sha256, kind: s.kind, mime: s.mime, size: s.size, text: x.text, textState: x.state });
  }
  return out;
}

/** Imports one record inside the batch transaction. Returns what happened. */
export async function importOne(tx: Tx, ctx: CommandContext, rec: ImportRecord, o: ImportOptions, units: Map<string, UnitRef | null>, finalPass: boolean): Promise<{ id: number; outcome: 'created' | 'updated' | 'unchanged'; unitId: number; published: boolean }> {
  const now = o.now ?? new Date();
  const today = shanghaiDate(now);
  const code = rec.unit ?? o.unitCode;
  if (!code) throw bad('缺少单位代码（unit 字段或 --unit）', 'no unit (field `unit` or --unit)', 'unit');
  if (!units.has(code)) units.set(code, (await tx.selectFrom('units').select(['id', 'code', 'name', 'short_name', 'slug', 'path', 'type']).where('code', '=', code).executeTakeFirst()) ?? null);
  const unit = units.get(code);
  if (!unit) throw bad(`没有代码为 ${code} 的单位`, `no unit has the code ${code}`, 'unit');
  const status = rec.status ?? 'draft';
  const published = status === 'published' || status === 'withdrawn';
  authorize(ctx, 'document.create', unit.path);
  if (published) authorize(ctx, 'document.publish', unit.path);

  const missing = await refsMissing(tx, rec);
  if (missing.length) {
    const e = bad(`引用的文件不存在：${missing.join('、')}`, `referenced documents not found: ${missing.join(', ')}`, 'references');
    e.forwardRef = !finalPass;
    throw e;
  }

  let existing = rec.indexNo ? await tx.selectFrom('documents').select(['id', 'unit_id']).where('index_no', '=', String(rec.indexNo)).executeTakeFirst() : undefined;
  if (existing && existing.unit_id !== unit.id) throw bad('该索引号属于其他单位的文件', 'this index number belongs to another unit’s document', 'indexNo');
  if (rec.externalId) {
    const byExternal = await tx.selectFrom('documents').select(['id', 'unit_id']).where('unit_id', '=', unit.id).where('external_id', '=', String(rec.externalId)).executeTakeFirst();
    if (existing && byExternal && byExternal.id !== existing.id) throw bad('索引号和外部编号指向不同的文件', 'indexNo and externalId identify different documents', 'indexNo');
    if (existing && !byExternal) {
      const other = await tx.selectFrom('documents').select('external_id').where('id', '=', existing.id).executeTakeFirstOrThrow();
      if (other.external_id && other.external_id !== String(rec.externalId)) throw bad('该索引号已被外部编号不同的文件使用', 'this index number is taken by a document with another externalId', 'indexNo');
    }
    existing ??= byExternal;
  }

  let publishedAt: Date | null = null;
  if (published) {
    if (rec.publishedAt) publishedAt = new Date(rec.publishedAt);
    else if (rec.publishDate && isValidDate(rec.publishDate)) publishedAt = new Date(`${rec.publishDate}T00:00:00+08:00`);
    if (!publishedAt || Number.isNaN(publishedAt.getTime())) throw bad('已发布的文件须有 publishedAt 或 publishDate', 'a published document needs publishedAt or publishDate', 'publishedAt');
  }
  const publishDate = published ? shanghaiDate(publishedAt!) : null;
  // 发布日期 is the Shanghai day of the publication instant; lists filter on the instant
  if (published && rec.publishDate && rec.publishDate !== publishDate) {
    throw bad(`publishDate 与 publishedAt 不是同一天（北京时间 ${publishDate}）`, `publishDate and publishedAt are different days (Asia/Shanghai: ${publishDate})`, 'publishDate');
  }
  let publishAt: Date | null = null;
  if (status === 'scheduled') {
    publishAt = rec.publishAt ? new Date(rec.publishAt) : null;
    if (!publishAt || Number.isNaN(publishAt.getTime())) throw bad('定时发布的文件须有有效的 publishAt', 'a scheduled document needs a valid publishAt', 'publishAt');
  }
  let withdrawnAt: Date | null = null;
  if (status === 'withdrawn') {
    withdrawnAt = rec.withdrawnAt ? new Date(rec.withdrawnAt) : now;
    if (Number.isNaN(withdrawnAt.getTime())) throw bad('withdrawnAt 不是有效时间', 'withdrawnAt is not a valid time', 'withdrawnAt');
    if (!rec.withdrawalReason?.trim()) throw bad('已撤回的文件须有撤回原因', 'a withdrawn document needs withdrawalReason', 'withdrawalReason');
  }
  for (const h of rec.validityHistory ?? []) {
    if (!h || !isValidDate(h.date) || !validityOf(h.validity)) throw bad('validityHistory 每项须有有效的 date 和 validity', 'each validityHistory entry needs a valid date and validity', 'validityHistory');
  }

  const r = await resolveInput(tx, unit, rec, { mode: published ? 'publish' : 'draft', today, selfId: existing?.id, publishDate });
  const atts = await prepareAttachments(rec, o);

  const statusFields = {
    status, published_at: publishedAt, publish_date: publishDate, withdrawn_at: withdrawnAt, withdrawal_reason: status === 'withdrawn' ? rec.withdrawalReason!.trim() : null,
    // reviewed and scheduled documents have passed review (保密审查, 个人信息) like published ones
    confidentiality_checked: status === 'reviewed' || status === 'scheduled' || published, personal_info_checked: status === 'reviewed' || status === 'scheduled' || published, publish_at: publishAt,
  };
  const insertAttachments = async (id: number) => {
    for (const [position, a] of (atts ?? []).entries()) {
      await lockStoredFile(tx, a.sha256);
      storeFile(o.dataDir, a.data, a.sha256);
      await tx.insertInto('document_attachments').values({ document_id: id, position, filename: a.filename, kind: a.kind, mime: a.mime, size: a.size, sha256: a.sha256, text_content: a.text || null, text_state: a.textState, created_by: ctx.audit.id }).execute();
    }
  };
  const writeHistory = async (id: number) => {
    for (const h of rec.validityHistory ?? []) {
      const related = h.related ? (await tx.selectFrom('documents').select('id').where('index_no', '=', String(h.related)).executeTakeFirst())?.id ?? null : null;
      await tx.insertInto('validity_events').values({ document_id: id, date: h.date, validity: h.validity, related_document_id: related, note: h.note ?? null }).execute();
    }
  };
  const note = existing ? '批量导入更新' : '批量导入';

  if (!existing) {
    // the common path of a large import, kept to few statements
    let idx: { indexNo: string; year: number; serial: number };
    if (rec.indexNo) {
      const indexNo = String(rec.indexNo).trim();
      if (!/^[A-Za-z0-9/_.-]{1,100}$/.test(indexNo)) throw bad('索引号只能包含字母、数字和 / - _ .', 'the index number may hold letters, digits and / - _ . only', 'indexNo');
      const m = /(\d{4})\D*?(\d+)$/.exec(indexNo);
      idx = { indexNo, year: m ? Number(m[1]) : shanghaiYearMonth(r.values.written_date ?? today).year, serial: m ? Number(m[2]) : 0 };
      // keep the counter ahead of imported serials so a later allocation does not collide
      if (m && idx.serial > 0 && idx.serial < 2_147_483_647) {
        await sql`insert into index_counters (unit_id, year, last_serial) values (${unit.id}, ${idx.year}, ${idx.serial})
          on conflict (unit_id, year) do update set last_serial = greatest(index_counters.last_serial, excluded.last_serial)`.execute(tx);
      }
    } else {
      idx = await allocateIndexNo(tx, unit, { ...shanghaiYearMonth(r.values.written_date ?? today), topic: r.values.topic_code });
    }
    const timeliness = published ? await timelinessFor(tx, { ...r.values, publish_date: publishDate }, unit.code, today) : {};
    const ins = await tx.insertInto('documents').values({
      ...r.values, ...statusFields, ...timeliness, version: published ? 1 : 0, unit_id: unit.id, index_no: idx.indexNo, index_year: idx.year, index_serial: idx.serial,
      created_by: ctx.audit.id, updated_by: ctx.audit.id, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await writeRelations(tx, ins.id, r, true);
    await insertAttachments(ins.id);
    if (!published) await refreshDeadlines(tx, { ids: [ins.id] });
    if (published) await recordVersion(tx, ctx, ins.id, 1, note, snapshotOfResolved(r, publishDate, atts ?? []));
    if (rec.validityHistory) await writeHistory(ins.id);
    else if (published) {
      await syncValidity(tx, ins.id, today, null, { fresh: true, row: { validity: r.values.validity ?? null, legal_form: r.values.legal_form ?? 'none', publish_date: publishDate, effective_date: r.values.effective_date ?? null, expiry_date: r.values.expiry_date ?? null, amended_by_id: r.values.amended_by_id ?? null, repealed_by_id: r.values.repealed_by_id ?? null, published_at: publishedAt } });
    }
    return { id: ins.id, outcome: 'created', unitId: unit.id, published };
  }

  const id = existing.id;
  const state = (d: Awaited<ReturnType<typeof getDocument>>) => JSON.stringify([snapshotOf(d!), d!.status, d!.published_at && new Date(d!.published_at).toISOString(), d!.withdrawal_reason, d!.withdrawn_at && new Date(d!.withdrawn_at).toISOString()]);
  const cur = (await getDocument(tx, id))!;
  const before = state(cur);
  const version = cur.version;
  await tx.updateTable('documents').set({ ...r.values, ...statusFields, updated_by: ctx.audit.id }).where('id', '=', id).execute();
  await writeRelations(tx, id, r);
  if (atts) {
    const same = cur.attachments.length === atts.length && cur.attachments.every((c, i) => c.filename === atts[i].filename && c.sha256 === atts[i].sha256);
    if (!same) {
      await tx.deleteFrom('document_attachments').where('document_id', '=', id).execute();
      await insertAttachments(id);
    }
  }
  const after = (await getDocument(tx, id))!;
  const changed = before !== state(after);
  if (changed) await tx.updateTable('documents').set({ updated_at: now }).where('id', '=', id).execute();
  if (published && (changed || version === 0)) {
    await tx.updateTable('documents').set({ version: version + 1 }).where('id', '=', id).execute();
    if (version === 0) await storeTimeliness(tx, id, today);
    await recordVersion(tx, ctx, id, version + 1, note, after);
  }
  await refreshDeadlines(tx, { ids: [id] });
  if (rec.validityHistory) {
    await tx.deleteFrom('validity_events').where('document_id', '=', id).execute();
    await writeHistory(id);
  } else if (published) await syncValidity(tx, id, today);
  return { id, outcome: changed ? 'updated' : 'unchanged', unitId: unit.id, published };

}
