/**
 * The rendered-page cache of the public portal.
 *
 * Key = path + query, locale and elder mode (the only inputs of an anonymous portal page).
 * Value = the rendered bytes, a strong ETag, Last-Modified, and the complete response header
 * list as first sent (so a hit carries exactly the security headers helmet set on the miss).
 * Each entry carries tags — `doc:<id>` for every document it shows or links to, `unit:<id>`
 * for every unit whose lists it shows, `topic:<slug>`, `feeds`, `sitemap`, `home` — and a
 * change invalidates exactly the tags it touches (`tagsForChange`).
 *
 * 条例 第二十六条/第五十三条: what is withdrawn must stop being published at once, so two guards
 * keep a stale page out: (1) a render that started before an invalidation may not store its
 * result (generation check), and (2) invalidation happens after the change commits.
 *
 * Hits are served by `serveRaw` (hit.ts) straight from the Node.js `request` event, before Fastify's
 * routing and hooks (no session, no DB, no helmet work): headers are precomputed. This is what
 * keeps the public pages near static-file speed (docs/benchmarks.md).
 *
 * The cache is per process. With several app nodes (PostgreSQL), `linkPeers` (peers.ts) passes each
 * invalidation to the others through LISTEN/NOTIFY; the TTL is a last bound for anything that
 * changes without an event (unit details, column names) or a node that misses a message.
 */
import { createHash } from 'node:crypto';
import { compressBody, headerLists, variantOf, type Encoding, type Variant } from './encoding.ts';
import type { CacheMirror } from './static-mirror.ts';

export type CacheLocale = 'zh-CN' | 'en';

export interface CacheEntry extends Variant {
  key: string;
  body: Buffer;
  etag: string;
  /** HTTP date (RFC 9110 IMF-fixdate). */
  lastModified: string;
  lastModifiedMs: number;
  tags: readonly string[];
  /** Flat [name, value, name, value, …] list for res.writeHead, without content-length. */
  headers: string[];
  /** The stored response's header list in its order and spelling (see encoding.ts `headerLists`). */
  template: string[];
  /** Same list plus content-length, prepared once. */
  headers200: string[];
  /** Headers a 304 repeats (RFC 9110 §15.4.5). */
  headers304: string[];
  expires: number;
  /** Brotli and gzip bodies, added once compressed in the background (encoding.ts). */
  variants?: Partial<Record<Encoding, Variant>>;
  /** Bytes of the variants (counted in the cache's total). */
  variantBytes?: number;
}

export interface PageCacheOptions {
  /** Largest total body size kept; oldest entries go first. Default 128 MB. */
  maxBytes?: number;
  /** Lifetime of an entry, ms. Default 10 minutes. */
  ttlMs?: number;
  now?: () => number;
  /** Keep brotli/gzip variants of each page (default true). */
  compress?: boolean;
  /** Told of every page stored, compressed and dropped (static publication: static-mirror.ts). */
  mirror?: CacheMirror;
}

/** Hop-by-hop, per-response and private headers never stored with a page. */
const SKIP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'set-cookie', 'content-encoding']);
/** Set from the entry itself, wherever the response had them. */
const OWN_HEADERS = new Set(['etag', 'last-modified', 'content-length']);

/**
 * The template of a stored page's headers: `headers` as the response really sent them — a flat
 * [name, value, …] list in wire order and spelling (what a hit must repeat byte for byte), or a
 * header object (then ETag, Last-Modified and Content-Length go last).
 */
function templateOf(headers: Record<string, unknown> | readonly string[], lastModified: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const inOrder = Array.isArray(headers);
  const add = (name: string, value: unknown) => {
    const n = name.toLowerCase();
    if (SKIP_HEADERS.has(n) || value === undefined || value === null) return;
    if (OWN_HEADERS.has(n)) {
      if (seen.has(n) || !inOrder) return;
      seen.add(n);
      out.push(name, n === 'last-modified' ? lastModified : '');
      return;
    }
    for (const v of Array.isArray(value) ? value.map(String) : [String(value)]) out.push(name, v);
  };
  if (inOrder) for (let i = 0; i < headers.length; i += 2) add(headers[i], headers[i + 1]);
  else for (const [name, value] of Object.entries(headers)) add(name, value);
  for (const n of ['etag', 'last-modified', 'content-length']) if (!seen.has(n)) out.push(n, n === 'last-modified' ? lastModified : '');
  return out;
}

export function etagOf(body: Buffer | string): string {
  return '"' + createHash('sha1').update(body).digest('base64url').slice(0, 22) + '"';
}

export function httpDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString();
}

export class PageCache {
  private entries = new Map<string, CacheEntry>();
  private byTag = new Map<string, Set<string>>();
  private bytes = 0;
  private gen = 0;
  readonly maxBytes: number;
  readonly ttlMs: number;
  private now: () => number;
  private compress: boolean;
  private compressing = new Set<Promise<void>>();
  private mirror: CacheMirror | undefined;
  hits = 0;
  misses = 0;

  constructor(o: PageCacheOptions = {}) {
    this.maxBytes = o.maxBytes ?? 128 * 1024 * 1024;
    this.ttlMs = o.ttlMs ?? 10 * 60_000;
    this.now = o.now ?? Date.now;
    this.compress = o.compress ?? true;
    this.mirror = o.mirror;
  }

