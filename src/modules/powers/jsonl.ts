/**
 * JSON Lines of the 权责清单, beside the documents' (docs/import-format.md): one item a line,
 *   {"unit":"<统一社会信用代码>","year":2020,"status":"published","type":"licensing","code":"…","name":"…",
 *    "basis":"…","subject":"…","duties":"…","accountability":"…"}
 * `type` is a key of domain/rules.ts TYPES or its Chinese name. Export writes every list (any status)
 * the caller names; import checks every line first and writes nothing when one is bad, then replaces
 * the items of each unit's draft list of that year (opening it when missing). 流程图 images are not
 * carried (they stay in the database; items keep theirs when the code is unchanged).
 */
import type { Db } from '../../core/db/index.ts';
import type { CommandContext } from '../../core/commands/context.ts';
import { conflict, notFound } from '../../core/http/errors.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { unitByCode } from '../units/repository.ts';
import { jsonLines, NOT_AN_OBJECT, type LineError } from '../../core/jsonl.ts';
import { createList, importItems, moveList } from './commands.ts';
import { FIELDS, validateItem, yearError, type ItemInput } from './domain/rules.ts';
import { itemsOf, listLists } from './store/queries.ts';

export async function exportLines(db: Db, o: { unitCode?: string; year?: number } = {}): Promise<string[]> {
  let unitId: number | undefined;
  if (o.unitCode) {
    const u = await unitByCode(db, o.unitCode.trim().toUpperCase());
    if (!u) throw notFound({ zh: '单位', en: 'unit' });
    unitId = u.id;
  }
  const out: string[] = [];
  for (const l of await listLists(db, { unitId })) {
    if (o.year !== undefined && l.year !== o.year) continue;
    for (const i of await itemsOf(db, l.id)) out.push(JSON.stringify({ unit: l.unit_code, year: l.year, status: l.status, ...Object.fromEntries(FIELDS.map((f) => [f, i[f]])) }));
  }
  return out;
}

export type { LineError };

/** Imports JSON Lines; with `publish`, each list imported is published afterwards. */
export async function importLines(db: Db, ctx: CommandContext, text: string, o: { publish?: boolean; thisYear?: number } = {}): Promise<{ errors: LineError[]; lists: { unit: string; year: number; added: number; updated: number; removed: number }[] }> {
  const thisYear = o.thisYear ?? Number(shanghaiDate().slice(0, 4));
  const errors: LineError[] = [];
  const groups = new Map<string, { unit: string; year: number; items: ItemInput[]; codes: Set<string> }>();
  const unitIds = new Map<string, number | null>();
  for (const { line: ln, obj: raw } of jsonLines(text)) {
    const n = ln - 1;
    if (!raw) {
      errors.push({ line: ln, field: '-', message: NOT_AN_OBJECT });
      continue;
    }
    const unit = String(raw.unit ?? '').trim().toUpperCase();
    if (!unitIds.has(unit)) unitIds.set(unit, /^[0-9A-Z]{18}$/.test(unit) ? (await unitByCode(db, unit))?.id ?? null : null);
    if (!unitIds.get(unit)) errors.push({ line: n + 1, field: 'unit', message: { zh: `未找到单位代码"${unit}"`, en: `no unit with the code "${unit}"` } });
    const year = Number(raw.year);
    const yErr = yearError(year, thisYear);
    if (yErr) errors.push({ line: n + 1, field: 'year', message: yErr });
    const { value, errors: e } = validateItem(raw);
    for (const [f, m] of Object.entries(e)) errors.push({ line: n + 1, field: f, message: m });
    const key = `${unit}/${year}`;
    const g = groups.get(key) ?? { unit, year, items: [], codes: new Set<string>() };
    groups.set(key, g);
    if (g.codes.has(value.code)) errors.push({ line: n + 1, field: 'code', message: { zh: '同一单位同一年度的编码重复', en: 'the code repeats within the unit and year' } });
    g.codes.add(value.code);
    g.items.push(value);
  }
  if (errors.length) return { errors, lists: [] };
  const lists = [];
  for (const g of groups.values()) {
    const unitId = unitIds.get(g.unit)!;
    const list = (await listLists(db, { unitId })).find((l) => l.year === g.year);
    if (list && list.status !== 'draft') throw conflict({ zh: `${g.unit} ${g.year} 年度清单不是草稿，请先退回草稿`, en: `The ${g.year} list of ${g.unit} is not a draft; return it to draft first` });
    const id = list?.id ?? (await createList(db, ctx, unitId, g.year, thisYear));
    const r = await importItems(db, ctx, id, g.items, 'jsonl');
    if (o.publish) await moveList(db, ctx, id, 'publish');
    lists.push({ unit: g.unit, year: g.year, ...r });
  }
  return { errors, lists };
}
