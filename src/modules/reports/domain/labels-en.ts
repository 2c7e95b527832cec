/**
 * English names of the report's cells, for the admin UI in the English locale (forms, refusals, drill-down
 * titles). The report itself stays in Chinese — its labels are the official ones of the format
 * (国办公开办函〔2021〕30号 / 〔2019〕60号) — so these are only ever shown around it, never in it.
 */
import type { Msg } from './types.ts';
import { cellLabel, type ReportFormat } from './formats.ts';

const T2_ROWS: Record<string, string> = {
  regulations: 'Rules (规章)',
  normative: 'Normative documents',
  licensing: 'Administrative licensing',
  other_services: 'Other external management services',
  penalty: 'Administrative penalties',
  coercion: 'Administrative coercion',
  fees: 'Administrative fees',
  procurement: 'Government centralised procurement',
};

const T2_CELLS: Record<string, string> = {
  issued: 'issued this year',
  repealed: 'repealed this year',
  in_force: 'in force',
  published: 'published this year',
  published_total: 'published in total',
  decisions: 'decisions this year',
  amount_wan_yuan: 'amount (10,000 yuan)',
  items_prev_year: 'items last year',
  items_change: 'change this year (+/−)',
  projects: 'procurement projects',
};

const T3_ROWS: Record<string, string> = {
  '3.1': 'I. New applications this year',
  '3.2': 'II. Applications carried over from last year',
  '3.3.1': 'III.(1) Disclosed',
  '3.3.2': 'III.(2) Partly disclosed',
  '3.3.3.1': 'III.(3) Not disclosed: 1. state secret',
  '3.3.3.2': 'III.(3) Not disclosed: 2. prohibited by other laws',
  '3.3.3.3': 'III.(3) Not disclosed: 3. security and stability',
  '3.3.3.4': 'III.(3) Not disclosed: 4. third-party rights',
  '3.3.3.5': 'III.(3) Not disclosed: 5. internal affairs',
  '3.3.3.6': 'III.(3) Not disclosed: 6. process information',
  '3.3.3.7': 'III.(3) Not disclosed: 7. enforcement files',
  '3.3.3.8': 'III.(3) Not disclosed: 8. administrative queries',
  '3.3.4.1': 'III.(4) Cannot be provided: 1. not held',
  '3.3.4.2': 'III.(4) Cannot be provided: 2. would need to be created',
  '3.3.4.3': 'III.(4) Cannot be provided: 3. still unclear after correction',
  '3.3.5.1': 'III.(5) Not handled: 1. petitions and complaints',
  '3.3.5.2': 'III.(5) Not handled: 2. repeated applications',
  '3.3.5.3': 'III.(5) Not handled: 3. published materials',
  '3.3.5.4': 'III.(5) Not handled: 4. excessive repeated applications',
  '3.3.5.5': 'III.(5) Not handled: 5. confirming information already obtained',
  '3.3.6': 'III.(6) Other handling',
  '3.3.6.1': 'III.(6) Other: 1. no correction in time',
  '3.3.6.2': 'III.(6) Other: 2. fee not paid in time',
  '3.3.6.3': 'III.(6) Other: 3. other',
  '3.3.7': 'III.(7) Total',
  '3.4': 'IV. Carried over to next year',
};

const T3_COLUMNS: Record<string, string> = {
  natural: 'natural persons',
  commercial: 'businesses',
  research: 'research institutions',
  public_interest: 'public-interest organisations',
  legal_services: 'legal service providers',
  other_org: 'other organisations',
  total: 'total',
};

const T4_GROUPS: Record<string, string> = {
  review: 'Administrative review',
  litigation_direct: 'Lawsuits without prior review',
  litigation_after_review: 'Lawsuits after review',
};

const T4_CELLS: Record<string, string> = { upheld: 'upheld', corrected: 'corrected', other: 'other outcome', pending: 'pending', total: 'total' };

/** An English name for a cell path ("Table 2 Administrative licensing · decisions this year"). */
export function cellLabelEn(path: string): string {
  const [table, ...rest] = path.split('.');
  if (table === 'table2') return `Table 2 ${T2_ROWS[rest[0]] ?? rest[0]} · ${T2_CELLS[rest[1]] ?? rest[1]}`;
  if (table === 'table3') {
    const col = rest[rest.length - 1];
    const row = rest.slice(0, -1).join('.');
    return `Table 3 ${T3_ROWS[row] ?? row} · ${T3_COLUMNS[col] ?? col}`;
  }
  if (table === 'table4') return `Table 4 ${T4_GROUPS[rest[0]] ?? rest[0]} · ${T4_CELLS[rest[1]] ?? rest[1]}`;
  return path;
}

/** A cell's name in both locales: the official Chinese label and the English one. */
export function cellName(f: ReportFormat, path: string): Msg {
  return { zh: cellLabel(f, path), en: cellLabelEn(path) };
}