  static key(pathAndQuery: string, locale: CacheLocale, elder: boolean): string {
    return `${locale}|${elder ? 1 : 0}|${pathAndQuery}`;
  }

  /** Read before rendering; pass to `set` so a render overtaken by a change is not stored. */
  generation(): number {
    return this.gen;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): CacheEntry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.delete(key);
      return undefined;
    }
    return e;
  }

  /**
   * Stores a rendered page. `headers` is the response's header object (as Fastify will send it);
   * returns false (and stores nothing) if anything was invalidated since `generation`.
   */
  set(input: {
    key: string;
    body: Buffer;
    etag: string;
    lastModifiedMs: number;
    tags: readonly string[];
    headers: Record<string, unknown> | readonly string[];
    generation: number;
  }): boolean {
    if (input.generation !== this.gen) return false;
    if (input.body.length > this.maxBytes / 4) return false;
    const lastModified = httpDate(input.lastModifiedMs);
    const template = templateOf(input.headers, lastModified);
    const entry: CacheEntry = {
      key: input.key,
      body: input.body,
      ...headerLists(template, input.etag, input.body.length, null),
      template,
      lastModified,
      lastModifiedMs: Math.floor(input.lastModifiedMs / 1000) * 1000,
      tags: [...new Set(input.tags)],
      expires: this.now() + this.ttlMs,
    };
    this.delete(input.key);
    this.entries.set(input.key, entry);
    this.bytes += entry.body.length;
    for (const t of entry.tags) {
      let s = this.byTag.get(t);
      if (!s) this.byTag.set(t, (s = new Set()));
      s.add(input.key);
    }
    // Oldest first (insertion order): cheap, and popular pages are re-rendered quickly anyway.
    for (const k of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(k);
    }
    if (this.entries.get(input.key) === entry) this.mirror?.stored(entry);
    if (this.compress) this.addVariants(entry);
    return true;
  }

  /** Compresses in the background; the variants join the entry if it is still the one stored. */
  private addVariants(entry: CacheEntry): void {
    const p = compressBody(entry.body).then((bodies) => {
      if (this.entries.get(entry.key) !== entry) return;
      const variants: Partial<Record<Encoding, Variant>> = {};
      let n = 0;
      for (const [enc, body] of Object.entries(bodies) as [Encoding, Buffer][]) {
        variants[enc] = variantOf(enc, body, entry.etag, entry.template);
        n += body.length;
      }
      entry.variants = variants;
      entry.variantBytes = n;
      this.bytes += n;
      this.mirror?.compressed(entry);
    }, () => {}).finally(() => this.compressing.delete(p));
    this.compressing.add(p);
  }

  /** Resolves once every page stored so far has its compressed variants (tests, benchmarks). */
  async compressed(): Promise<void> {
    while (this.compressing.size) await Promise.all([...this.compressing]);
  }

  delete(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    this.entries.delete(key);
    this.bytes -= e.body.length + (e.variantBytes ?? 0);
    for (const t of e.tags) {
      const s = this.byTag.get(t);
      s?.delete(key);
      if (s && s.size === 0) this.byTag.delete(t);
    }
    this.mirror?.removed(key);
    return true;
  }

  /** Drops expired entries now (they are otherwise dropped when next asked for); returns how many. */
  sweep(): number {
    const now = this.now();
    let n = 0;
    for (const [k, e] of this.entries) if (e.expires <= now && this.delete(k)) n++;
    return n;
  }

  /** Removes every page carrying any of `tags`; returns how many. Always bumps the generation. */
  invalidate(tags: Iterable<string>): number {
    this.gen++;
    let n = 0;
    for (const t of tags) {
      const keys = this.byTag.get(t);
      if (!keys) continue;
      for (const k of [...keys]) if (this.delete(k)) n++;
    }
    return n;
  }

  clear(): void {
    this.gen++;
    this.entries.clear();
    this.byTag.clear();
    this.bytes = 0;
    this.mirror?.cleared();
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}

// --- tags ---------------------------------------------------------------------------------

export const TAG = {
  doc: (id: number | string) => `doc:${id}`,
  unit: (id: number | string) => `unit:${id}`,
  topic: (slug: string) => `topic:${slug}`,
  /** Every topic page (a change can move a document into or out of any topic). */
  topics: 'topics',
  feeds: 'feeds',
  sitemap: 'sitemap',
  /** The city home (latest documents of the cluster). */
  home: 'home',
} as const;

export interface DocumentsChange {
  documentIds: readonly (number | string)[];
  /** The units whose pages list the documents: owners, issuing units, and each one's ancestors. */
  unitIds: readonly (number | string)[];
  topicSlugs?: readonly string[];
}

/**
 * The tags a change touches: the documents themselves (their pages and every page linking them —
 * a policy page lists its interpretations, an interpretation links its policy), the lists of
 * the units and their ancestors, the topic pages, feeds, sitemap and the home page.
 */
export function tagsForChange(c: DocumentsChange): string[] {
  const tags = new Set<string>([TAG.feeds, TAG.sitemap, TAG.home, TAG.topics]);
  for (const id of c.documentIds) tags.add(TAG.doc(id));
  for (const id of c.unitIds) tags.add(TAG.unit(id));
  for (const s of c.topicSlugs ?? []) tags.add(TAG.topic(s));
  return [...tags];
}

/** Unit ids of a materialised path '/1/5/9/' (root first): a unit and all its ancestors. */
export function unitIdsOfPath(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
}
