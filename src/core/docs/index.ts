/** Documents: one model (model.ts), rendered to DOCX (docx.ts), PDF (pdf.ts) and text (text.ts). */
export * from './model.ts';
export { formatChineseDate, displayDate, chineseNumber } from './format.ts';
export { renderDocx, type DocxOptions } from './docx.ts';
export { renderPdf, PDF_CONTENT_BOX } from './pdf.ts';
export { docToText } from './text.ts';
export { extractDocxText, extractPdfText, extractPdfPages, extractPdfItems, readDocxXml, readZipEntry, type PdfTextItem, type PdfPageItems } from './extract.ts';
export { resolveGrid, type PlacedCell, type TableGrid } from './table-grid.ts';
export { DEFAULT_DOCX_FONTS, type DocxFonts } from './fonts.ts';
