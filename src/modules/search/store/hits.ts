/**
 * A result page: the live rows of the documents found (a document withdrawn a moment ago is dropped
 * here, before the index catches up), their snippets, and the hits the views show. query.ts picks
 * the candidates; this turns them into what a citizen reads.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../../core/db/index.ts';
import { snippet, highlightTitle } from '../text/highlight.ts';
import type { ItemDisplay, ResultKind } from './items.ts';

export interface SearchHit {
  /** what was found: a document (解读 included) or a guide, 权责清单 item or annual report (items.ts) */
  kind: ResultKind;
  id: number;
  /** its public page; null for a document (documents/views/portal-views.tsx docHref) */
  url: string | null;
  title: string;
  /** escaped HTML with <mark> (highlight.ts) */
  titleHtml: string;
  /** escaped HTML with <mark> */
  snippetHtml: string;
  indexNo: string;
  docNumber: string | null;
  unitId: number;
  unitSlug: string;
  unitName: string;
  publishDate: string | null;
  writtenDate: string | null;
  docType: string | null;
  validity: string | null;
  interpretsId: number | null;
  /** why it is where it is: the 文号/索引号 typed, every word in the title, or elsewhere */
  matched: 'number' | 'title' | 'text';
}

/** A document or item that matched, before its page is assembled. */
export interface Candidate {
  kind: ResultKind;
  id: number;
  rank: number;
  date: string;
  matched: SearchHit['matched'];
}

// --- the page ------------------------------------------------------------------------------------

export interface DisplayRow {
  id: number;
  title: string;
  summary: string | null;
  body_text: string;
  index_no: string;
  doc_number: string | null;
  publish_date: string | null;
  written_date: string | null;
  doc_type: string | null;
  validity: string | null;
  interprets_id: number | null;
  unit_id: number;
  unit_slug: string;
  unit_name: string;
}

export async function displayRows(db: DbOrTx, ids: readonly number[]): Promise<Map<number, DisplayRow>> {
  if (ids.length === 0) return new Map();
  // The live status check: a document withdrawn a moment ago is not shown even if still indexed.
  const r = await sql<DisplayRow>`
    select d.id, d.title, d.summary, d.body_text, d.index_no, d.doc_number, d.publish_date, d.written_date, d.doc_type, d.validity,
           d.interprets_id, u.id as unit_id, u.slug as unit_slug, u.name as unit_name
    from documents d join units u on u.id = d.unit_id
    where d.id in (${sql.join(ids)}) and d.status = 'published' and d.disclosure = 'proactive'`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x]));
}

async function attachmentTexts(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  const r = await sql<{ document_id: number; text: string | null }>`
    select a.document_id, coalesce(nullif(a.text_content, ''), t.text) as text
    from document_attachments a left join search_attachment_text t on t.attachment_id = a.id
    where a.document_id in (${sql.join(ids)}) order by a.document_id, a.position, a.id`.execute(db);
  for (const x of r.rows) if (x.text) out.set(x.document_id, (out.has(x.document_id) ? out.get(x.document_id) + '\n' : '') + x.text);
  return out;
}

/** Snippets look at the first 30 000 characters: enough for a good window, bounded cost. */
const SNIPPET = { maxLen: 120, maxScan: 30_000 };

/** How many of the tokens the text holds (a cheap guide to where the snippet should come from). */
function coverage(text: string | null | undefined, tokens: readonly string[]): number {
  if (!text) return 0;
  const head = text.length > SNIPPET.maxScan ? text.slice(0, SNIPPET.maxScan) : text;
  let n = 0;
  for (const t of tokens) if (head.includes(t)) n++;
  return n;
}

export async function toHits(db: DbOrTx, list: readonly { c: Candidate; d: DisplayRow }[], tokens: string[]): Promise<SearchHit[]> {
  // The snippet comes from where most of the words are: the body, the summary or the attachments.
  const best = list.map(({ d }) => {
    const body = coverage(d.body_text, tokens);
    const summary = coverage(d.summary, tokens);
    return summary > body ? { text: d.summary!, n: summary } : { text: d.body_text, n: body };
  });
  const missing = list.filter((_, i) => best[i].n < tokens.length).map(({ d }) => d.id);
  const att = await attachmentTexts(db, missing);
  const html = list.map(({ d }, i) => {
    const a = att.get(d.id);
    const source = a && coverage(a, tokens) > best[i].n ? a : best[i].text || d.summary || '';
    return snippet(source, tokens, SNIPPET);
  });
  return list.map(({ c, d }, i) => {
    const s = html[i];
    return {
      kind: 'document' as const,
      id: d.id,
      url: null,
      title: d.title,
      titleHtml: highlightTitle(d.title, tokens),
      snippetHtml: s,
      indexNo: d.index_no,
      docNumber: d.doc_number,
      unitId: d.unit_id,
      unitSlug: d.unit_slug,
      unitName: d.unit_name,
      publishDate: d.publish_date,
      writtenDate: d.written_date,
      docType: d.doc_type,
      validity: d.validity,
      interpretsId: d.interprets_id,
      matched: c.matched,
    };
  });
}

export function itemHit(c: Candidate, d: ItemDisplay, tokens: string[]): SearchHit {
  return {
    kind: d.kind, id: d.id, url: d.url, title: d.title, titleHtml: highlightTitle(d.title, tokens), snippetHtml: snippet(d.text, tokens, SNIPPET),
    indexNo: '', docNumber: null, unitId: d.unit_id, unitSlug: d.unit_slug, unitName: d.unit_name, publishDate: d.date, writtenDate: null,
    docType: null, validity: null, interpretsId: null, matched: c.matched,
  };
}
