/**
 * Evidence links of a progress report, classified before the store resolves them:
 *   document  a published document of the platform: /u/<slug>/doc/<id> (path or this site's full URL);
 *             the store checks it is published and 主动公开 (a draft or withdrawn one is refused)
 *   page      another public page of a unit's site, /u/<slug>/… (the store checks the unit exists)
 *   external  an http(s) URL elsewhere — allowed, shown as unverified (the platform cannot vouch for it)
 * Anything else (javascript:, data:, relative paths, credentials in the URL) is refused, naming the line.
 */
import type { Msg } from '../../../core/render/i18n.ts';

export type EvidenceKind = 'document' | 'page' | 'external';
export interface EvidenceLink { url: string; kind: EvidenceKind; slug?: string; documentId?: number }
export interface Evidence extends EvidenceLink { title: string; verified: boolean }

export const MAX_LINKS = 10;

/** One link; `publicUrl` is this site's base URL (its links count as internal). */
export function classifyLink(raw: string, publicUrl: string): EvidenceLink | Msg {
  let s = raw.trim();
  if (s.length > 500) return { zh: '链接不能超过 500 个字符', en: 'a link has at most 500 characters' };
  const base = publicUrl.replace(/\/+$/, '');
  if (base && s.toLowerCase().startsWith(base.toLowerCase() + '/')) s = s.slice(base.length);
  if (s.startsWith('/') && !s.startsWith('//')) {
    const path = s.split(/[?#]/)[0];
    const doc = /^\/u\/([a-z0-9-]{1,40})\/doc\/([1-9]\d{0,9})\/?$/.exec(path);
    if (doc) return { url: `/u/${doc[1]}/doc/${doc[2]}`, kind: 'document', slug: doc[1], documentId: Number(doc[2]) };
    const page = /^\/u\/([a-z0-9-]{1,40})(\/[^\s<>"]*)?$/.exec(path);
    if (page && !path.includes('..')) return { url: s, kind: 'page', slug: page[1] };
    return { zh: '站内链接须指向某单位网站的页面（/u/单位/…）', en: 'an internal link must point to a page of a unit\u2019s site (/u/unit/…)' };
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return { zh: '不是有效的链接（以 https:// 或 / 开头）', en: 'not a valid link (start with https:// or /)' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { zh: '只接受 http(s) 链接', en: 'only http(s) links are accepted' };
  if (u.username || u.password) return { zh: '链接中不能包含用户名或密码', en: 'a link cannot contain a user name or password' };
  return { url: u.href, kind: 'external' };
}

/** The links of a textarea, one per line; errors name the line. */
export function parseLinks(text: string, publicUrl: string): { links: EvidenceLink[]; error: Msg | null } {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_LINKS) return { links: [], error: { zh: `佐证链接最多 ${MAX_LINKS} 条`, en: `at most ${MAX_LINKS} evidence links` } };
  const links: EvidenceLink[] = [];
  for (const [i, l] of lines.entries()) {
    const r = classifyLink(l, publicUrl);
    if ('zh' in r) return { links: [], error: { zh: `第 ${i + 1} 条链接：${r.zh}`, en: `link ${i + 1}: ${r.en}` } };
    if (!links.some((x) => x.url === r.url)) links.push(r);
  }
  return { links, error: null };
}
