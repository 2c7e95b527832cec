/**
 * Public routes of disclosed documents, all through the page cache (cache/):
 *   /u/<unit>/doc/<id>[?print=1]              a document (410 once withdrawn, 404 if never public)
 *   /u/<unit>/doc/<id>/files/<attachment>     an attachment download
 *   /u/<unit>/xxgk/<column path>[?page=N]     a column's list, 20 a page; fdzdgknr = the 法定主动公开内容 index
 *   /u/<unit>/xxgk/<column path>/feed.xml|atom.xml, /u/<unit>/feed.xml|atom.xml
 *   /topics/, /topics/<slug>[/<section>][?page=N]
 *   /sitemap.xml (an index past 50,000 URLs), /sitemap-<n>.xml
 * Cache hits are answered from the raw `request` event before Fastify runs (see `installFastPath`);
 * misses render here and store the bytes with the headers the response really carries.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderHtml } from '../../../core/render/page.tsx';
import { viewContext } from '../../../core/http/request.ts';
import { AppError, notFound } from '../../../core/http/errors.ts';
import { sql } from '../../../core/db/index.ts';
import { unitBySlug, type UnitRow } from '../../units/repository.ts';
import { COLUMN_PANELS } from './column-panels.ts';
import { catalogSlug, CATALOG_ROOT, urlSlug } from '../../portal/skeleton.ts';
import { ART21_TEXT } from '../domain/catalog.ts';
import { columnTypeOf } from '../domain/taxonomy.ts';
import { onDocumentsChanged } from '../commands.ts';
import { listPublicDocuments, publicView, type ColumnNode, type DocumentListItem } from '../store/repository.ts';
import { documentPageRead, unitColumnsRead } from '../store/portal-reads.ts';
import { columnDocumentPage, subtreeIds } from '../store/column-page.ts';
import { topicDocumentPage } from '../store/topic-page.ts';
import { activeTopics, childColumnCounts, policiesOf, publicTopic } from '../store/queries.ts';
import { PageCache, TAG, etagOf, tagsForChange } from '../cache/cache.ts';
import { keyForRequest, notModified, serveRaw, writeHit } from '../cache/hit.ts';
import { StaticMirror } from '../cache/static-mirror.ts';
import { applyPeerMessage, linkPeers, peerChannelOf, type PeerLink } from '../cache/peers.ts';
import { FEED_SIZE, renderAtom, renderRss, type FeedChannel } from './feeds.ts';
import { siteRoutes } from './site-routes.ts';
import { ColumnPage, DocumentPage, PrintPage, StatutoryPage, TopicIndexPage, TopicPage, docHref, type Crumb, type StatutoryItem } from '../views/portal-views.tsx';

const UNIT = { zh: '单位', en: 'unit' };
const PAGE = { zh: '页面', en: 'page' };
const HTML = 'text/html; charset=utf-8';

/**
 * What a route renders. `canonical` is the one URL (path + query) of this content: only a
 * request for exactly that URL is stored, so percent-encoded or padded variants and unknown
 * query strings are rendered but cannot fill the cache with copies.
 */
export interface Rendered {
  redirect?: undefined;
  body: string;
  type: string;
  tags: string[];
  lastModified: Date | null;
  canonical: string;
}

/** Above this many documents in one change the whole cache is dropped instead of tag by tag. */
const BULK_CHANGE = 1000;

const caches = new WeakMap<object, PageCache>();
/** The page cache of an app (tests inspect it). */
export function pageCacheOf(app: FastifyInstance): PageCache | undefined {
  return caches.get(app.server);
}

/**
 * Answers cache hits in the server's `request` event, before Fastify's routing, hooks and
 * helmet: the stored headers already hold what those would add. Misses go on to Fastify.
 */
function installFastPath(app: FastifyInstance, cache: PageCache): void {
  const server = app.server;
  const FLAG = Symbol.for('gongkai.pageCache.fastPath');
  const s = server as unknown as Record<symbol, boolean>;
  if (s[FLAG]) return;
  s[FLAG] = true;
  const handlers = server.listeners('request') as ((req: unknown, res: unknown) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    if (serveRaw(cache, req, res)) return;
    for (const h of handlers) h.call(server, req, res);
  });
}

/** The chain of columns from below the catalog root down to `id` (null when not in the tree). */
function columnPath(roots: ColumnNode[], id: number): ColumnNode[] | null {
  for (const n of roots) {
    if (n.id === id) return n.slug === CATALOG_ROOT ? [] : [n];
    const sub = columnPath(n.children, id);
    if (sub) return n.slug === CATALOG_ROOT ? sub : [n, ...sub];
  }
  return null;
}

