/**
 * Attachment text for the index (条例 第二十四条: 检索 covers what is published, and much is
 * published only as a PDF or DOCX attachment).
 *
 * document_attachments.text_content (filled by the documents module at upload) is used when
 * present. When it is empty — an import without text, an extraction that failed then — the
 * stored file is read and its text extracted here (PDF/DOCX through src/core/docs/extract.ts,
 * via the documents module's `extractText`), and kept in search_attachment_text, keyed by the
 * attachment and its SHA-256, so it is extracted once. A file that yields no text is remembered
 * as '' (no retry on every reindex). A file whose extraction at upload failed for good (text_state
 * 'timeout', 'too_large' …, see core/docs/extract-pool.ts) is not tried again here.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { extractAttachmentText, readStoredFile } from '../../documents/store/attachments.ts';
import { FINAL_FAILURES } from '../../../core/docs/extract-pool.ts';
import type { AttachmentKind } from '../../documents/domain/filetype.ts';

const EXTRACTABLE: ReadonlySet<string> = new Set(['pdf', 'docx', 'xlsx']);

export interface ExtractOptions {
  /** GONGKAI_DATA_DIR, where the documents module stores files; without it nothing is extracted */
  dataDir?: string | null;
}

interface Row {
  id: number;
  document_id: number;
  kind: string;
  sha256: string;
  text_content: string | null;
  text_state: string | null;
  extracted: string | null;
  extracted_sha: string | null;
}

/** The text of each document's attachments, in attachment order. */
export async function attachmentTexts(db: DbOrTx, docIds: readonly number[], o: ExtractOptions = {}): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (docIds.length === 0) return out;
  const rows = (await sql<Row>`
    select a.id, a.document_id, a.kind, a.sha256, a.text_content, a.text_state, t.text as extracted, t.sha256 as extracted_sha
    from document_attachments a
    left join search_attachment_text t on t.attachment_id = a.id
    where a.document_id in (${sql.join(docIds)})
    order by a.document_id, a.position, a.id`.execute(db)).rows;
  for (const r of rows) {
    let text = r.text_content ?? '';
    if (!text.trim()) {
      if (r.extracted !== null && r.extracted_sha === r.sha256) text = r.extracted;
      else if (o.dataDir && EXTRACTABLE.has(r.kind) && !(r.text_state && FINAL_FAILURES.has(r.text_state))) text = await extractAndKeep(db, r, o.dataDir);
    }
    const list = out.get(r.document_id) ?? [];
    list.push(text);
    out.set(r.document_id, list);
  }
  return out;
}

async function extractAndKeep(db: DbOrTx, r: Row, dataDir: string): Promise<string> {
  const data = readStoredFile(dataDir, r.sha256);
  // A missing file is not remembered: it may still arrive (a copy of the file store in progress).
  if (!data) return '';
  const x = await extractAttachmentText(r.kind as AttachmentKind, data);
  // a busy pool is not remembered: the next indexing of the document tries again
  if (x.state === 'busy') return '';
  const text = x.text; // without NUL characters (PostgreSQL text cannot hold them): extract-task.ts
  await sql`
    insert into search_attachment_text (attachment_id, sha256, text, extracted_at)
    values (${r.id}, ${r.sha256}, ${text}, now())
    on conflict (attachment_id) do update set sha256 = excluded.sha256, text = excluded.text, extracted_at = excluded.extracted_at`.execute(db);
  return text;
}

/** A digest of a document's attachments, to notice added or removed files. */
export const ATTACH_SIG_SQL = (docIdColumn: string) =>
  sql<string>`(select count(*) || ':' || coalesce(max(a.id), 0) from document_attachments a where a.document_id = ${sql.ref(docIdColumn)})`;
