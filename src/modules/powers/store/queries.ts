/** Reads of the 权责清单; public reads see published lists only. */
import { inScope } from '../../../core/auth/policy.ts';
import type { DbOrTx } from '../../../core/db/index.ts';

export interface ListRow { id: number; unit_id: number; unit_name: string; unit_slug: string; unit_code: string; unit_path: string; year: number; status: string; published_at: Date | null; updated_at: Date; updated_by: string; item_count: number }
export interface ItemRow { id: number; list_id: number; type: string; code: string; name: string; basis: string; subject: string; duties: string; accountability: string; has_chart: boolean; updated_at: Date }
export type PublicItemRow = ItemRow & { year: number; unit_id: number; unit_name: string; unit_slug: string; unit_code: string; status: string };

export const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;
const like = (s: string) => s.replace(/[%_\\]/g, '\\$&');

const lists = (db: DbOrTx) =>
  db.selectFrom('power_lists as l').innerJoin('units as u', 'u.id', 'l.unit_id').selectAll('l')
    .select(['u.name as unit_name', 'u.slug as unit_slug', 'u.code as unit_code', 'u.path as unit_path'])
    .select((eb) => eb.selectFrom('power_items as i').whereRef('i.list_id', '=', 'l.id').select(eb.fn.countAll<number>().as('n')).as('item_count'));

export async function listLists(db: DbOrTx, o: { scope?: string[]; unitId?: number; publishedOnly?: boolean } = {}): Promise<ListRow[]> {
  let q = lists(db);
  if (o.scope) q = q.where(inScope('u.path', o.scope));
  if (o.unitId !== undefined) q = q.where('l.unit_id', '=', o.unitId);
  if (o.publishedOnly) q = q.where('l.status', '=', 'published');
  const rows = await q.orderBy('u.path').orderBy('l.year', 'desc').limit(500).execute();
  return rows.map((r) => ({ ...r, item_count: Number(r.item_count ?? 0) })) as ListRow[];
}

/** The newest published list of each unit below `path` (not the unit itself): a government's page links the lists of its departments and lower governments. */
export async function newestListsBelow(db: DbOrTx, path: string, unitId: number): Promise<ListRow[]> {
  const rows = await lists(db).where('u.path', 'like', like(path) + '%').where('l.unit_id', '!=', unitId).where('l.status', '=', 'published')
    .orderBy('u.path').orderBy('l.year', 'desc').limit(1000).execute();
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.unit_id) && Boolean(seen.add(r.unit_id))).map((r) => ({ ...r, item_count: Number(r.item_count ?? 0) })) as ListRow[];
}

export async function listById(db: DbOrTx, id: number): Promise<ListRow | undefined> {
  if (!okId(id)) return undefined;
  const r = await lists(db).where('l.id', '=', id).executeTakeFirst();
  return r ? ({ ...r, item_count: Number(r.item_count ?? 0) } as ListRow) : undefined;
}

const itemCols = ['i.id', 'i.list_id', 'i.type', 'i.code', 'i.name', 'i.basis', 'i.subject', 'i.duties', 'i.accountability', 'i.updated_at'] as const;

/** Items of a list; `q` matches the name, the code or the legal basis; `type` one of the ten. */
export async function itemsOf(db: DbOrTx, listId: number, o: { q?: string; type?: string } = {}): Promise<ItemRow[]> {
  let q = db.selectFrom('power_items as i').select(itemCols).select((eb) => eb('i.chart_data', 'is not', null).as('has_chart')).where('i.list_id', '=', listId);
  if (o.type) q = q.where('i.type', '=', o.type);
  if (o.q) {
    const p = '%' + like(o.q) + '%';
    q = q.where((eb) => eb.or([eb('i.name', 'ilike', p), eb('i.code', 'ilike', p), eb('i.basis', 'ilike', p)]));
  }
  return (await q.orderBy('i.code').orderBy('i.id').limit(5000).execute()) as ItemRow[];
}

/** Published items across a subtree (the API), optionally of one year and one type. */
export async function publishedItems(db: DbOrTx, o: { subtreeOf?: string; year?: number; type?: string; limit?: number }): Promise<PublicItemRow[]> {
  let q = db.selectFrom('power_items as i').innerJoin('power_lists as l', 'l.id', 'i.list_id').innerJoin('units as u', 'u.id', 'l.unit_id')
    .select(itemCols).select((eb) => eb('i.chart_data', 'is not', null).as('has_chart'))
    .select(['l.year', 'l.unit_id', 'l.status', 'u.name as unit_name', 'u.slug as unit_slug', 'u.code as unit_code'])
    .where('l.status', '=', 'published');
  if (o.subtreeOf) q = q.where('u.path', 'like', like(o.subtreeOf) + '%');
  if (o.year !== undefined) q = q.where('l.year', '=', o.year);
  if (o.type) q = q.where('i.type', '=', o.type);
  return (await q.orderBy('u.path').orderBy('l.year', 'desc').orderBy('i.code').limit(o.limit ?? 2000).execute()) as PublicItemRow[];
}

export async function itemById(db: DbOrTx, id: number): Promise<PublicItemRow | undefined> {
  if (!okId(id)) return undefined;
  return (await db.selectFrom('power_items as i').innerJoin('power_lists as l', 'l.id', 'i.list_id').innerJoin('units as u', 'u.id', 'l.unit_id')
    .select(itemCols).select((eb) => eb('i.chart_data', 'is not', null).as('has_chart'))
    .select(['l.year', 'l.unit_id', 'l.status', 'u.name as unit_name', 'u.slug as unit_slug', 'u.code as unit_code'])
    .where('i.id', '=', id).executeTakeFirst()) as PublicItemRow | undefined;
}

export async function chartOf(db: DbOrTx, itemId: number) {
  if (!okId(itemId)) return undefined;
  const r = await db.selectFrom('power_items').select(['chart_mime', 'chart_data']).where('id', '=', itemId).executeTakeFirst();
  return r?.chart_data && r.chart_mime ? { mime: r.chart_mime, data: r.chart_data } : undefined;
}
