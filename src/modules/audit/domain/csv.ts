/**
 * CSV for the audit export: RFC 4180 quoting, CRLF lines, a UTF-8 byte-order mark so Excel opens
 * the Chinese text correctly, and cells that a spreadsheet would run as a formula (= + - @, tab,
 * CR) prefixed with an apostrophe — titles and names are typed by users (OWASP "CSV injection").
 */
export const BOM = '\ufeff';

export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** "2024-03-01 09:05:07" in Asia/Shanghai (UTC+8): a value Excel reads as a date and time. */
export function csvTime(d: Date): string {
  return new Date(new Date(d).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
