/**
 * Text out of DOCX and PDF files: for search indexing of uploaded attachments and for tests that check
 * what a rendered letter actually says.
 *
 * DOCX is a zip; a small reader (zip.ts: central directory + inflateRaw with a byte budget against zip
 * bombs) avoids a dependency. PDF text comes
 * from pdfjs-dist's legacy build, which runs in Node without a canvas; it reads the ToUnicode maps, so a
 * PDF whose CJK font was embedded properly gives back its Chinese text.
 */
import { readZipEntry, ZIP_LIMITS, type ZipLimits } from './zip.ts';

export { readZipEntry };

/** The XML of a DOCX part, `word/document.xml` by default. */
export function readDocxXml(docx: Buffer, part = 'word/document.xml', limits: ZipLimits = ZIP_LIMITS): string {
  const bytes = readZipEntry(docx, part, limits);
  if (!bytes) throw new Error(`${part} not found in the DOCX`);
  return bytes.toString('utf8');
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/**
 * The text of a DOCX body: one line per paragraph; a table row is one line with its cells separated by
 * tabs (paragraphs inside a cell joined by spaces).
 */
export function extractDocxText(docx: Buffer, limits: ZipLimits = ZIP_LIMITS): string {
  const xml = readDocxXml(docx, 'word/document.xml', limits);
  const out: string[] = [];
  let para = '';
  let cellParas: string[] = [];
  let rowCells: string[] = [];
  let cellDepth = 0;
  const token = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>|<w:tc(?=[\s>])[^>]*>|<\/w:tc>|<\/w:tr>|<\/w:p>/g;
  for (const m of xml.matchAll(token)) {
    const tag = m[0];
    if (m[1] !== undefined) para += decodeXml(m[1]);
    else if (tag === '<w:tab/>') para += '\t';
    else if (tag === '<w:br/>') para += '\n';
    else if (tag === '</w:p>') {
      if (cellDepth > 0) cellParas.push(para);
      else out.push(para);
      para = '';
    } else if (tag.startsWith('<w:tc')) {
      cellDepth++;
      cellParas = [];
    } else if (tag === '</w:tc>') {
      rowCells.push(cellParas.filter((x) => x.length > 0).join(' '));
      cellDepth--;
    } else if (tag === '</w:tr>') {
      out.push(rowCells.join('\t'));
      rowCells = [];
    }
  }
  return out.join('\n');
}

/** The shared strings of an XLSX workbook (its cell text), one per line. */
export function extractXlsxText(xlsx: Buffer, limits: ZipLimits = ZIP_LIMITS): string {
  const xml = readZipEntry(xlsx, 'xl/sharedStrings.xml', limits)?.toString('utf8') ?? '';
  return decodeXml(xml.replace(/<\/si>/g, '\n').replace(/<[^>]+>/g, ''));
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** The text of each page of a PDF; items are joined as pdf.js reports them, with its line ends. */
export async function extractPdfPages(pdf: Buffer | Uint8Array): Promise<string[]> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const lib = await pdfjs;
  // pdf.js may detach the buffer it is given, so hand it a copy.
  const data = new Uint8Array(pdf.byteLength);
  data.set(pdf);
  const task = lib.getDocument({ data, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text);
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** A piece of text on a PDF page and where it is, in points from the page's bottom-left corner. */
export interface PdfTextItem {
  str: string;
  x: number;
  /** The baseline. */
  y: number;
  width: number;
  /** The font size (height of the em box). */
  height: number;
}

export interface PdfPageItems {
  width: number;
  height: number;
  items: PdfTextItem[];
}

/** Every text item of every page with its position (for tests that check where text was drawn). */
export async function extractPdfItems(pdf: Buffer | Uint8Array): Promise<PdfPageItems[]> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const lib = await pdfjs;
  const data = new Uint8Array(pdf.byteLength);
  data.set(pdf);
  const doc = await lib.getDocument({ data, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: PdfPageItems[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const [, , width, height] = page.view;
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a, b, , , e, f] = item.transform as number[];
        items.push({ str: item.str, x: e, y: f, width: item.width, height: item.height || Math.hypot(a, b) });
      }
      pages.push({ width, height, items });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The text of a whole PDF, pages separated by a form feed. */
export async function extractPdfText(pdf: Buffer | Uint8Array): Promise<string> {
  return (await extractPdfPages(pdf)).join('\n\f');
}
