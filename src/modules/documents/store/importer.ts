/**
 * Bulk import of documents from JSON Lines (docs/import-format.md): one document per line, every
 * metadata field, its status and history. Idempotent — a line updates the document with the same
 * 索引号, else the one with the same `externalId` in its unit, else creates one. Lines are imported
 * in batches, one transaction each; inside a batch each line runs under a savepoint, so a bad line
 * leaves nothing behind (all or nothing per line) and the good ones are kept. A line that refers
 * to a document further down the file (a policy repealed by a later one) waits until the end.
 * This file reads the lines and runs the batches; what one line does to its document (checks,
 * attachments, insert or update) is import-document.ts.
 *
 *   importLines(db, ctx, lines, opts) → ImportResult   (lines: strings, sync or async iterable)
 *   importFile(db, ctx, path, opts)   → ImportResult
 *   importRecords(db, ctx, records, opts) → ImportResult  (already-parsed objects: seed, benchmarks)
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, resolve } from 'node:path';
import { sql } from 'kysely';
import { inTransaction, type Db } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { AppError } from '../../../core/http/errors.ts';
import type { UnitRef } from './repository.ts';
import { emitDocumentsChanged } from '../commands.ts';
import type { DocumentInput } from './write.ts';
import { bad, importOne, LineProblem } from './import-document.ts';

export interface ImportAttachment {
  filename: string;
  /** the bytes, base64 */
  contentBase64?: string;
  /** or a path, relative to the JSONL file */
  path?: string;
  /** or the SHA-256 of a file already in this installation's store (export --no-attachment-content) */
  sha256?: string;
}

export interface ImportRecord extends DocumentInput {
  /** owning unit's code (default: --unit) */
  unit?: string;
  indexNo?: string;
  status?: 'draft' | 'submitted' | 'reviewed' | 'scheduled' | 'published' | 'withdrawn';
  /** ISO timestamp a `scheduled` document is to be published at (the publish_due job does it) */
  publishAt?: string;
  publishDate?: string;
  /** ISO timestamp of the (first) publication */
  publishedAt?: string;
  withdrawnAt?: string;
  withdrawalReason?: string;
  attachments?: ImportAttachment[];
  /** 有效性 history; when absent it is derived from the dates */
  validityHistory?: { date: string; validity: string; related?: string | null; note?: string | null }[];
}

export interface ImportOptions {
  /** default unit code for lines without `unit` */
  unitCode?: string;
  batchSize?: number;
  /** attachment store (DATA_DIR/files) and size limit */
  dataDir: string;
  maxUploadMb: number;
  /** folder that `attachments[].path` is relative to */
  baseDir?: string;
  onProgress?: (processed: number) => void;
  now?: Date;
}

export interface LineError {
  line: number;
  message: string;
  fields?: Record<string, string>;
}

export interface ImportResult {
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: LineError[];
}

const STATUSES = ['draft', 'submitted', 'reviewed', 'scheduled', 'published', 'withdrawn'] as const;

function checkShape(r: unknown): ImportRecord {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) throw bad('每行应为一个 JSON 对象', 'each line must be a JSON object');
  const o = r as Record<string, unknown>;
  for (const k of ['issuingUnits', 'columns', 'topics', 'attachments', 'validityHistory']) {
    if (o[k] !== undefined && o[k] !== null && !Array.isArray(o[k])) throw bad(`${k} 应为数组`, `${k} must be an array`, k);
  }
  if (o.status !== undefined && !STATUSES.includes(o.status as (typeof STATUSES)[number])) {
    throw bad(`status 应为 ${STATUSES.join('/')} 之一`, `status must be one of ${STATUSES.join(', ')}`, 'status');
  }
  return o as ImportRecord;
}

function describe(e: unknown): LineError {
  if (e instanceof LineProblem) return { line: 0, message: e.message, fields: e.fields };
  if (e instanceof AppError) {
    const fields = e.fields ? Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k, m.zh])) : undefined;
    const detail = e.fields ? Object.entries(e.fields).map(([k, m]) => `${k}: ${m.zh}`).join('；') : e.msg.zh;
    return { line: 0, message: detail, fields };
  }
  throw e;
}

type Item = { line: number; rec: ImportRecord };

