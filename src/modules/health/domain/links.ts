/**
 * Link checks of 国办秘函〔2019〕19号 (政府网站与政务新媒体检查指标, 扣分指标 链接可用性: a deduction per
 * broken link; shared/domain/reference.md §5.2) and work point 15 of the 2020 plan (日常维护). Internal
 * links are resolved against the platform's own data and route table, never by fetching the portal:
 * the checker must not load the site it guards. External links are optional (external.ts).
 */
export type LinkClass = { kind: 'skip' } | { kind: 'internal'; path: string } | { kind: 'external'; url: URL } | { kind: 'malformed' };

/** Sorts an href: anchors, mailto: and tel: are skipped; own-host URLs and paths are internal. */
export function classifyHref(href: string, ownHosts: ReadonlySet<string>): LinkClass {
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(mailto|tel|sms|data):/i.test(h)) return { kind: 'skip' };
  if (/^javascript:/i.test(h)) return { kind: 'malformed' };
  let url: URL;
  try {
    url = new URL(h, 'http://internal.invalid/');
  } catch {
    return { kind: 'malformed' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'malformed' };
  if (url.host === 'internal.invalid' || ownHosts.has(url.host.toLowerCase())) return { kind: 'internal', path: safeDecode(url.pathname) };
  return { kind: 'external', url };
}

const safeDecode = (p: string) => { try { return decodeURI(p); } catch { return p; } };

/** What the platform knows, loaded once per run (store/links.ts): ids and slugs, not pages. */
export interface LinkIndex {
  /** GET route patterns as Fastify registered them ('/u/:slug/doc/:id', '/static/*'); empty = unknown */
  routes: readonly string[];
  /** active unit slugs */
  slugs: ReadonlySet<string>;
  /** published, proactively disclosed documents: id → the unit slug it is served under */
  documents: ReadonlyMap<number, string>;
  /** attachments of those documents: `${documentId}/${attachmentId}` */
  attachments: ReadonlySet<string>;
  /** media library keys (library/) whose unit is active: `/library/<key>` is served only then */
  library: ReadonlySet<string>;
}

export type LinkVerdict = 'ok' | 'unknown-page' | 'no-such-unit' | 'document-missing' | 'attachment-missing' | 'library-missing';

interface Compiled { re: RegExp; slug: boolean }
const cache = new WeakMap<readonly string[], Compiled[]>();
function compile(routes: readonly string[]): Compiled[] {
  let c = cache.get(routes);
  if (!c) {
    c = routes.map((r) => ({
      re: new RegExp('^' + r.split('/').map((seg) => (seg === '*' ? '.*' : seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/') + '$'),
      slug: r.startsWith('/u/:slug'),
    }));
    cache.set(routes, c);
  }
  return c;
}

const DOC = /^\/u\/([^/]+)\/doc\/(\d{1,10})\/?$/;
const ATTACHMENT = /^\/api\/v1\/documents\/(\d{1,10})\/attachments\/(\d{1,10})$/;
const LIBRARY = /^\/library\/([^/]+)$/;
const UNIT = /^\/u\/([^/]+)(?:\/|$)/;

/** Resolves an internal path; O(routes) at worst, O(1) for the document, attachment and library links that dominate. */
export function resolveInternal(path: string, ix: LinkIndex): LinkVerdict {
  const doc = DOC.exec(path);
  if (doc) {
    const slug = ix.documents.get(Number(doc[2]));
    return slug === undefined ? 'document-missing' : slug === doc[1] ? 'ok' : 'document-missing';
  }
  const att = ATTACHMENT.exec(path);
  if (att) return ix.attachments.has(`${att[1]}/${att[2]}`) ? 'ok' : 'attachment-missing';
  const lib = LIBRARY.exec(path);
  if (lib) return ix.library.has(lib[1]) ? 'ok' : 'library-missing';
  const unit = UNIT.exec(path);
  if (unit && !ix.slugs.has(unit[1])) return 'no-such-unit';
  if (!ix.routes.length) return 'ok';
  return compile(ix.routes).some((r) => r.re.test(path)) ? 'ok' : 'unknown-page';
}
