/**
 * sitemaps.org 0.9: `/sitemap.xml` lists every published document's page (and the units' homes
 * and disclosure indexes). The protocol allows 50,000 URLs per file, so past that the
 * same address serves a sitemap index and the URLs move to `/sitemap-<n>.xml` (1-based).
 * Search engines are how most people find a government document (条例 第二十三条: 便于公众知晓).
 */
import { xmlText } from './feeds.ts';

export const SITEMAP_MAX_URLS = 50_000;

/** URLs per file the routes use; tests lower it to exercise the index without 50,000 documents. */
export const sitemapSettings = { perFile: SITEMAP_MAX_URLS };

export interface SitemapUrl {
  loc: string;
  /** YYYY-MM-DD or an ISO timestamp. */
  lastmod?: string | null;
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

function lastmod(v: string | null | undefined): string {
  if (!v) return '';
  // W3C Datetime: a date, or a full instant without milliseconds.
  const s = /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : new Date(v).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<lastmod>${s}</lastmod>`;
}

export function renderUrlset(urls: SitemapUrl[]): string {
  if (urls.length > SITEMAP_MAX_URLS) throw new RangeError(`a sitemap holds at most ${SITEMAP_MAX_URLS} URLs`);
  const out = [HEAD, `<urlset xmlns="${NS}">\n`];
  for (const u of urls) out.push(`<url><loc>${xmlText(u.loc)}</loc>${lastmod(u.lastmod)}</url>\n`);
  out.push('</urlset>\n');
  return out.join('');
}

export function renderSitemapIndex(sitemaps: SitemapUrl[]): string {
  const out = [HEAD, `<sitemapindex xmlns="${NS}">\n`];
  for (const s of sitemaps) out.push(`<sitemap><loc>${xmlText(s.loc)}</loc>${lastmod(s.lastmod)}</sitemap>\n`);
  out.push('</sitemapindex>\n');
  return out.join('');
}

/** How many part files `total` URLs need (0 = they fit in one urlset). */
export function sitemapParts(total: number, max = SITEMAP_MAX_URLS): number {
  return total <= max ? 0 : Math.ceil(total / max);
}
