/** Documents: one model (model.ts), rendered to DOCX (docx.ts), PDF (pdf.ts) and text (text.ts). */
export * from './model.ts';
export { formatChineseDate, displayDate, chineseNumber } from './format.ts';
export type { DocxOptions } from './docx.ts';
export { PDF_CONTENT_BOX } from './page.ts';
import type { DocModel } from './model.ts';
import type { DocxOptions } from './docx.ts';

// The DOCX and PDF libraries (docx, pdfkit with its font handling) take ~35 MB once loaded; a web
// process that never renders a letter or report should not hold them (issue #15.4, RSS ≤ 300 MB).
/** DOCX of a document model (docx.ts), loading the library on first use. */
export async function renderDocx(model: DocModel, options: DocxOptions = {}): Promise<Buffer> {
  return (await import('./docx.ts')).renderDocx(model, options);
}
/** PDF of a document model (pdf.ts), loading the library on first use. */
export async function renderPdf(model: DocModel): Promise<Buffer> {
  return (await import('./pdf.ts')).renderPdf(model);
}
export { docToText } from './text.ts';
export { extractDocxText, extractPdfText, extractPdfPages, extractPdfItems, readDocxXml, readZipEntry, type PdfTextItem, type PdfPageItems } from './extract.ts';
export { resolveGrid, type PlacedCell, type TableGrid } from './table-grid.ts';
export { DEFAULT_DOCX_FONTS, type DocxFonts } from './fonts.ts';
