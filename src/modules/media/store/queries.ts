/** Reads of the 政务新媒体 registry: accounts with their latest inspection. */
import { sql } from 'kysely';
import { inScope } from '../../../core/auth/policy.ts';
import type { DbOrTx } from '../../../core/db/index.ts';

export interface AccountRow {
  id: number; unit_id: number; unit_name: string; unit_slug: string; unit_code: string; unit_path: string;
  platform: string; name: string; account_id: string; operator: string; opened_on: string | null; status: string; closed_on: string | null;
  has_qr: boolean; last_inspected_on: string | null; last_post_on: string | null; last_pass: boolean | null;
}

const base = (db: DbOrTx) =>
  db
    .selectFrom('media_accounts as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoinLateral(
      (eb) => eb.selectFrom('media_inspections as i').select(['i.inspected_on', 'i.last_post_on', 'i.pass']).whereRef('i.account_id', '=', 'a.id').orderBy('i.inspected_on', 'desc').orderBy('i.id', 'desc').limit(1).as('li'),
      (j) => j.onTrue(),
    )
    .select([
      'a.id', 'a.unit_id', 'u.name as unit_name', 'u.slug as unit_slug', 'u.code as unit_code', 'u.path as unit_path',
      'a.platform', 'a.name', 'a.account_id', 'a.operator', 'a.opened_on', 'a.status', 'a.closed_on',
      sql<boolean>`a.qr_data is not null`.as('has_qr'),
      'li.inspected_on as last_inspected_on', 'li.last_post_on', 'li.pass as last_pass',
    ]);

/** Accounts of a subtree (public lists: `unitPath` the unit's own path; admin: the actor's scope). */
export async function listAccounts(db: DbOrTx, o: { scope?: string[]; unitId?: number; subtreeOf?: string; limit?: number; offset?: number } = {}): Promise<AccountRow[]> {
  let q = base(db);
  if (o.scope) q = q.where(inScope('u.path', o.scope));
  if (o.unitId !== undefined) q = q.where('a.unit_id', '=', o.unitId);
  if (o.subtreeOf) q = q.where('u.path', 'like', o.subtreeOf.replace(/[%_\\]/g, '\\$&') + '%');
  return (await q.orderBy('u.path').orderBy('a.status', 'desc').orderBy('a.id').limit(o.limit ?? 1000).offset(o.offset ?? 0).execute()) as AccountRow[];
}

export async function accountById(db: DbOrTx, id: number): Promise<AccountRow | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return undefined;
  return (await base(db).where('a.id', '=', id).executeTakeFirst()) as AccountRow | undefined;
}

export async function qrOf(db: DbOrTx, id: number): Promise<{ mime: string; data: Uint8Array } | undefined> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return undefined;
  const r = await db.selectFrom('media_accounts').select(['qr_mime', 'qr_data']).where('id', '=', id).executeTakeFirst();
  return r?.qr_data && r.qr_mime ? { mime: r.qr_mime, data: r.qr_data } : undefined;
}

export async function inspectionsOf(db: DbOrTx, accountId: number) {
  const rows = await db.selectFrom('media_inspections').selectAll().where('account_id', '=', accountId).orderBy('inspected_on', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => ({ ...r, findings: (typeof r.findings === 'string' ? JSON.parse(r.findings) : r.findings) as { zh: string; en: string }[] }));
}
