/**
 * Pre-publish warnings (not blockers): the document's console page shows the same text checks the
 * site check runs — 错别字/敏感词, metadata, accessibility basics, internal links — so an editor or
 * reviewer sees them before publishing (国办秘函〔2019〕19号 严重错误; work point 15). Registered on the
 * documents module's review panels (documents/http/review-panels.ts).
 */
import type { Db } from '../../core/db/index.ts';
import { t, type ViewContext } from '../../core/render/page.tsx';
import { REVIEW_PANELS } from '../documents/http/review-panels.ts';
import type { DocumentDetail } from '../documents/store/repository.ts';
import { accessibilityIssues, missingMetadata } from './domain/content.ts';
import { extractLinks } from './domain/html.ts';
import { classifyHref, resolveInternal, type LinkIndex } from './domain/links.ts';
import { scanText } from './domain/text.ts';
import { documentFacts, getMeta, libraryKeys } from './store/facts.ts';
import { loadSettings } from './settings.ts';
import { describe, KIND_NAMES } from './views/describe.ts';

export interface Warning { kind: string; detail: Record<string, unknown>; serious: boolean }

/** The warnings for one document, in any status; internal links are resolved against just the ids they name. */
export async function documentWarnings(db: Db, id: number, hosts: string[] = []): Promise<Warning[]> {
  const d = await documentFacts(db, id);
  if (!d) return [];
  const out: Warning[] = [];
  const settings = await loadSettings(db);
  for (const h of scanText([d.title, d.summary ?? '', d.body_text].join('\n'), settings.words)) out.push({ kind: h.kind, serious: h.serious, detail: { title: d.title, word: h.word, right: h.right ?? null, count: h.count, context: h.context } });
  const fields = missingMetadata({ ...d, publish_date: d.publish_date ?? 'pending' });
  if (fields.length) out.push({ kind: 'metadata', serious: false, detail: { title: d.title, fields } });
  for (const [issue, count] of Object.entries(accessibilityIssues(d.body_html))) out.push({ kind: 'a11y', serious: false, detail: { title: d.title, issue, count } });
  const paths = extractLinks(d.body_html).map((l) => ({ href: l.href, c: classifyHref(l.href, new Set(hosts)) })).filter((l) => l.c.kind === 'internal' || l.c.kind === 'malformed');
  if (paths.length) {
    const ids = new Set<number>();
    for (const l of paths) if (l.c.kind === 'internal') for (const m of l.c.path.matchAll(/\/(?:doc|documents)\/(\d{1,9})\b/g)) ids.add(Number(m[1]));
    const keys = new Set<string>();
    for (const l of paths) if (l.c.kind === 'internal') for (const m of l.c.path.matchAll(/^\/library\/([^/]{1,64})$/g)) keys.add(m[1]);
    const [docs, atts, units, routes, library] = await Promise.all([
      ids.size ? db.selectFrom('documents as x').innerJoin('units as u', 'u.id', 'x.unit_id').where('x.id', 'in', [...ids]).where('x.status', '=', 'published').where('x.disclosure', '=', 'proactive').select(['x.id', 'u.slug']).execute() : [],
      ids.size ? db.selectFrom('document_attachments').where('document_id', 'in', [...ids]).select(['id', 'document_id']).execute() : [],
      db.selectFrom('units').where('active', '=', true).select('slug').execute(),
      getMeta<string[]>(db, 'routes'),
      libraryKeys(db, [...keys]),
    ]);
    const ix: LinkIndex = { library, documents: new Map(docs.map((x) => [x.id, x.slug])), attachments: new Set(atts.filter((a) => docs.some((x) => x.id === a.document_id)).map((a) => `${a.document_id}/${a.id}`)), slugs: new Set(units.map((u) => u.slug)), routes: routes ?? [] };
    for (const l of paths) {
      const verdict = l.c.kind === 'internal' ? resolveInternal(l.c.path, ix) : 'malformed';
      if (verdict !== 'ok') out.push({ kind: 'link', serious: false, detail: { title: d.title, href: l.href, verdict } });
    }
  }
  return out;
}

function Warnings(p: { c: ViewContext; warnings: Warning[]; published: boolean }) {
  const T = t(p.c);
  return (
    <section aria-labelledby="h-health-warn" class="warn">
      <h2 id="h-health-warn">{p.published ? T({ zh: '网站检查提示', en: 'Site check warnings' }) : T({ zh: '发布前检查提示', en: 'Checks before publishing' })}</h2>
      <p>{T({ zh: '以下提示不阻止发布，请核实后修改；标为“严重”的在网站检查中属单项否决项。', en: 'These do not block publishing; check and correct them. Items marked serious fail a site inspection.' })}</p>
      <ul>{p.warnings.map((w) => <li>{w.serious ? <strong>{T({ zh: '严重：', en: 'Serious: ' })}</strong> : null}{T(KIND_NAMES[w.kind] ?? { zh: w.kind, en: w.kind })}：{T(describe(w.kind, w.detail))}</li>)}</ul>
    </section>
  );
}

REVIEW_PANELS.push(async (db: Db, doc: DocumentDetail, c: ViewContext) => {
  const warnings = await documentWarnings(db, doc.id);
  return warnings.length ? <Warnings c={c} warnings={warnings} published={doc.status === 'published'} /> : null;
});
