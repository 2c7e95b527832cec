/**
 * The pages of the sitemap besides the documents (sitemaps.org 0.9): the portal's own pages, each
 * unit's home, its 政府信息公开 index, every enabled column (by its portal URL), its 政策解读 and
 * latest-information lists, the 专题 and their sections, and the published annual reports.
 * Paths only; the route makes them absolute.
 */
import type { DbOrTx } from '../../../core/db/index.ts';
import { CATALOG_ROOT, urlSlug } from '../../portal/skeleton.ts';
import type { SitemapUrl } from '../http/sitemap.ts';

/** Site-level pages every cluster has (portal module routes). */
export const SITE_PAGES = ['/', '/latest', '/interpretations', '/topics/', '/apply', '/sitemap', '/contact'];

export async function siteUrls(db: DbOrTx): Promise<SitemapUrl[]> {
  const [units, cols, topics, reports] = await Promise.all([
    db.selectFrom('units').select(['id', 'slug']).orderBy('path').execute(),
    db.selectFrom('doc_columns').select(['id', 'unit_id', 'parent_id', 'slug']).where('enabled', '=', true).orderBy('unit_id').orderBy('sort').orderBy('id').execute(),
    db.selectFrom('doc_topics as t').leftJoin('doc_topics as p', 'p.id', 't.parent_id').select(['t.slug', 'p.slug as parent_slug']).where('t.active', '=', true).orderBy('t.sort').orderBy('t.id').execute(),
    db.selectFrom('annual_reports as r').innerJoin('units as u', 'u.id', 'r.unit_id').select(['u.slug', 'r.year', 'r.kind', 'r.published_at']).where('r.status', '=', 'published').orderBy('u.slug').orderBy('r.year').execute(),
  ]);
  const byId = new Map(cols.map((c) => [c.id, c]));
  const pathOf = (id: number): string[] | null => {
    const out: string[] = [];
    for (let c = byId.get(id); c; c = c.parent_id === null ? undefined : byId.get(c.parent_id)) {
      if (c.slug !== CATALOG_ROOT) out.unshift(urlSlug(c.slug));
      if (c.parent_id !== null && !byId.has(c.parent_id)) return null; // under a disabled column
    }
    return out.length ? out : null;
  };
  const slugOf = new Map(units.map((u) => [u.id, u.slug]));
  const urls: SitemapUrl[] = SITE_PAGES.map((loc) => ({ loc }));
  for (const u of units) urls.push({ loc: `/u/${u.slug}/` }, { loc: `/u/${u.slug}/xxgk/` }, { loc: `/u/${u.slug}/xxgk/zcjd` }, { loc: `/u/${u.slug}/latest` });
  for (const c of cols) {
    const p = pathOf(c.id);
    const slug = slugOf.get(c.unit_id);
    if (p && slug) urls.push({ loc: `/u/${slug}/xxgk/${p.join('/')}` });
  }
  for (const t of topics) urls.push({ loc: t.parent_slug ? `/topics/${t.parent_slug}/${t.slug}` : `/topics/${t.slug}` });
  for (const r of reports) urls.push({ loc: `/u/${r.slug}/xxgk/nb/${r.year}-${r.kind}`, lastmod: r.published_at ? new Date(r.published_at).toISOString() : null });
  return urls;
}
