/**
 * JSON Lines files as the import commands read them (`gongkai powers import`, `gongkai catalogs
 * import`): one object a line, blank lines skipped, every error named by its line and field.
 */
import type { Msg } from './render/i18n.ts';

export interface LineError { line: number; field: string; message: Msg }

export const NOT_AN_OBJECT: Msg = { zh: '不是一个 JSON 对象', en: 'not a JSON object' };

/** The non-blank lines in file order, each with its object, or null where the line is not a JSON object. */
export function jsonLines(text: string): { line: number; obj: Record<string, unknown> | null }[] {
  const out: { line: number; obj: Record<string, unknown> | null }[] = [];
  text.split('\n').forEach((l, i) => {
    const line = l.trim();
    if (!line) return;
    let obj: Record<string, unknown> | null = null;
    try {
      const v = JSON.parse(line) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) obj = v as Record<string, unknown>;
    } catch {
      obj = null;
    }
    out.push({ line: i + 1, obj });
  });
  return out;
}
