/**
 * What an extraction worker thread runs (extract-pool.ts starts it through extract-worker.mjs): the
 * text of one PDF, DOCX or XLSX, cut to `maxChars`. A member that inflates past the zip limits answers
 * `too_large`; any other failure `unreadable`. Heap and time are limited by the pool, not here.
 */
import { extractDocxText, extractPdfText, extractXlsxText } from './extract.ts';
import { ZipLimitError, type ZipLimits } from './zip.ts';

export type ExtractKind = 'pdf' | 'docx' | 'xlsx';

export interface ExtractTask {
  kind: ExtractKind;
  data: Uint8Array;
  limits: ZipLimits;
  maxChars: number;
}

export type ExtractAnswer = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'unreadable'; detail: string };

export default async function extract(t: ExtractTask): Promise<ExtractAnswer> {
  const data = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  try {
    let text: string;
    if (t.kind === 'pdf') text = await extractPdfText(data);
    else if (t.kind === 'docx') text = extractDocxText(data, t.limits);
    else text = extractXlsxText(data, t.limits);
    // PostgreSQL text cannot hold NUL characters, which some PDFs' text layers contain
    return { ok: true, text: text.slice(0, t.maxChars).split(String.fromCharCode(0)).join('') };
  } catch (e) {
    if (e instanceof ZipLimitError) return { ok: false, reason: 'too_large', detail: e.message };
    return { ok: false, reason: 'unreadable', detail: String((e as Error)?.message ?? e).slice(0, 200) };
  }
}
