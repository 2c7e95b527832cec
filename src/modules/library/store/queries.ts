/** Reads of the media library, filtered by the policy in SQL (the item's unit within the actor's scope). */
import { inScope } from '../../../core/auth/policy.ts';
import type { DbOrTx } from '../../../core/db/index.ts';
import { KIND_FILTERS, libraryUrl, type KindFilter } from '../domain/rules.ts';

export interface ItemRow {
  id: number; key: string; unit_id: number; unit_name: string; unit_path: string; unit_active: boolean; kind: string; mime: string;
  name: string; alt: string; filename: string; size: number; sha256: string; created_at: Date; updated_at: Date; updated_by: string;
}

export const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;
export const PER_PAGE = 30;

const base = (db: DbOrTx) =>
  db.selectFrom('library_items as i').innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.key', 'i.unit_id', 'u.name as unit_name', 'u.path as unit_path', 'u.active as unit_active', 'i.kind', 'i.mime', 'i.name', 'i.alt', 'i.filename', 'i.size', 'i.sha256', 'i.created_at', 'i.updated_at', 'i.updated_by']);

export interface ListFilter { scope: string[]; kind?: KindFilter; q?: string; unitId?: number; page?: number; perPage?: number }

/** One page of items in scope, newest first, and the total. */
export async function listItems(db: DbOrTx, f: ListFilter): Promise<{ items: ItemRow[]; total: number }> {
  let q = base(db).where(inScope('u.path', f.scope));
  if (f.kind) q = q.where('i.kind', 'in', [...KIND_FILTERS[f.kind].kinds]);
  if (f.unitId) q = q.where('i.unit_id', '=', f.unitId);
  const words = (f.q ?? '').trim().slice(0, 100);
  if (words) {
    const like = `%${words.replace(/[%_\\]/g, '\\$&')}%`;
    q = q.where((eb) => eb.or([eb('i.name', 'ilike', like), eb('i.filename', 'ilike', like), eb('i.alt', 'ilike', like)]));
  }
  const per = f.perPage ?? PER_PAGE;
  const page = Math.max(1, Math.min(f.page ?? 1, 10_000));
  const [items, total] = await Promise.all([
    q.orderBy('i.id', 'desc').limit(per).offset((page - 1) * per).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as ItemRow[], total: Number(total.n) };
}

export async function itemById(db: DbOrTx, id: number): Promise<ItemRow | undefined> {
  if (!okId(id)) return undefined;
  return (await base(db).where('i.id', '=', id).executeTakeFirst()) as ItemRow | undefined;
}

export async function itemByKey(db: DbOrTx, key: string): Promise<ItemRow | undefined> {
  return (await base(db).where('i.key', '=', key).executeTakeFirst()) as ItemRow | undefined;
}

export interface UsageRow { id: number; title: string; status: string; unit_path: string }

/**
 * The documents whose current body names the item's URL (an <img src> or a link), any status.
 * Keys are hex digits and an extension, so the pattern needs no escaping.
 */
export async function usagesOf(db: DbOrTx, key: string, limit = 200): Promise<UsageRow[]> {
  return (await db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.id', 'd.title', 'd.status', 'u.path as unit_path'])
    .where('d.body_html', 'like', `%${libraryUrl(key)}%`)
    .orderBy('d.id', 'desc').limit(limit).execute()) as UsageRow[];
}