/** Imports parsed records; `lines` of the items are what errors report. */
async function runBatches(db: Db, ctx: CommandContext, source: AsyncIterable<Item | LineError> | Iterable<Item | LineError>, o: ImportOptions): Promise<ImportResult> {
  const res: ImportResult = { lines: 0, created: 0, updated: 0, unchanged: 0, errors: [] };
  const size = Math.max(1, Math.min(5000, o.batchSize ?? 200));
  const units = new Map<string, UnitRef | null>();
  let deferred: Item[] = [];

  const runBatch = async (batch: Item[], finalPass: boolean): Promise<Item[]> => {
    const later: Item[] = [];
    const changed: { id: number; unitId: number }[] = [];
    await inTransaction(db, async (tx) => {
      const done: string[] = [];
      for (const it of batch) {
        await sql`savepoint import_line`.execute(tx);
        try {
          const r = await importOne(tx, ctx, it.rec, o, units, finalPass);
          await sql`release savepoint import_line`.execute(tx);
          res[r.outcome]++;
          if (r.outcome !== 'unchanged') {
            done.push(String(r.id));
            if (r.published) changed.push({ id: r.id, unitId: r.unitId });
          }
        } catch (e) {
          await sql`rollback to savepoint import_line`.execute(tx);
          if (e instanceof LineProblem && e.forwardRef) later.push(it);
          else res.errors.push({ ...describe(e), line: it.line });
        }
      }
      if (done.length) {
        await recordAudit(tx, ctx.audit, { action: 'document.import', unitId: null, subjectType: 'document', subjectId: null, summary: { count: done.length, ids: done.slice(0, 500) } });
      }
    });
    if (changed.length) emitDocumentsChanged({ unitIds: [...new Set(changed.map((c) => c.unitId))].sort((a, b) => a - b), documentIds: changed.map((c) => c.id), kind: 'publish' });
    o.onProgress?.(res.created + res.updated + res.unchanged + res.errors.length);
    return later;
  };

  let batch: Item[] = [];
  for await (const x of source as AsyncIterable<Item | LineError>) {
    res.lines++;
    if ('message' in x) {
      res.errors.push(x);
      continue;
    }
    batch.push(x);
    if (batch.length >= size) {
      deferred.push(...(await runBatch(batch, false)));
      batch = [];
    }
  }
  if (batch.length) deferred.push(...(await runBatch(batch, false)));
  // forward references: retry while progress is made, then report what is left
  while (deferred.length) {
    const before = deferred.length;
    let next: Item[] = [];
    for (let i = 0; i < deferred.length; i += size) next.push(...(await runBatch(deferred.slice(i, i + size), false)));
    if (next.length === before) next = await runBatch(next, true);
    deferred = next;
  }
  res.errors.sort((a, b) => a.line - b.line);
  return res;
}

function* parseAll(lines: Iterable<string>): Iterable<Item | LineError> {
  let n = 0;
  for (const raw of lines) {
    n++;
    const x = parseLine(raw, n);
    if (x) yield x;
  }
}

async function* parseAllAsync(lines: AsyncIterable<string>): AsyncIterable<Item | LineError> {
  let n = 0;
  for await (const raw of lines) {
    n++;
    const x = parseLine(raw, n);
    if (x) yield x;
  }
}

function parseLine(raw: string, line: number): Item | LineError | null {
  const s = raw.replace(/^\uFEFF/, '').trim();
  if (s === '') return null;
  try {
    return { line, rec: checkShape(JSON.parse(s)) };
  } catch (e) {
    if (e instanceof LineProblem) return { line, message: e.message, fields: e.fields };
    return { line, message: `JSON 格式错误 / invalid JSON: ${(e as Error).message.slice(0, 120)}` };
  }
}

export async function importLines(db: Db, ctx: CommandContext, lines: Iterable<string> | AsyncIterable<string>, o: ImportOptions): Promise<ImportResult> {
  const src = Symbol.asyncIterator in (lines as object) ? parseAllAsync(lines as AsyncIterable<string>) : parseAll(lines as Iterable<string>);
  return runBatches(db, ctx, src, o);
}

export async function importFile(db: Db, ctx: CommandContext, path: string, o: ImportOptions): Promise<ImportResult> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  return importLines(db, ctx, rl, { baseDir: dirname(resolve(path)), ...o });
}

export async function importRecords(db: Db, ctx: CommandContext, records: Iterable<ImportRecord> | AsyncIterable<ImportRecord>, o: ImportOptions): Promise<ImportResult> {
  async function* items() {
    let n = 0;
    for await (const r of records as AsyncIterable<ImportRecord>) {
      n++;
      try {
        yield { line: n, rec: checkShape(r) } as Item;
      } catch (e) {
        yield { line: n, message: (e as Error).message } as LineError;
      }
    }
  }
  return runBatches(db, ctx, items(), o);
}
