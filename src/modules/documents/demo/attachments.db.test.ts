/**
 * The demo's attachments agree with their documents (issue #11 item 9): the demo's documents are
 * seeded (corpus, work plan, column fill) and EVERY attachment is read back from the file store and its
 * text extracted (DOCX by core/docs extractDocxText, PDF by pdfjs through extractPdfText): it carries
 * the document's title or the name its body gives (“附件：…”) and the body's figures. Every body that
 * names an attachment (附件：…, 详见附件) has it, under that name.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedDemo, DEMO_SEEDERS } from '../../system/seed.ts';
import { extractDocxText, extractPdfText } from '../../../core/docs/index.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { readStoredFile } from '../store/attachments.ts';
import { ensureTopics } from '../store/columns.ts';
import { synthesizeDocuments, workPlanDocument } from './corpus.ts';
import { importRecords, type ImportRecord } from '../store/importer.ts';
import { DEMO_DOCUMENT_COUNT, DEMO_SEED, demoCorpusUnits } from './seed.ts';
import { addDemoAttachments, issuedPart } from './attachments.ts';
import { emptyColumns, fillRecords } from './corpus-fill.ts';

let t: TestDb;
const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-demo-att-'));
/** The column fill's records with their attachments (made the way the demo makes them, not imported: 800 documents cost seconds). */
let fill: ImportRecord[] = [];
before(async () => {
  process.env.GONGKAI_DATA_DIR = dataDir; // the seeder's file store (loadConfig)
  t = await testDatabase();
  // the units, then the corpus and the work plan through the documents seeder with the column fill left out
  const all = DEMO_SEEDERS.splice(0);
  DEMO_SEEDERS.push({ name: 'corpus', run: async (db, ctx) => {
    const units = demoCorpusUnits();
    await inTransaction(db, (tx) => ensureTopics(tx));
    const records = [...synthesizeDocuments(DEMO_DOCUMENT_COUNT, units, DEMO_SEED), workPlanDocument(units.find((u) => u.key === 'szfb')!.code)];
    await addDemoAttachments(records);
    const res = await importRecords(db, ctx, records, { dataDir, maxUploadMb: 20, batchSize: 100 });
    assert.deepEqual(res.errors, []);
    fill = fillRecords(await emptyColumns(db, units.map((u) => u.code)), units, readFileSync(join(import.meta.dirname, 'corpus', 'work-plan-2020.zh-Hans.txt'), 'utf8'));
    await addDemoAttachments(fill);
  } });
  try {
    await seedDemo(t.db, { adminPassword: 'Gk-Attach-Test-Passw0rd!' });
  } finally {
    DEMO_SEEDERS.splice(0, DEMO_SEEDERS.length, ...all);
  }
});
after(async () => t?.cleanup());

const squash = (s: string) => s.replace(/\s+/g, '');
const text = (html: string) => html.replace(/<[^>]+>/g, '\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** The names the body gives its attachments. */
const named = (html: string) => [...html.matchAll(/<p>附件：([^<]+)<\/p>/g)].map((m) => text(m[1]).trim());
/** The body's figures (amounts, counts, dates, phone numbers), its 附件 lines left out. */
const figures = (html: string) => [...new Set(text(html.replace(/<p>附件：[^<]+<\/p>/g, '')).match(/\d[\d.]*/g) ?? [])];

interface Checked { title: string; html: string; atts: { filename: string; kind: string; bytes: Buffer | null }[] }

/** What is wrong between each document and its attachments. */
async function disagreements(docs: Checked[], kinds: Map<string, number>): Promise<string[]> {
  const problems: string[] = [];
  for (const d of docs) {
    const names = named(d.html);
    if (/详见附件/.test(d.html) && !names.length) problems.push(`${d.title}: says 详见附件 but names none`);
    for (const n of names) {
      if (!d.atts.some((a) => a.filename.replace(/\.[a-z]+$/, '') === n)) problems.push(`${d.title}: body names 附件 “${n}”, no such attachment (${d.atts.map((a) => a.filename).join(', ') || 'none'})`);
    }
    for (const a of d.atts) {
      kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
      if (!a.bytes) { problems.push(`${a.filename}: not in the file store`); continue; }
      const got = squash(a.kind === 'pdf' ? await extractPdfText(a.bytes) : a.kind === 'docx' ? extractDocxText(a.bytes) : '');
      const name = a.filename.replace(/\.[a-z]+$/, '');
      if (!got.includes(squash(d.title)) && !got.includes(squash(name))) problems.push(`${a.filename}: states neither the title “${d.title}” nor its name`);
      // a notice that gives the issued text under its own heading (the fill's 制度): the attachment is that text only
      const issued = issuedPart(d.html, name);
      const lost = figures(issued).filter((f) => !got.includes(f));
      if (issued !== d.html && got.includes('印发给你们')) problems.push(`${a.filename}: repeats the covering notice`);
      if (lost.length) problems.push(`${a.filename}: the body's figures ${lost.slice(0, 5).join(', ')} are not in it`);
    }
  }
  return problems;
}

test('every attachment of the demo corpus, read back from the file store, is made from its own document', { timeout: 120_000 }, async () => {
  const docs = await t.db.selectFrom('documents').select(['id', 'title', 'body_html']).execute();
  const atts = await t.db.selectFrom('document_attachments').select(['document_id', 'filename', 'kind', 'sha256']).execute();
  const kinds = new Map<string, number>();
  const problems = await disagreements(docs.map((d) => ({
    title: d.title, html: d.body_html ?? '',
    atts: atts.filter((a) => a.document_id === d.id).map((a) => ({ filename: a.filename, kind: a.kind, bytes: readStoredFile(dataDir, a.sha256) })),
  })), kinds);
  assert.deepEqual(problems.slice(0, 15), [], `${problems.length} attachments disagree with their documents`);
  assert.ok((kinds.get('docx') ?? 0) >= 10, `Word attachments: ${kinds.get('docx') ?? 0}`);
  assert.ok((kinds.get('pdf') ?? 0) >= 3, `PDF attachments: ${kinds.get('pdf') ?? 0}`);
});

test('every attachment of the column fill (印发 notices: the 办法/方案 they name) is made from its own document', { timeout: 60_000 }, async () => {
  assert.ok(fill.length > 500, `the fill has ${fill.length} documents`);
  const kinds = new Map<string, number>();
  const problems = await disagreements(fill.map((r) => ({
    title: r.title!, html: r.bodyHtml ?? '',
    atts: (r.attachments ?? []).map((a) => ({ filename: a.filename, kind: a.filename.endsWith('.pdf') ? 'pdf' : 'docx', bytes: Buffer.from(a.contentBase64!, 'base64') })),
  })), kinds);
  assert.deepEqual(problems.slice(0, 15), [], `${problems.length} attachments disagree with their documents`);
  assert.ok((kinds.get('docx') ?? 0) >= 20, `Word attachments: ${kinds.get('docx') ?? 0}`);
});
