/**
 * Where each unit stands with the year's report (条例 第四十九条): which report it owes (a government
 * its area summary, by the government deadline; every other unit its own report, by the department
 * deadline), whether it is published, and the countdown or the late/missing flag. A report the unit
 * published as a document in its 年报 column (titled with the year) counts as published, as the column
 * lists it. A few queries for any number of units, so the dashboard stays fast for a whole city.
 */
import type { DbOrTx } from '../../../core/db/index.ts';
import { deadlineStatus, type DeadlineSettings, type DeadlineStatus } from '../domain/deadlines.ts';
import { deadlineSettings, reportDocumentDates, reportStates, requiredKind, unitsInScope, type ReportRow } from './repository.ts';
import type { ReportUnit } from './sources.ts';
import type { ReportKind, ReportOrigin, ReportStatus } from './tables.ts';

export interface UnitReportState {
  unit: ReportUnit;
  kind: ReportKind;
  status: ReportStatus | null;
  origin: ReportOrigin | null;
  publishedOn: string | null;
  /** Published as a document in the unit's 年报 column (not made on the platform): its date. */
  documentOn: string | null;
  deadline: DeadlineStatus;
}

export function deadlineOf(kind: ReportKind, year: number, today: string, settings: DeadlineSettings, row?: Pick<ReportRow, 'status' | 'published_on'>): DeadlineStatus {
  const publishedOn = row?.status === 'published' && row.published_on ? row.published_on : undefined;
  return deadlineStatus({ kind: kind === 'summary' ? 'government' : 'department', year, today, settings, ...(publishedOn ? { publishedOn } : {}) });
}

/** The state of each unit's required report on `year`. */
async function statesOf(db: DbOrTx, units: ReportUnit[], year: number, today: string, settings: DeadlineSettings): Promise<UnitReportState[]> {
  const ids = units.map((u) => u.id);
  const [states, documents] = await Promise.all([reportStates(db, ids, year), reportDocumentDates(db, ids, year)]);
  return units.map((unit) => {
    const kind = requiredKind(unit);
    const row = states.find((s) => s.unit_id === unit.id && s.kind === kind);
    const documentOn = row?.status === 'published' ? null : (documents.get(unit.id) ?? null);
    const effective = documentOn ? { status: 'published' as const, published_on: documentOn } : row;
    return { unit, kind, status: row?.status ?? null, origin: row?.origin ?? null, publishedOn: row?.published_on ?? null, documentOn, deadline: deadlineOf(kind, year, today, settings, effective) };
  });
}

export async function reportOverview(db: DbOrTx, scope: string[], year: number, today: string): Promise<{ rows: UnitReportState[]; settings: DeadlineSettings }> {
  const [units, settings] = await Promise.all([unitsInScope(db, scope, year), deadlineSettings(db)]);
  return { rows: await statesOf(db, units, year, today, settings), settings };
}

/**
 * Units of `units` whose own report on `year` is overdue today — not published and past its deadline
 * (条例 第四十九条) — for the checks of an area summary.
 */
export async function overdueUnits(db: DbOrTx, units: ReportUnit[], year: number, today: string): Promise<{ unit: ReportUnit; deadline: DeadlineStatus }[]> {
  if (!units.length) return [];
  const states = await statesOf(db, units, year, today, await deadlineSettings(db));
  return states.filter((x) => x.deadline.state === 'missing');
}
