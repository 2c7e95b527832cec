/**
 * Each row's state (domain/timeliness.ts) from the database: its links' publications and the
 * working-day calendar of the catalog's county. Used by the coverage report, the public page and the API.
 */
import type { DbOrTx } from '../../core/db/index.ts';
import { calendarFor, countyOfUnitCode } from '../../core/calendar/store.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { coverageOf, rowStatus, type Coverage, type DeadlineKind, type RowStatus } from './domain/timeliness.ts';
import { linksOf, publicationsOf, rowsOf, type CatalogRow, type LinkRow, type RowRow } from './store/queries.ts';

export type RowWithState = RowRow & { status: RowStatus; links: LinkRow[] };

export async function rowsWithState(db: DbOrTx, catalogs: CatalogRow[], today = shanghaiDate()): Promise<Map<number, RowWithState[]>> {
  const rows = await rowsOf(db, catalogs.map((c) => c.id));
  const ids = rows.map((r) => r.id);
  const [pubs, links] = await Promise.all([publicationsOf(db, ids), linksOf(db, ids)]);
  const byRow = new Map<number, LinkRow[]>();
  for (const l of links) byRow.set(l.row_id, [...(byRow.get(l.row_id) ?? []), l]);
  const out = new Map<number, RowWithState[]>(catalogs.map((c) => [c.id, []]));
  const unitCode = new Map(catalogs.map((c) => [c.id, c.unit_code]));
  for (const r of rows) {
    const cal = await calendarFor(db, countyOfUnitCode(unitCode.get(r.catalog_id) ?? ''));
    const status = rowStatus({ kind: r.deadline_kind as DeadlineKind, n: r.deadline_n }, r.trigger, pubs.get(r.id) ?? { firstAfter: null, last: null }, today, cal);
    out.get(r.catalog_id)!.push({ ...r, status, links: byRow.get(r.id) ?? [] });
  }
  return out;
}

export const coverageOfRows = (rows: RowWithState[]): Coverage => coverageOf(rows.map((r) => r.status.state));
