/**
 * Lists beside the catalog columns (views/lists.tsx):
 *   /latest, /interpretations                 the whole cluster, newest first, with the issuing unit
 *   /u/<unit>/latest                          everything the unit published
 *   /u/<unit>/xxgk/zcjd                       the unit's 政策解读 column (its published 解读)
 * ?page=N as on the column pages. Rendered per request (a few small queries: the count is stored,
 * documents/store/site-page.ts), not cached.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderHtml } from '../../../core/render/page.tsx';
import { viewContext } from '../../../core/http/request.ts';
import { notFound } from '../../../core/http/errors.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import { siteDocumentPage, type SiteListFilter } from '../../documents/store/site-page.ts';
import { unitBySlug, type Unit } from '../../units/repository.ts';
import { DocListPage } from '../views/lists.tsx';
import type { ViewContext } from '../../../core/render/page.tsx';
import type { Db } from '../../../core/db/index.ts';

/** Blocks other modules add to a unit's 政策解读 column (e.g. interviews: its 在线访谈 and 发布会), shown above the 解读 list. */
export const ZCJD_BLOCKS: ((o: { db: Db; unit: Unit; c: ViewContext }) => Promise<unknown>)[] = [];

const pageOf = (req: FastifyRequest) => {
  const raw = (req.query as Record<string, unknown>).page;
  return typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
};

const LATEST: Msg = { zh: '最新信息', en: 'Latest information' };
const INTERP: Msg = { zh: '政策解读', en: 'Interpretations' };
const INTERP_INTRO: Msg = {
  zh: '政策性文件的解读材料（文字解读、图解、专家解读等），与文件同步发布；每篇解读均链接所解读的政策文件。',
  en: 'Interpretations of policy documents (text, graphics, expert commentary), published with the policies they explain; each links its policy.',
};

export default async function portalListRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  const send = async (req: FastifyRequest, reply: FastifyReply, o: { unit?: Unit; filter: SiteListFilter; title: Msg; intro?: Msg; base: string; columnType: string; blocks?: typeof ZCJD_BLOCKS }) => {
    const list = await siteDocumentPage(db, o.filter, pageOf(req));
    const c = viewContext(req, reply);
    const extra = o.unit && o.blocks ? await Promise.all(o.blocks.map((b) => b({ db, unit: o.unit!, c }))) : undefined;
    const feeds = o.unit ? [{ href: `/u/${o.unit.slug}/feed.xml`, title: `${o.unit.name} · 最新信息 (RSS)`, type: 'rss' as const }] : undefined;
    return reply.type('text/html; charset=utf-8').send(renderHtml(DocListPage({ c, unit: o.unit, extra, title: o.title, intro: o.intro, base: o.base, list, columnType: o.columnType, feeds })));
  };
  const unitOf = async (slug: string) => {
    const unit = await unitBySlug(db, slug, { includeInactive: true });
    if (!unit) throw notFound({ zh: '单位', en: 'unit' });
    return unit;
  };

  app.get('/latest', async (req, reply) => send(req, reply, { filter: {}, title: LATEST, base: '/latest', columnType: '最新信息' }));
  app.get('/interpretations', async (req, reply) => send(req, reply, { filter: { interpretations: true }, title: INTERP, intro: INTERP_INTRO, base: '/interpretations', columnType: '政策解读' }));
  app.get<{ Params: { slug: string } }>('/u/:slug/latest', async (req, reply) => {
    const unit = await unitOf(req.params.slug);
    return send(req, reply, { unit, filter: { unitId: unit.id }, title: LATEST, base: `/u/${unit.slug}/latest`, columnType: '最新信息' });
  });
  app.get<{ Params: { slug: string } }>('/u/:slug/xxgk/zcjd', async (req, reply) => {
    const unit = await unitOf(req.params.slug);
    return send(req, reply, { unit, filter: { unitId: unit.id, interpretations: true }, title: INTERP, intro: INTERP_INTRO, base: `/u/${unit.slug}/xxgk/zcjd`, columnType: '政策解读', blocks: ZCJD_BLOCKS });
  });
}
