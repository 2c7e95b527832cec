/**
 * Urgent 专题 (issue #11 item 6; 朝阳市2020年政务公开工作要点 第11—13点: 突发事件、疫情防控信息发布):
 * the banner every home page shows right under its h1 while a topic is flagged urgent, the admin
 * list at /admin/portal/topics where system admins flag topics, and a topic's timeline of releases.
 */
import { ErrorSummary, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, shanghaiDate, tr, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { Pager, PortalShell, docHref } from '../../documents/views/portal-views.tsx';
import type { PublicListItem, PublicPage, PublicTopic } from '../../documents/store/queries.ts';
import type { UrgentTopic } from '../store/urgent.ts';

const nm = (c: ViewContext, x: { name_zh: string; name_en: string }) => (c.l === 'en' && x.name_en ? x.name_en : x.name_zh);
const day = (d: Date) => shanghaiDate(new Date(d));

/** The banner under a home page's h1; nothing when no topic is urgent. */
export function UrgentBanner(p: { c: ViewContext; topics: UrgentTopic[] }) {
  if (!p.topics.length) return null;
  const T = t(p.c);
  return (
    <section class="urgent-topics" aria-labelledby="h-urgent">
      <h2 id="h-urgent">{T({ zh: '紧急关注', en: 'Urgent' })}</h2>
      <ul>
        {p.topics.map((x) => (
          <li>
            <a href={`/topics/${x.slug}`} class="urgent-name">{nm(p.c, x)}</a>
            {x.urgent_note ? <span class="urgent-note">{x.urgent_note}</span> : null}
            <span class="urgent-meta">
              {x.urgent_since ? <>{T({ zh: '自', en: 'Since ' })}<time dateTime={day(x.urgent_since)}>{formatDate(p.c.l, x.urgent_since)}</time>{T({ zh: '起', en: '' })}　</> : null}
              <a href={`/topics/${x.slug}/timeline`}>{T({ zh: '发布时间线', en: 'Timeline of releases' })}</a>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /admin/portal/topics: the top-level 专题 with their urgent state and a small form each. */
export function UrgentTopicsPage(p: { c: ViewContext; topics: (UrgentTopic & { active: boolean })[]; saved?: boolean; errorFor?: number; errors?: Record<string, Msg>; values?: { urgent: boolean; note: string } }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '专题紧急关注', en: 'Urgent topics' });
  const noteLabel = T({ zh: '说明', en: 'Note' });
  const summary = p.errors && p.errorFor !== undefined ? Object.fromEntries(Object.entries(p.errors).map(([f, m]) => [`${f}-${p.errorFor}`, m])) : undefined;
  return (
    <AdminPage c={c} title={title} current="portal-topics" crumbs={[{ href: '/admin', label: T({ zh: '工作台', en: 'Dashboard' }) }, { label: title }]}>
      <h1>{title}</h1>
      <p class="hint">{T({ zh: '设为“紧急关注”的专题显示在市级和各单位首页标题下方（突发事件、疫情防控等）。每次修改记入审计日志，并立即更新所有公开页面。', en: 'A topic flagged urgent is shown under the heading of every home page (emergencies, epidemics). Each change is audited and shows at once on every public page.' })}</p>
      {p.saved ? <div class="notice" role="status"><p>{T({ zh: '已保存。', en: 'Saved.' })}</p></div> : null}
      <ErrorSummary c={c} errors={summary} labels={summary ? Object.fromEntries(Object.keys(summary).map((k) => [k, noteLabel])) : undefined} />
      {p.topics.map((x) => {
        const err = p.errorFor === x.id ? p.errors?.note : undefined;
        const urgent = p.errorFor === x.id && p.values ? p.values.urgent : x.urgent;
        const note = p.errorFor === x.id && p.values ? p.values.note : (x.urgent_note ?? '');
        const id = `f-note-${x.id}`;
        return (
          <section class="urgent-admin" aria-labelledby={`h-topic-${x.id}`}>
            <h2 id={`h-topic-${x.id}`}>
              <a href={`/topics/${x.slug}`}>{nm(c, x)}</a>
              {' '}<span class={x.urgent ? 'badge red' : 'badge'}>{x.urgent ? T({ zh: '紧急关注中', en: 'Urgent' }) : T({ zh: '未设置', en: 'Not urgent' })}</span>
              {x.active ? null : <span class="badge">{T({ zh: '已停用', en: 'inactive' })}</span>}
            </h2>
            {x.urgent && x.urgent_since ? <p class="hint">{T({ zh: '设置时间：', en: 'Since: ' })}<time dateTime={day(x.urgent_since)}>{formatDate(c.l, x.urgent_since)}</time></p> : null}
            <form method="post" action={`/admin/portal/topics/${x.id}/urgent`}>
              <input type="hidden" name="_csrf" value={c.csrf} />
              <div class="field checkbox"><label><input type="checkbox" name="urgent" value="1" checked={urgent} /> {T({ zh: '在首页显示为紧急关注', en: 'Show as urgent on every home page' })}</label></div>
              <div class={`field${err ? ' has-error' : ''}`}>
                <label for={id}>{noteLabel}</label>
                <p class="hint" id={`${id}-hint`}>{T({ zh: '不超过 200 个字，显示在首页横幅中', en: 'At most 200 characters, shown in the banner' })}</p>
                {err ? <p class="error" id={`${id}-err`}>{tr(c.l, err)}</p> : null}
                <input id={id} name="note" type="text" value={note} aria-invalid={err ? 'true' : undefined} aria-describedby={`${id}-hint${err ? ` ${id}-err` : ''}`} />
              </div>
              <button type="submit">{T({ zh: '保存', en: 'Save' })}</button>
            </form>
          </section>
        );
      })}
    </AdminPage>
  );
}

/** Groups a newest-first list by its 发布日期 (the day of publication when a document has none). */
export function byDay(items: PublicListItem[]): { date: string; items: PublicListItem[] }[] {
  const out: { date: string; items: PublicListItem[] }[] = [];
  for (const d of items) {
    const date = d.publish_date ? String(d.publish_date).slice(0, 10) : day(d.published_at);
    const last = out[out.length - 1];
    if (last && last.date === date) last.items.push(d);
    else out.push({ date, items: [d] });
  }
  return out;
}

/** /topics/:topic/timeline: every published document of the topic (all sections), newest first, one heading per day. */
export function TimelinePage(p: { c: ViewContext; topic: PublicTopic; list: PublicPage; base: string }) {
  const { c, topic } = p;
  const T = t(c);
  const name = nm(c, topic);
  const title = `${name} · ${T({ zh: '发布时间线', en: 'Timeline' })}`;
  return (
    <PortalShell c={c} title={title} current="home" crumbs={[{ href: '/topics/', label: T({ zh: '专题专栏', en: 'Special topics' }) }, { href: `/topics/${topic.slug}`, label: name }, { label: T({ zh: '发布时间线', en: 'Timeline' }) }]}
      meta={{ columnName: title, columnType: '专题', description: title }}>
      <h1>{title}</h1>
      {p.list.items.length ? (
        <ol class="timeline">
          {byDay(p.list.items).map((g) => (
            <li>
              <h2><time dateTime={g.date}>{formatDate(c.l, g.date)}</time></h2>
              <ul class="doclist">
                {g.items.map((d) => (
                  <li>
                    <a href={docHref(d.unit_slug, d.id)}>{d.title}</a>
                    <span class="doclist-meta"><span class="unit">{d.unit_short_name}</span></span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : <p>{T({ zh: '本专题暂无信息。', en: 'Nothing has been published in this topic yet.' })}</p>}
      <Pager c={c} base={p.base} page={p.list.page} pages={p.list.pages} total={p.list.total} />
      <p><a href={`/topics/${topic.slug}`}>{T({ zh: '返回专题', en: 'Back to the topic' })}</a></p>
    </PortalShell>
  );
}