const query = (req: FastifyRequest) => req.query as Record<string, string | string[] | undefined>;

/** ?page=N; anything else in the query is ignored (and makes the URL non-canonical). */
function pageParam(req: FastifyRequest): number {
  const raw = query(req).page;
  return typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
}

export interface FeedSource {
  unit?: UnitRow;
  title: string;
  page: string;
  self: string;
  items: DocumentListItem[];
  extraTags: string[];
}

const withPage = (path: string, page: number) => (page > 1 ? `${path}?page=${page}` : path);

export default async function documentsPortalRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const mirror = cfg.staticDir ? new StaticMirror(cfg.staticDir, (msg, err) => app.log.error({ err }, msg)) : undefined;
  const cache = new PageCache({ maxBytes: cfg.pageCacheBytes, mirror });
  // published files must not outlive their cache entry's 10 minutes by more than this sweep
  const sweeper = mirror ? setInterval(() => cache.sweep(), 30_000).unref() : null;
  caches.set(app.server, cache);
  const base = cfg.publicUrl.replace(/\/$/, '');
  /** unit id → path, learnt while rendering, to invalidate ancestors' pages on a change */
  const unitPaths = new Map<number, string>();

  /** The other app nodes' caches (PostgreSQL deployments); null on PGlite (one process). */
  let peers: PeerLink | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  const drop = (tags: string[] | 'all') => {
    if (tags === 'all') cache.clear();
    else cache.invalidate(tags);
    if (peers) void sql`select pg_notify(${peers.channel}, ${peers.payload(tags)})`.execute(db).catch((err) => app.log.error({ err }, 'page cache: could not notify other nodes'));
  };

  const unsubscribe = onDocumentsChanged((e) => {
    if (e.all || e.documentIds.length > BULK_CHANGE) {
      // an import or a nightly job touched many documents: start afresh (everywhere)
      drop('all');
      return;
    }
    const unitIds = new Set<number>();
    for (const id of e.unitIds) {
      unitIds.add(id);
      for (const a of (unitPaths.get(id) ?? '').split('/').filter(Boolean)) unitIds.add(Number(a));
    }
    // At once: every page showing the documents (their own pages, lists, the pages that link them).
    drop(tagsForChange({ documentIds: e.documentIds, unitIds: [...unitIds] }));
    // Then the policies a new or changed interpretation belongs to, whose pages list it: adding a
    // link may lag by a query; removing one never does (the policy page carries the interpretation's tag).
    void policiesOf(db, e.documentIds).then((ids) => ids.length && drop(ids.map((id) => TAG.doc(id)))).catch((err) => app.log.warn({ err }, 'page cache: policy lookup failed'));
  });
  app.addHook('onReady', async () => {
    installFastPath(app, cache);
    if (cfg.databaseUrl) {
      try {
        peers = await linkPeers(cfg.databaseUrl, cache, { log: (msg, err) => app.log.error({ err }, msg) });
      } catch (err) {
        // Still serve: this node's own changes invalidate its cache; the TTL bounds the rest.
        app.log.error({ err }, 'page cache: cannot listen for other nodes’ changes');
      }
    } else if (app.deps.dbListen) {
      // the embedded database: CLI commands announce their changes through the server's socket
      unlisten = await app.deps.dbListen(await peerChannelOf(db), (payload) => applyPeerMessage(cache, 'server', payload));
    }
  });
  if (mirror) {
    // a first cached page writes headers.conf before nginx is (re)loaded (docs/operations.md)
    app.addHook('onListen', async () => {
      void app.inject({ method: 'GET', url: '/topics/' }).catch((err) => app.log.error({ err }, 'static publication: the topics page did not render'));
    });
  }
  app.addHook('onClose', async () => {
    if (sweeper) clearInterval(sweeper);
    // a stopped process cannot delete what changes meanwhile (a CLI import): its files go with it
    mirror?.cleared();
    unsubscribe();
    await peers?.close();
    await unlisten?.();
  });

  /**
   * A rendered page waiting to be stored: it is stored once its response has gone out (onResponse
   * below), with the headers Node really wrote — helmet's, securityHeaders' (onSend), this
   * route's — in their order and spelling, so a hit repeats them byte for byte.
   */
  const pending = new WeakMap<object, { key: string; body: Buffer; etag: string; lastModifiedMs: number; tags: string[]; generation: number }>();
  app.addHook('onResponse', async (req, reply) => {
    const p = pending.get(req.raw);
    if (!p) return;
    pending.delete(req.raw);
    if (reply.statusCode !== 200 || req.method !== 'GET') return;
    const res = reply.raw;
    const headers: string[] = [];
    // getRawHeaderNames (Node ≥ 15.13) keeps the spelling the headers were set with
    for (const name of (res as typeof res & { getRawHeaderNames(): string[] }).getRawHeaderNames()) {
      const v = res.getHeader(name);
      for (const x of Array.isArray(v) ? v : [v]) headers.push(name, String(x));
    }
    cache.set({ ...p, headers });
  });

  /** Serves from the cache or renders, with ETag/Last-Modified and 304 on a conditional GET. */
  async function cached(req: FastifyRequest, reply: FastifyReply, render: () => Promise<Rendered | { redirect: string }>) {
    const key = keyForRequest(req.raw);
    const hit = cache.get(key);
    if (hit) {
      // the same bytes as the raw fast path (installFastPath): drop what earlier hooks set (helmet's
      // headers, which the stored list repeats) and write the stored response
      cache.hits++;
      reply.hijack();
      for (const name of reply.raw.getHeaderNames()) reply.raw.removeHeader(name);
      writeHit(hit, req.raw, reply.raw);
      return reply;
    }
    cache.misses++;
    const generation = cache.generation();
    const r = await render();
    if (r.redirect !== undefined) return reply.redirect(r.redirect, 301);
    const body = Buffer.from(r.body);
    const etag = etagOf(body);
    const lastModifiedMs = (r.lastModified ?? new Date()).getTime();
    reply
      .type(r.type)
      .header('cache-control', 'public, no-cache')
      .header('vary', 'Accept-Encoding, Accept-Language, Cookie')
      .header('etag', etag)
      .header('last-modified', new Date(Math.floor(lastModifiedMs / 1000) * 1000).toUTCString());
    // Only the canonical URL is stored, and never a route with its own per-IP rate limit: a hit is
    // answered before Fastify's hooks (installFastPath), so such a route must always reach them.
    if (req.raw.url === r.canonical && !(req.routeOptions.config as { rateLimit?: unknown }).rateLimit) {
      pending.set(req.raw, { key, body, etag, lastModifiedMs, tags: r.tags, generation });
    }
    if (notModified(req.headers, etag, lastModifiedMs)) return reply.code(304).send();
    return reply.send(body);
  }

  async function unitOr404(slug: string): Promise<UnitRow> {
    // a deactivated or merged unit's published documents stay public under it (units module README)
    const unit = await unitBySlug(db, slug, { includeInactive: true });
    if (!unit) throw notFound(UNIT);
    unitPaths.set(unit.id, unit.path);
    return unit;
  }

  const html = (vnode: VNode) => renderHtml(vnode);

  // --- documents ------------------------------------------------------------------------------

  app.get<{ Params: { slug: string; id: string } }>('/u/:slug/doc/:id', async (req, reply) => {
    const id = /^[1-9]\d{0,9}$/.test(req.params.id) ? Number(req.params.id) : 0;
    const print = query(req).print === '1';
    return cached(req, reply, async () => {
      // one query: the unit, the document with everything it shows, Last-Modified, the column tree
      const read = await documentPageRead(db, req.params.slug, id);
      if (!read) throw notFound(UNIT);
      const { unit, columns: roots, slugs, lastModified } = read;
      unitPaths.set(unit.id, unit.path);
      const r = publicView(read.doc);
      if (!r) throw notFound({ zh: '信息', en: 'document' });
      // 条例 第二十六条/第五十三条: a withdrawn document is no longer published — 410, never its content.
      if (r.kind === 'withdrawn') throw new AppError(410, 'gone', { zh: '该信息已撤回，不再公开', en: 'This document has been withdrawn and is no longer published' });
      const doc = r.doc;
      if (doc.unit.slug !== unit.slug) return { redirect: docHref(doc.unit.slug, doc.id) + (print ? '?print=1' : '') };
      const refs = [doc.interprets, doc.amendedBy, doc.repealedBy, ...doc.interpretations].filter((x) => x !== null);
      const c = viewContext(req, reply);
      const path = doc.columns.map((col) => columnPath(roots, col.id)).find((x) => x !== null) ?? [];
      const trail = path.map((col, i) => ({ href: `/u/${unit.slug}/xxgk/${path.slice(0, i + 1).map((x) => urlSlug(x.slug)).join('/')}`, label: c.l === 'en' && col.name_en ? col.name_en : col.name_zh }));
      // a 解读 filed in no column sits in the unit's 政策解读 column (portal module, /xxgk/zcjd)
      if (!trail.length && doc.interprets_id !== null) trail.push({ href: `/u/${unit.slug}/xxgk/zcjd`, label: c.l === 'en' ? 'Interpretations' : '政策解读' });
      const props = { c, doc, unit, slugs, canonicalUrl: `${base}${docHref(unit.slug, doc.id)}`, print, trail };
      return {
        body: html(print ? PrintPage(props) : DocumentPage(props)),
        type: HTML,
        // not the unit's tag: a publication elsewhere in the unit does not change this page
        tags: [TAG.doc(doc.id), ...refs.map((x) => TAG.doc(x.id))],
        lastModified,
        canonical: docHref(unit.slug, doc.id) + (print ? '?print=1' : ''),
      };
    });
  });

  // --- columns --------------------------------------------------------------------------------

  async function columnRoute(req: FastifyRequest<{ Params: { slug: string; '*': string } }>, reply: FastifyReply) {
    const segs = req.params['*'].split('/').filter(Boolean);
    const feed = segs.at(-1) === 'feed.xml' ? 'rss' : segs.at(-1) === 'atom.xml' ? 'atom' : null;
    if (feed) segs.pop();
    if (!segs.length) throw notFound(PAGE);
    return cached(req, reply, async () => {
      const read = await unitColumnsRead(db, req.params.slug);
      if (!read) throw notFound(UNIT);
      const { unit, columns: roots } = read;
      unitPaths.set(unit.id, unit.path);
      const root = roots.find((r) => r.slug === CATALOG_ROOT);
      // Walk the URL down the unit's column tree: /xxgk/fdzdgknr/plans → statutory → plans.
      const trail: ColumnNode[] = [];
      let level: ColumnNode[] = [...(root?.children ?? []), ...roots.filter((r) => r !== root)];
      for (const s of segs) {
        const next = level.find((col) => col.slug === catalogSlug(s));
        if (!next) throw notFound({ zh: '栏目', en: 'column' });
        trail.push(next);
        level = next.children;
      }
      const column = trail[trail.length - 1];
      const hrefOf = (upto: number) => `/u/${unit.slug}/xxgk/${trail.slice(0, upto + 1).map((x) => urlSlug(x.slug)).join('/')}`;
      const href = hrefOf(trail.length - 1);
      const c = viewContext(req, reply);
      const name = (x: { name_zh: string; name_en: string }) => (c.l === 'en' && x.name_en ? x.name_en : x.name_zh);
      if (feed) {
        const list = await listPublicDocuments(db, { columnId: column.id }, { limit: FEED_SIZE });
        return feedResponse(feed, { unit, title: `${unit.name} · ${column.name_zh}`, page: href, self: `${href}/${feed === 'rss' ? 'feed.xml' : 'atom.xml'}`, items: list.data, extraTags: [] });
      }
      const page = pageParam(req);
      const crumbs: Crumb[] = trail.slice(0, -1).map((x, i) => ({ href: hrefOf(i), label: name(x) }));
      if (column.slug === 'statutory' && segs.length === 1) {
        const counts = new Map((await childColumnCounts(db, column.id)).map((x) => [x.column_id, x]));
        const items: (StatutoryItem & { ref: string | null })[] = column.children.map((ch) => {
          const m = /第(\d+)条(?:第(\d+)项)?/.exec(ch.statutory_ref ?? '');
          const n = counts.get(ch.id);
          return { name: name(ch), href: `${href}/${urlSlug(ch.slug)}`, article: m ? Number(m[1]) : null, item: m?.[2] ? Number(m[2]) : null, fullText: ch.full_text, documents: n?.documents ?? 0, lastPublished: n?.last_published_at ?? null, ref: ch.statutory_ref };
        });
        const last = items.reduce<Date | null>((a, x) => (x.lastPublished && (!a || x.lastPublished > a) ? x.lastPublished : a), null);
        return {
          body: html(StatutoryPage({ c, unit, title: name(column), art20: items.filter((x) => x.article === 20), art21: items.filter((x) => x.article === 21), art21Text: c.l === 'en' ? null : ART21_TEXT, others: items.filter((x) => x.article !== 20 && x.article !== 21) })),
          type: HTML, tags: [TAG.unit(unit.id)], lastModified: last, canonical: href,
        };
      }
      const list = await columnDocumentPage(db, subtreeIds(column), page);
      const panelOf = COLUMN_PANELS.get(column.slug);
      const panel = panelOf && page === 1 ? await panelOf(db, unit, c) : null;
      const view = { name: name(column), typeLabel: columnTypeOf(column.column_type)?.zh ?? '政府信息公开', statutoryRef: column.statutory_ref, fullText: c.l === 'en' ? null : column.full_text, href };
      return {
        body: html(ColumnPage({ c, unit, column: view, trail: crumbs, children: column.children.map((ch) => ({ name: name(ch), href: `${href}/${urlSlug(ch.slug)}` })), list, feeds: { rss: `${href}/feed.xml`, atom: `${href}/atom.xml` }, panel })),
        type: HTML,
        tags: [TAG.unit(unit.id), ...list.items.map((d) => TAG.doc(d.id))],
        lastModified: list.lastModified,
        canonical: withPage(href, list.page),
      };
    });
  }
  app.get('/u/:slug/xxgk/*', columnRoute);

  // --- feeds ----------------------------------------------------------------------------------

  function feedResponse(kind: 'rss' | 'atom', o: FeedSource): Rendered {
    const newest = o.items.reduce<Date | null>((a, d) => (!a || new Date(d.updated_at) > a ? new Date(d.updated_at) : a), null);
    const ch: FeedChannel = {
      title: o.title, link: base + o.page, self: base + o.self, id: base + o.page, language: 'zh-CN',
      description: `${o.title}：最新公开的政府信息`,
      // an empty feed has no date of its own: RSS leaves lastBuildDate out, Atom says "now"
      updated: newest ? newest.toISOString() : null,
    };
    const items = o.items.map((d) => ({
      id: d.id, title: d.title, url: base + docHref(d.unit_slug, d.id), summary: d.summary, publishedAt: new Date(d.published_at).toISOString(),
      updatedAt: new Date(d.updated_at).toISOString(), author: d.issuers[0] ?? d.unit_name, categories: d.doc_number ? [d.doc_number] : [],
    }));
    return {
      body: kind === 'rss' ? renderRss(ch, items) : renderAtom(ch, items),
      type: kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
      tags: [TAG.feeds, ...(o.unit ? [TAG.unit(o.unit.id)] : []), ...o.extraTags],
      lastModified: newest,
      canonical: o.self,
    };
  }

  for (const [file, kind] of [['feed.xml', 'rss'], ['atom.xml', 'atom']] as const) {
    app.get<{ Params: { slug: string } }>(`/u/:slug/${file}`, async (req, reply) => cached(req, reply, async () => {
      const unit = await unitOr404(req.params.slug);
      const list = await listPublicDocuments(db, { unitId: unit.id }, { limit: FEED_SIZE });
      const r = feedResponse(kind, { unit, title: `${unit.name} · 政府信息公开`, page: `/u/${unit.slug}/xxgk/`, self: `/u/${unit.slug}/${file}`, items: list.data, extraTags: [] });
      return r;
    }));
  }

  // --- topics ---------------------------------------------------------------------------------

  app.get('/topics', async (_req, reply) => reply.redirect('/topics/', 301));
  app.get('/topics/', async (req, reply) => cached(req, reply, async () => {
    const c = viewContext(req, reply);
    return { body: html(TopicIndexPage({ c, topics: await activeTopics(db) })), type: HTML, tags: [TAG.topics], lastModified: null, canonical: '/topics/' };
  }));
  const topicRoute = async (req: FastifyRequest<{ Params: { topic: string; section?: string } }>, reply: FastifyReply) => cached(req, reply, async () => {
    const t = await publicTopic(db, req.params.topic);
    if (!t) throw notFound({ zh: '专题', en: 'topic' });
    const section = req.params.section ? (t.sections.find((s) => s.slug === req.params.section) ?? null) : null;
    if (req.params.section && !section) throw notFound({ zh: '专题栏目', en: 'topic section' });
    const page = pageParam(req);
    const list = await topicDocumentPage(db, (section ?? t.topic).key, page);
    const c = viewContext(req, reply);
    const pageBase = `/topics/${t.topic.slug}${section ? `/${section.slug}` : ''}`;
    return {
      body: html(TopicPage({ c, topic: t.topic, sections: t.sections, section, list, base: pageBase })),
      type: HTML,
      tags: [TAG.topics, TAG.topic(t.topic.slug), ...list.items.map((d) => TAG.doc(d.id))],
      lastModified: list.lastModified,
      canonical: withPage(pageBase, list.page),
    };
  });
  app.get('/topics/:topic', topicRoute);
  app.get('/topics/:topic/:section', topicRoute);

  // --- site-wide feeds, 专题 feeds, sitemap (http/site-routes.ts) ---------------------------------

  await siteRoutes(app, { db, base, cached, feedResponse });
}
