/**
 * Text out of DOCX and PDF files: for search indexing of uploaded attachments and for tests that check
 * what a rendered letter actually says.
 *
 * DOCX is a zip; a small reader here (central directory + inflateRaw) avoids a dependency. PDF text comes
 * from pdfjs-dist's legacy build, which runs in Node without a canvas; it reads the ToUnicode maps, so a
 * PDF whose CJK font was embedded properly gives back its Chinese text.
 */
import { inflateRawSync } from 'node:zlib';

/** Reads one member of a zip archive; null when it is not there. */
export function readZipEntry(zip: Buffer, name: string): Buffer | null {
  // End-of-central-directory record: the last 22+ bytes, found by its signature from the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entryName === name) {
      if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('corrupt zip local header');
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`unsupported zip compression method ${method} for ${name}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

/** The XML of a DOCX part, `word/document.xml` by default. */
export function readDocxXml(docx: Buffer, part = 'word/document.xml'): string {
  const bytes = readZipEntry(docx, part);
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
export function extractDocxText(docx: Buffer): string {
  const xml = readDocxXml(docx);
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

/** The text of a whole PDF, pages separated by a form feed. */
export async function extractPdfText(pdf: Buffer | Uint8Array): Promise<string> {
  return (await extractPdfPages(pdf)).join('\n\f');
}
