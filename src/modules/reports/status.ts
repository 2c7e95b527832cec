/**
 * Where each unit stands with the year's report (条例 第四十九条): which report it owes (a government
 * its area summary, by the government deadline; every other unit its own report, by the department
 * deadline), whether it is published, and the countdown or the late/missing flag. Two queries for any
 * number of units, so the dashboard stays fast for a whole city.
 */
import type { DbOrTx } from '../../core/db/index.ts';
import { deadlineStatus, type DeadlineSettings, type DeadlineStatus } from './domain/deadlines.ts';
import { deadlineSettings, reportStates, requiredKind, unitsInScope, type ReportRow } from './repository.ts';
import type { ReportUnit } from './sources.ts';
import type { ReportKind, ReportOrigin, ReportStatus } from './tables.ts';

export interface UnitReportState {
  unit: ReportUnit;
  kind: ReportKind;
  status: ReportStatus | null;
  origin: ReportOrigin | null;
  publishedOn: string | null;
  deadline: DeadlineStatus;
}

export function deadlineOf(kind: ReportKind, year: number, today: string, settings: DeadlineSettings, row?: Pick<ReportRow, 'status' | 'published_on'>): DeadlineStatus {
  const publishedOn = row?.status === 'published' && row.published_on ? row.published_on : undefined;
  return deadlineStatus({ kind: kind === 'summary' ? 'government' : 'department', year, today, settings, ...(publishedOn ? { publishedOn } : {}) });
}

export async function reportOverview(db: DbOrTx, scope: string[], year: number, today: string): Promise<{ rows: UnitReportState[]; settings: DeadlineSettings }> {
  const [units, settings] = await Promise.all([unitsInScope(db, scope), deadlineSettings(db)]);
  const states = await reportStates(db, units.map((u) => u.id), year);
  const rows = units.map((unit) => {
    const kind = requiredKind(unit);
    const row = states.find((s) => s.unit_id === unit.id && s.kind === kind);
    return { unit, kind, status: row?.status ?? null, origin: row?.origin ?? null, publishedOn: row?.published_on ?? null, deadline: deadlineOf(kind, year, today, settings, row) };
  });
  return { rows, settings };
}
