/**
 * Writes report fixtures into the DATABASE: cases and appeals into the requests tables, 规章 and
 * 规范性文件 with their validity events into the documents tables — the rows `caseRecordsForReport`
 * and the documents adapter read. The story is the domain's hand-built fixture (domain/test-fixture.ts),
 * so the expected cells written out in the tests are the same story told through the tables.
 */
import { caseTextColumns } from '../../requests/store/fixtures.test-helper.ts';
import { actorContext, type CommandContext } from '../../../core/commands/context.ts';
import { loadGrants } from '../../../core/auth/sessions.ts';
import type { Db, DbOrTx } from '../../../core/db/index.ts';
import { fixture } from '../domain/test-fixture.ts';
import type { CaseRecord, NormativeDocRecord } from '../domain/compute.ts';

export async function ctxFor(db: Db, username: string): Promise<CommandContext> {
  const u = await db.selectFrom('users').select(['id', 'display_name', 'unit_id']).where('username', '=', username).executeTakeFirstOrThrow();
  return actorContext({ userId: u.id, username, displayName: u.display_name, unitId: u.unit_id, grants: await loadGrants(db, u.id) }, null);
}

/** Terminal status a concluded case of this result row has in the requests module. */
function statusFor(c: CaseRecord): string {
  if (!c.concluded) return 'accepted';
  if (c.result === '3.3.6.1') return 'abandoned';
  if (c.result === '3.3.6.2') return 'fee_unpaid';
  if (c.result === '3.3.6.3') return 'withdrawn';
  return 'closed';
}

let serial = 0;

export async function insertCase(db: DbOrTx, unitId: number, c: Omit<CaseRecord, 'unit' | 'id'> & { status?: string; transferredTo?: number }): Promise<number> {
  const row = await db
    .insertInto('request_cases')
    .values({
      unit_id: unitId,
      ref: `${c.ref}-${++serial}`,
      source: 'staff',
      status: (c.status ?? statusFor(c as CaseRecord)) as never,
      channel: 'letter',
      category: c.applicantCategory,
      ...caseTextColumns('测试申请人', '测试用申请内容', c.applicantCategory),
      received_on: c.received,
      concluded_on: c.concluded ?? null,
      result_row: c.result ?? null,
      transferred_to: c.transferredTo ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const a of c.appeals) {
    await db
      .insertInto('request_appeals')
      .values({ case_id: row.id, kind: a.kind, outcome: a.outcome, filed_on: a.filed ?? null, decided_on: a.decided ?? null, created_by: 'test' })
      .execute();
  }
  return row.id;
}

const VALIDITY_CODE: Record<string, string> = { 尚未生效: 'not_yet_effective', 有效: 'effective', 已修改: 'amended', 已废止: 'repealed', 失效: 'expired' };

export async function insertDoc(db: DbOrTx, unitId: number, d: Omit<NormativeDocRecord, 'unit' | 'id'> & { title?: string }): Promise<number> {
  serial++;
  const published = d.published ?? d.issued;
  const row = await db
    .insertInto('documents')
    .values({
      unit_id: unitId,
      index_no: `TEST-${unitId}-${serial}`,
      index_year: Number(d.issued.slice(0, 4)),
      index_serial: serial,
      title: d.title ?? `测试${d.kind === 'regulation' ? '规章' : '规范性文件'}${serial}`,
      legal_form: d.kind,
      written_date: d.issued,
      publish_date: published,
      status: 'published',
      published_at: `${published}T02:00:00Z`,
      validity: d.events.length ? VALIDITY_CODE[d.events[d.events.length - 1].validity] : 'effective',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const e of d.events) {
    await db.insertInto('validity_events').values({ document_id: row.id, date: e.date, validity: VALIDITY_CODE[e.validity] }).execute();
  }
  return row.id;
}

/**
 * The domain fixture of year Y: unit U1's records go to `u1`, U2's to `u2`. Returns fixture id → row id
 * (c01 → 17 …) so tests can check drill-down lists by the fixture's names.
 */
export async function insertFixture(db: DbOrTx, Y: number, u1: number, u2: number): Promise<Map<string, string>> {
  const { cases, docs } = fixture(Y);
  const ids = new Map<string, string>();
  for (const c of cases) ids.set(c.id, String(await insertCase(db, c.unit === 'U1' ? u1 : u2, c)));
  for (const d of docs) ids.set(d.id, String(await insertDoc(db, d.unit === 'U1' ? u1 : u2, d)));
  return ids;
}
