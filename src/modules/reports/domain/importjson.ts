/**
 * Validates an imported annual report (the JSON shape of annual-report.md, plus optional `format` and
 * `sources`) and unit-entered figures imported as JSON. Only the SHAPE is checked here — every cell of
 * the year's format present, nothing else, values of the right type — and each problem is reported
 * with its path. Arithmetic (totals, balance, carry-over, signs) is left to checkReport, so an import
 * with inconsistent figures loads as a draft and its failing cells are shown, as for any draft.
 * The tables' rows and columns are fixed by the format (国办公开办函〔2021〕30号), so unknown keys are errors.
 */
import type { AnnualReport, Msg, Table4GroupCode } from './types.ts';
import { FORMATS, formatIdForYear, manualCells, table2Cells, table3RowCodes, TABLE3_COLUMNS, TABLE4_GROUPS, TABLE4_CELLS, FIRST_REPORT_YEAR } from './formats.ts';
import { isDecimal, normalizeDecimal } from './decimal.ts';
import type { ManualFigures } from './compute.ts';

export interface ImportError {
  path: string;
  message: Msg;
}

export type ImportResult<T> = { ok: true; value: T } | { ok: false; errors: ImportError[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Accepts a decimal string, or a JSON number written plainly (no exponent); returns the canonical string. */
function asDecimal(v: unknown): string | null {
  const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  return isDecimal(s) ? normalizeDecimal(s) : null;
}

export function validateReportJson(input: unknown): ImportResult<AnnualReport> {
  const errors: ImportError[] = [];
  const err = (path: string, zh: string, en: string) => errors.push({ path, message: { zh, en } });
  if (!isObj(input)) {
    err('', '导入内容应为一个 JSON 对象', 'the import must be a JSON object');
    return { ok: false, errors };
  }
  for (const k of Object.keys(input)) {
    // `checks` is what an export adds (report-checks.ts); an exported file imports as it is, the checks
    // are run again on the imported figures.
    if (!['unit', 'year', 'format', 'table2', 'table3', 'table4', 'sources', 'checks'].includes(k)) err(k, `未知字段 ${k}`, `unknown field ${k}`);
  }
  if (typeof input.unit !== 'string' || !input.unit.trim()) err('unit', '缺少单位代码', 'unit code is required');
  const year = input.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > 2999) {
    err('year', `年度应为 ${FIRST_REPORT_YEAR} 年及以后的整数`, `year must be an integer from ${FIRST_REPORT_YEAR}`);
    return { ok: false, errors };
  }
  const fid = formatIdForYear(year);
  const fmt = FORMATS[fid];
  if (input.format !== undefined && input.format !== fid) {
    err('format', `${year}年度报告应使用“${fid}”格式`, `a report on ${year} uses format "${fid}"`);
  }

  const table2: AnnualReport['table2'] = {};
  const table3: AnnualReport['table3'] = {};
  const table4 = {} as AnnualReport['table4'];

  // table 2
  const cells2 = table2Cells(fmt);
  const t2 = input.table2;
  if (!isObj(t2)) err('table2', '缺少表二', 'table2 is missing');
  else {
    const rows = new Set(cells2.map((c) => c.row));
    for (const r of Object.keys(t2)) if (!rows.has(r)) err(`table2.${r}`, `表二没有“${r}”这一行（${fid} 格式）`, `table2 has no row ${r} in the ${fid} format`);
    for (const r of rows) {
      const row = t2[r];
      if (!isObj(row)) {
        err(`table2.${r}`, '缺少此行', 'row is missing');
        continue;
      }
      const cells = cells2.filter((c) => c.row === r);
      for (const k of Object.keys(row)) if (!cells.some((c) => c.code === k)) err(`table2.${r}.${k}`, `未知单元格 ${k}`, `unknown cell ${k}`);
      table2[r] = {};
      for (const c of cells) {
        const v = row[c.code];
        if (v === undefined) err(c.path, '缺少此单元格', 'cell is missing');
        else if (c.kind === 'decimal') {
          const d = asDecimal(v);
          if (d === null) err(c.path, '应为金额（数字或数字字符串，最多六位小数）', 'must be an amount (number or decimal string, at most 6 places)');
          else table2[r][c.code] = d;
        } else if (typeof v !== 'number' || !Number.isFinite(v)) err(c.path, '应为数字', 'must be a number');
        else table2[r][c.code] = v;
      }
    }
  }

  // table 3
  const rowCodes = table3RowCodes(fmt);
  const t3 = input.table3;
  if (!isObj(t3)) err('table3', '缺少表三', 'table3 is missing');
  else {
    for (const r of Object.keys(t3)) {
      if (!rowCodes.includes(r)) {
        const hint = fid === '2019' && r.startsWith('3.3.6.') ? '（试行格式的“其他处理”为单行 3.3.6）' : fid === '2021' && r === '3.3.6' ? '（2021 格式的“其他处理”分为 3.3.6.1–3.3.6.3）' : '';
        err(`table3.${r}`, `表三没有“${r}”这一行${hint}`, `table3 has no row ${r} in the ${fid} format`);
      }
    }
    for (const r of rowCodes) {
      const row = t3[r];
      if (!isObj(row)) {
        err(`table3.${r}`, '缺少此行', 'row is missing');
        continue;
      }
      for (const k of Object.keys(row)) if (!(TABLE3_COLUMNS as readonly string[]).includes(k)) err(`table3.${r}.${k}`, `未知列 ${k}`, `unknown column ${k}`);
      const out = {} as AnnualReport['table3'][string];
      for (const c of TABLE3_COLUMNS) {
        const v = row[c];
        if (typeof v !== 'number' || !Number.isFinite(v)) err(`table3.${r}.${c}`, v === undefined ? '缺少此单元格' : '应为数字', v === undefined ? 'cell is missing' : 'must be a number');
        else out[c] = v;
      }
      table3[r] = out;
    }
  }

  // table 4
  const t4 = input.table4;
  if (!isObj(t4)) err('table4', '缺少表四', 'table4 is missing');
  else {
    for (const g of Object.keys(t4)) if (!(TABLE4_GROUPS as readonly string[]).includes(g)) err(`table4.${g}`, `表四没有“${g}”`, `table4 has no group ${g}`);
    for (const g of TABLE4_GROUPS) {
      const grp = t4[g];
      if (!isObj(grp)) {
        err(`table4.${g}`, '缺少此组', 'group is missing');
        continue;
      }
      for (const k of Object.keys(grp)) if (!(TABLE4_CELLS as readonly string[]).includes(k)) err(`table4.${g}.${k}`, `未知单元格 ${k}`, `unknown cell ${k}`);
      const out = {} as AnnualReport['table4'][Table4GroupCode];
      for (const c of TABLE4_CELLS) {
        const v = grp[c];
        if (typeof v !== 'number' || !Number.isFinite(v)) err(`table4.${g}.${c}`, v === undefined ? '缺少此单元格' : '应为数字', v === undefined ? 'cell is missing' : 'must be a number');
        else out[c] = v;
      }
      table4[g] = out;
    }
  }

  // sources
  let sources: Record<string, string> | undefined;
  if (input.sources !== undefined) {
    if (!isObj(input.sources)) err('sources', '应为“单元格 → 来源说明”的对象', 'must be an object of cell path → note');
    else {
      const allowed = manualCells(fmt).map((c) => c.path);
      sources = {};
      for (const [k, v] of Object.entries(input.sources)) {
        if (!allowed.includes(k)) err(`sources.${k}`, '该单元格不是单位填报项', 'not a unit-entered cell');
        else if (typeof v !== 'string') err(`sources.${k}`, '来源说明应为文字', 'source note must be a string');
        else sources[k] = v;
      }
    }
  }

  if (errors.length) return { ok: false, errors };
  const report: AnnualReport = { unit: (input.unit as string).trim(), year, format: fid, table2, table3, table4 };
  if (sources) report.sources = sources;
  return { ok: true, value: report };
}

/**
 * Unit-entered figures imported as JSON: `{ "table2.licensing.decisions": { "value": 120, "source": "…" } }`.
 * Values are checked against the year's format; every entry needs a source note.
 */
export function validateManualFiguresJson(input: unknown, year: number): ImportResult<ManualFigures> {
  const errors: ImportError[] = [];
  const err = (path: string, zh: string, en: string) => errors.push({ path, message: { zh, en } });
  if (!isObj(input)) return { ok: false, errors: [{ path: '', message: { zh: '导入内容应为一个 JSON 对象', en: 'the import must be a JSON object' } }] };
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR) {
    return { ok: false, errors: [{ path: 'year', message: { zh: `年度应为 ${FIRST_REPORT_YEAR} 年及以后的整数`, en: `year must be an integer from ${FIRST_REPORT_YEAR}` } }] };
  }
  const defs = manualCells(FORMATS[formatIdForYear(year)]);
  const out: ManualFigures = {};
  for (const [path, entry] of Object.entries(input)) {
    const d = defs.find((x) => x.path === path);
    if (!d) {
      err(path, `${year}年度报告没有可填报的单元格 ${path}`, `${path} is not a unit-entered cell for ${year}`);
      continue;
    }
    if (!isObj(entry)) {
      err(path, '应为 { value, source }', 'must be { value, source }');
      continue;
    }
    if (typeof entry.source !== 'string' || !entry.source.trim()) err(`${path}.source`, '须注明数据来源', 'a source note is required');
    const v = entry.value;
    if (d.kind === 'decimal') {
      const s = asDecimal(v);
      if (s === null || s.startsWith('-')) err(`${path}.value`, '应为非负金额（最多六位小数）', 'must be a non-negative amount (at most 6 places)');
      else out[path] = { value: s, source: String(entry.source ?? '') };
    } else if (typeof v !== 'number' || !Number.isInteger(v) || (d.kind === 'count' && v < 0)) {
      err(`${path}.value`, d.kind === 'count' ? '应为非负整数' : '应为整数（减少用负值）', d.kind === 'count' ? 'must be a non-negative integer' : 'must be an integer');
    } else out[path] = { value: v, source: String(entry.source ?? '') };
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}
