/**
 * JSON Lines of the standard catalogs, beside the documents' and the powers' (docs/import-format.md):
 * one row a line,
 *   {"unit":"<统一社会信用代码>","area":"21","year":2020,"status":"published","seq":1,"item1":"…","item2":"…",
 *    "content":"…","basis":"…","deadline":"信息形成或者变更之日起20个工作日内","trigger":"2020-08-25"|null,
 *    "subject":"…","channels":["website","board"],"audiences":["public"],"modes":["proactive"],"levels":["county"]}
 * `area` is the area's code or Chinese name; the sets take keys (domain/rules.ts) or Chinese names.
 * Export writes every catalog (any status) the caller names; import checks every line first and
 * writes nothing when one is bad, then replaces the rows of each unit's draft catalog of that area
 * and year (opening it when missing). Links are not carried (they point at this platform's ids).
 */
import type { Db } from '../../core/db/index.ts';
import type { CommandContext } from '../../core/commands/context.ts';
import { conflict, notFound } from '../../core/http/errors.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { unitByCode } from '../units/repository.ts';
import { jsonLines, NOT_AN_OBJECT, type LineError } from '../../core/jsonl.ts';
import { createCatalog, importRows, moveCatalog } from './commands.ts';
import { areaOf } from './domain/areas.ts';
import { validateRow, yearError, type RowValue } from './domain/rules.ts';
import { listCatalogs, rowsOf } from './store/queries.ts';

export async function exportLines(db: Db, o: { unitCode?: string; year?: number; area?: string } = {}): Promise<string[]> {
  let unitId: number | undefined;
  if (o.unitCode) {
    const u = await unitByCode(db, o.unitCode.trim().toUpperCase());
    if (!u) throw notFound({ zh: '单位', en: 'unit' });
    unitId = u.id;
  }
  const area = o.area ? areaOf(o.area)?.code ?? '--' : undefined;
  const out: string[] = [];
  for (const c of await listCatalogs(db, { unitId, year: o.year, area })) {
    for (const r of await rowsOf(db, [c.id])) {
      out.push(JSON.stringify({ unit: c.unit_code, area: c.area, year: c.year, status: c.status, seq: r.seq, item1: r.item1, item2: r.item2, content: r.content, basis: r.basis, deadline: r.deadline, trigger: r.trigger, subject: r.subject, channels: r.channels, audiences: r.audiences, modes: r.modes, levels: r.levels }));
    }
  }
  return out;
}

export type { LineError };

/** Imports JSON Lines; with `publish`, each catalog imported is published afterwards. */
export async function importLines(db: Db, ctx: CommandContext, text: string, o: { publish?: boolean; thisYear?: number } = {}): Promise<{ errors: LineError[]; catalogs: { unit: string; area: string; year: number; added: number; updated: number; removed: number }[] }> {
  const thisYear = o.thisYear ?? Number(shanghaiDate().slice(0, 4));
  const errors: LineError[] = [];
  const groups = new Map<string, { unit: string; area: string; year: number; rows: RowValue[]; keys: Set<string> }>();
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
    const area = areaOf(raw.area);
    if (!area) errors.push({ line: n + 1, field: 'area', message: { zh: '领域须为 26 个试点领域的编号（01—26）或名称', en: 'area: the code (01–26) or name of one of the 26 areas' } });
    const year = Number(raw.year);
    const yErr = yearError(year, thisYear);
    if (yErr) errors.push({ line: n + 1, field: 'year', message: yErr });
    const { value, errors: e } = validateRow({ ...raw, seq: raw.seq === undefined ? '' : String(raw.seq) });
    for (const [f, m] of Object.entries(e)) errors.push({ line: n + 1, field: f, message: m });
    const key = `${unit}/${area?.code}/${year}`;
    const g = groups.get(key) ?? { unit, area: area?.code ?? '', year, rows: [], keys: new Set<string>() };
    groups.set(key, g);
    const rk = `${value.item1}\u0000${value.item2}`;
    if (g.keys.has(rk)) errors.push({ line: n + 1, field: 'item2', message: { zh: '同一目录中一级、二级事项重复', en: 'the items repeat within the catalog' } });
    g.keys.add(rk);
    g.rows.push(value);
  }
  if (errors.length) return { errors, catalogs: [] };
  const catalogs = [];
  for (const g of groups.values()) {
    const unitId = unitIds.get(g.unit)!;
    const cat = (await listCatalogs(db, { unitId, area: g.area, year: g.year }))[0];
    if (cat && cat.status !== 'draft') throw conflict({ zh: `${g.unit} ${g.year} 年度领域 ${g.area} 的目录不是草稿，请先退回草稿`, en: `The ${g.year} catalog of area ${g.area} of ${g.unit} is not a draft; return it to draft first` });
    const id = cat?.id ?? (await createCatalog(db, ctx, unitId, g.area, g.year, thisYear));
    const r = await importRows(db, ctx, id, g.rows, 'jsonl');
    if (o.publish) await moveCatalog(db, ctx, id, 'publish');
    catalogs.push({ unit: g.unit, area: g.area, year: g.year, ...r });
  }
  return { errors, catalogs };
}
