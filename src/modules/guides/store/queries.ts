/** Reads of the service guides and bundles; public reads see published guides only. */
import { sql } from 'kysely';
import { inScope } from '../../../core/auth/policy.ts';
import type { DbOrTx } from '../../../core/db/index.ts';

export interface GuideRow {
  id: number; unit_id: number; unit_name: string; unit_slug: string; unit_code: string; unit_path: string;
  kind: string; code: string; name: string; basis: string; conditions: string; materials: string; place: string;
  office: string; fees: string; hours: string; phone: string; process: string; time_limit: string; online_url: string;
  status: string; published_at: Date | null; updated_at: Date; updated_by: string;
}

const okId = (id: number) => Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648;
const like = (s: string) => s.replace(/[%_\\]/g, '\\$&');

const base = (db: DbOrTx) =>
  db.selectFrom('service_guides as g').innerJoin('units as u', 'u.id', 'g.unit_id').selectAll('g')
    .select(['u.name as unit_name', 'u.slug as unit_slug', 'u.code as unit_code', 'u.path as unit_path']);

/** Guides of a subtree or a scope; `q` matches the name or the code. */
export async function listGuides(db: DbOrTx, o: { scope?: string[]; subtreeOf?: string; unitId?: number; publishedOnly?: boolean; q?: string; limit?: number; offset?: number } = {}): Promise<GuideRow[]> {
  let q = base(db);
  if (o.scope) q = q.where(inScope('u.path', o.scope));
  if (o.subtreeOf) q = q.where('u.path', 'like', like(o.subtreeOf) + '%');
  if (o.unitId !== undefined) q = q.where('g.unit_id', '=', o.unitId);
  if (o.publishedOnly) q = q.where('g.status', '=', 'published');
  if (o.q) {
    const p = '%' + like(o.q) + '%';
    q = q.where((eb) => eb.or([eb('g.name', 'ilike', p), eb('g.code', 'ilike', p)]));
  }
  return (await q.orderBy('u.path').orderBy('g.name').orderBy('g.id').limit(o.limit ?? 500).offset(o.offset ?? 0).execute()) as GuideRow[];
}

export async function guideById(db: DbOrTx, id: number): Promise<GuideRow | undefined> {
  if (!okId(id)) return undefined;
  return (await base(db).where('g.id', '=', id).executeTakeFirst()) as GuideRow | undefined;
}

export interface BundleRow { id: number; unit_id: number; name: string; description: string; guide_count: number; updated_at: Date }

/** Bundles of a unit (or a subtree), with how many of their guides the public can see. */
export async function listBundles(db: DbOrTx, o: { unitId?: number; subtreeOf?: string; scope?: string[] }): Promise<(BundleRow & { unit_name: string; unit_slug: string })[]> {
  let q = db.selectFrom('service_bundles as b').innerJoin('units as u', 'u.id', 'b.unit_id')
    .select(['b.id', 'b.unit_id', 'b.name', 'b.description', 'b.updated_at', 'u.name as unit_name', 'u.slug as unit_slug'])
    .select(sql<number>`(select count(*)::int from service_bundle_guides bg join service_guides g on g.id = bg.guide_id where bg.bundle_id = b.id and g.status = 'published')`.as('guide_count'));
  if (o.unitId !== undefined) q = q.where('b.unit_id', '=', o.unitId);
  if (o.subtreeOf) q = q.where('u.path', 'like', like(o.subtreeOf) + '%');
  if (o.scope) q = q.where(inScope('u.path', o.scope));
  return q.orderBy('u.path').orderBy('b.name').orderBy('b.id').limit(200).execute();
}

export async function bundleById(db: DbOrTx, id: number) {
  if (!okId(id)) return undefined;
  const b = await db.selectFrom('service_bundles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!b) return undefined;
  const guides = (await base(db).innerJoin('service_bundle_guides as bg', 'bg.guide_id', 'g.id').where('bg.bundle_id', '=', id).orderBy('bg.position').execute()) as GuideRow[];
  return { ...b, guides };
}

/** Published bundles a guide belongs to (shown on the guide page). */
export async function bundlesOfGuide(db: DbOrTx, guideId: number) {
  return db.selectFrom('service_bundle_guides as bg').innerJoin('service_bundles as b', 'b.id', 'bg.bundle_id').select(['b.id', 'b.name']).where('bg.guide_id', '=', guideId).orderBy('b.name').execute();
}
