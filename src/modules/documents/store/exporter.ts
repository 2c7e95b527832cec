/**
 * Export in the import format (docs/import-format.md): one JSON object per line, documents in id
 * order, references by 索引号, issuers by unit code (or name), attachments inline as base64.
 * Exporting, importing into an empty database with the same units and exporting again gives the
 * same bytes. Also the feed for 条例 第二十五条 (archives and libraries receive what was disclosed).
 *
 *   exportDocuments(db, {unitCode?, subtree?, dataDir, attachments?}) → AsyncIterable<string> (lines without "\n")
 *   exportRecord(db, id, o) → ImportRecord
 */
import type { Db } from '../../../core/db/index.ts';
import { getDocument, type DocumentDetail } from './repository.ts';
import { readStoredFile } from './attachments.ts';
import type { ImportRecord } from './importer.ts';

export interface ExportOptions {
  unitCode?: string;
  /** with the unit's descendants */
  subtree?: boolean;
  dataDir: string;
  /** include attachment bytes (default true); false writes filename + sha256 only */
  attachments?: boolean;
  batch?: number;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : undefined);

/** Drops null, undefined and empty arrays so lines stay short; key order is fixed by construction. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

export async function recordOf(db: Db, d: DocumentDetail, o: ExportOptions): Promise<ImportRecord> {
  const history = await db.selectFrom('validity_events as e').leftJoin('documents as r', 'r.id', 'e.related_document_id')
    .select(['e.date', 'e.validity', 'r.index_no as related', 'e.note']).where('e.document_id', '=', d.id).orderBy('e.date').orderBy('e.id').execute();
  const attachments = d.attachments.map((a) => {
    if (o.attachments === false) return { filename: a.filename, sha256: a.sha256 };
    const bytes = readStoredFile(o.dataDir, a.sha256);
    if (!bytes) throw new Error(`attachment ${a.id} (${a.filename}) is missing from the file store`);
    return { filename: a.filename, contentBase64: bytes.toString('base64') };
  });
  const published = d.status === 'published' || d.status === 'withdrawn';
  return compact({
    indexNo: d.index_no,
    externalId: d.external_id,
    unit: d.unit.code,
    status: d.status,
    publishAt: d.status === 'scheduled' ? iso(d.publish_at) : undefined,
    title: d.title,
    summary: d.summary,
    issuingUnits: d.issuers.map((i) => i.unit_code ?? i.name),
    docNumber: d.doc_number,
    docType: d.doc_type,
    legalForm: d.legal_form,
    normativeRegNo: d.normative_reg_no,
    writtenDate: d.written_date,
    changedDate: d.changed_date,
    publishDate: published ? d.publish_date : null,
    publishedAt: published ? iso(d.published_at) : undefined,
    effectiveDate: d.effective_date,
    expiryDate: d.expiry_date,
    topic: d.topic_code,
    validity: d.validity,
    amendedBy: d.amendedBy?.index_no,
    repealedBy: d.repealedBy?.index_no,
    keywords: d.keywords,
    source: d.source,
    disclosure: d.disclosure,
    disclosureReason: d.disclosure_reason,
    withheldGround: d.withheld_ground,
    columns: d.columns.map((c) => c.slug),
    topics: d.topics.map((t) => t.key),
    interpretationOf: d.interprets?.index_no,
    interpretationKind: d.interpretation_kind,
    bodyHtml: d.body_html || null,
    withdrawnAt: d.status === 'withdrawn' ? iso(d.withdrawn_at) : undefined,
    withdrawalReason: d.status === 'withdrawn' ? d.withdrawal_reason : null,
    attachments: attachments as ImportRecord['attachments'],
    validityHistory: history.map((h) => compact({ date: h.date, validity: h.validity, related: h.related, note: h.note })),
  } as ImportRecord & Record<string, unknown>);
}

export async function* exportDocuments(db: Db, o: ExportOptions): AsyncIterable<string> {
  let unitIds: number[] | null = null;
  if (o.unitCode) {
    const u = await db.selectFrom('units').select(['id', 'path']).where('code', '=', o.unitCode).executeTakeFirst();
    if (!u) throw new Error(`no unit has the code ${o.unitCode}`);
    unitIds = o.subtree
      ? (await db.selectFrom('units').select('id').where('path', 'like', u.path.replace(/[%_\\]/g, '\\$&') + '%').execute()).map((r) => r.id)
      : [u.id];
  }
  let after = 0;
  const size = o.batch ?? 200;
  for (;;) {
    let q = db.selectFrom('documents').select('id').where('id', '>', after);
    if (unitIds) q = q.where('unit_id', 'in', unitIds);
    const ids = (await q.orderBy('id').limit(size).execute()).map((r) => r.id);
    if (!ids.length) return;
    for (const id of ids) {
      const d = await getDocument(db, id);
      if (d) yield JSON.stringify(await recordOf(db, d, o));
    }
    after = ids[ids.length - 1];
  }
}
