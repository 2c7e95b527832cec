/**
 * The A4 page of generated letters and reports (GB/T 9704-2012 公文格式: 天头 37 mm, 订口 28 mm), in PDF
 * points. Kept apart from pdf.ts so that reading the geometry does not load the PDF library.
 */
export const MM = 72 / 25.4;
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM } as const;
/** The content box every page's text and tables stay inside (the footer lies below it). */
export const PDF_CONTENT_BOX = { left: MARGIN.left, right: A4.width - MARGIN.right, top: MARGIN.top, bottom: A4.height - MARGIN.bottom } as const;
