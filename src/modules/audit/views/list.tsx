/**
 * The audit log page and the per-object history page: filters (unit, user, kind of action, dates),
 * each entry as one sentence with its time and unit, the details folded underneath, keyset paging
 * and the CSV export of the same filter. One entry is a block, not seven narrow table columns, so
 * it reads at 375 px and in a screen reader.
 */
import type { VNode } from 'preact';
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDateTime, tr, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { ACTIONS, KINDS, kindOf, type KindKey } from '../domain/catalogue.ts';
import { sentence, subjectTypeName, type RowNames } from '../domain/sentences.ts';
import { filterQuery, type ParsedFilter } from '../domain/filters.ts';
import type { AuditRow, ScopeUnit } from '../store/queries.ts';

export const TITLE: Msg = { zh: '审计日志', en: 'Audit log' };
const ALL: Msg = { zh: '全部', en: 'All' };

export interface ListProps {
  c: ViewContext;
  filter: ParsedFilter;
  errors: Record<string, Msg>;
  units: ScopeUnit[];
  users: { id: number; display_name: string; username: string; unit: string }[];
  codesInLog: string[];
  rows: AuditRow[];
  names: (r: AuditRow) => RowNames;
  unitNames: Map<number, string>;
  /** ids of the neighbouring pages, when there are some */
  older: number | null;
  newer: number | null;
  /** a history page: its heading and the link back to the object */
  history?: { heading: string; back?: { href: string; label: string }; actorLink?: string; base: string };
}

function Entry(p: { c: ViewContext; r: AuditRow; names: RowNames; unit: string | undefined }) {
  const { c, r } = p;
  const T = t(c);
  const signin = kindOf(r.action) === 'signin';
  const summary = r.summary && typeof r.summary === 'object' && Object.keys(r.summary).length ? JSON.stringify(r.summary, null, 2) : null;
  return (
    <li>
      <p class="audit-when">
        <time dateTime={new Date(r.at).toISOString()}>{formatDateTime(c.l, r.at)}</time>
        {p.unit ? <span> · {p.unit}</span> : null}
      </p>
      <p class="audit-what">{sentence(c.l, r, p.names).map((s) => (s.href ? <a href={s.href}>{s.text}</a> : s.text))}</p>
      <details>
        <summary>{T({ zh: '详情', en: 'Details' })}<span class="sr-only">{T({ zh: '（第 {n} 条）', en: ' (entry {n})' }, { n: r.id })}</span></summary>
        <dl class="summary-list">
          <dt>{T({ zh: '记录编号', en: 'Entry' })}</dt><dd>{r.id}</dd>
          <dt>{T({ zh: '操作代码', en: 'Action code' })}</dt><dd><code>{r.action}</code></dd>
          <dt>{T({ zh: '对象', en: 'Object' })}</dt><dd>{subjectTypeName(c.l, r.subject_type)} {r.subject_id ?? ''}</dd>
          <dt>{T({ zh: '账号', en: 'Account' })}</dt><dd>{r.actor_name}</dd>
          {signin && r.ip ? <><dt>{T({ zh: 'IP 地址', en: 'IP address' })}</dt><dd>{r.ip}</dd></> : null}
          {summary ? <><dt>{T({ zh: '变更摘要', en: 'Summary' })}</dt><dd><pre class="pre audit-summary" tabIndex={0}>{summary}</pre></dd></> : null}
        </dl>
      </details>
    </li>
  );
}

function Filters(p: ListProps & { action: string }) {
  const { c, filter: f } = p;
  const T = t(c);
  const byKind = new Map<KindKey, string[]>();
  for (const code of [...new Set([...Object.keys(ACTIONS), ...p.codesInLog])].sort()) {
    const k = kindOf(code);
    (byKind.get(k) ?? byKind.set(k, []).get(k)!).push(code);
  }
  const label = (code: string) => {
    const e = ACTIONS[code];
    // the sentence without who/what, e.g. "发布了" — enough to tell the codes of a kind apart
    return e ? `${tr(c.l, e).replace(/\{actor\}\s*/g, '').replace(/\{subject\}/g, '…').replace(/\{\w+\}/g, '…')}（${code}）` : code;
  };
  return (
    <form method="get" action={p.action} class="doc-filters audit-filters" role="search" aria-label={T({ zh: '筛选审计日志', en: 'Filter the audit log' })}>
      <Field c={c} name="unit" label={T({ zh: '单位', en: 'Unit' })} errors={p.errors}>
        <select id="f-unit" name="unit">
          <option value="">{T(ALL)}</option>
          {p.units.map((u) => <option value={String(u.id)} selected={f.unitId === u.id}>{'　'.repeat(u.depth)}{u.name}</option>)}
        </select>
      </Field>
      <Field c={c} name="sub" label={T({ zh: '下级单位', en: 'Units below' })}>
        <select id="f-sub" name="sub">
          <option value="1" selected={f.sub}>{T({ zh: '包括下级单位', en: 'Included' })}</option>
          <option value="0" selected={!f.sub}>{T({ zh: '仅本单位', en: 'This unit only' })}</option>
        </select>
      </Field>
      <Field c={c} name="user" label={T({ zh: '操作人', en: 'User' })} errors={p.errors}>
        <select id="f-user" name="user">
          <option value="">{T(ALL)}</option>
          <option value="system" selected={f.actor === 'system'}>{T({ zh: '系统、定时任务、命令行、申请人', en: 'System, scheduler, command line, applicants' })}</option>
          {p.users.map((u) => <option value={String(u.id)} selected={f.actor === u.id}>{`${u.unit} ${u.display_name}（${u.username}）`}</option>)}
        </select>
      </Field>
      <Field c={c} name="action" label={T({ zh: '操作', en: 'Action' })} errors={p.errors}>
        <select id="f-action" name="action">
          <option value="">{T(ALL)}</option>
          {KINDS.filter((k) => byKind.has(k.key)).map((k) => (
            <optgroup label={T(k.label)}>
              <option value={`kind:${k.key}`} selected={f.kind === k.key}>{T({ zh: '全部{k}操作', en: 'All: {k}' }, { k: T(k.label) })}</option>
              {byKind.get(k.key)!.map((code) => <option value={code} selected={f.action === code}>{label(code)}</option>)}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field c={c} name="from" label={T({ zh: '开始日期', en: 'From' })} type="date" value={f.from} errors={p.errors} />
      <Field c={c} name="to" label={T({ zh: '结束日期', en: 'To' })} type="date" value={f.to} errors={p.errors} />
      <div class="field">
        <label class="check"><input type="checkbox" name="nologin" value="1" checked={f.hideSignins} />{T({ zh: '不显示登录记录', en: 'Hide sign-ins' })}</label>
      </div>
      <p class="toolbar">
        <button type="submit">{T({ zh: '筛选', en: 'Filter' })}</button>
        <a href={p.action}>{T({ zh: '清除筛选', en: 'Clear filters' })}</a>
      </p>
    </form>
  );
}

export function AuditListPage(p: ListProps): VNode {
  const { c, filter: f } = p;
  const T = t(c);
  const base = p.history?.base ?? '/admin/audit';
  const title = p.history ? p.history.heading : T(TITLE);
  const crumbs = p.history ? [{ href: '/admin/audit', label: T(TITLE) }, { label: title }] : undefined;
  return (
    <AdminPage c={c} title={title} current="audit" crumbs={crumbs}>
      <h1>{title}</h1>
      {p.history ? (
        <p class="toolbar">
          {p.history.back ? <a href={p.history.back.href}>{p.history.back.label}</a> : null}
          {p.history.actorLink ? <a href={p.history.actorLink}>{T({ zh: '该用户执行的操作', en: 'Actions by this user' })}</a> : null}
        </p>
      ) : (
        <p class="hint">
          {T({ zh: '记录只能追加，每条都带有上一条的密钥哈希，并定期签名存证于数据库之外；运行 gongkai audit verify 可检测修改、删除或清空。签名校验点公开于', en: 'Entries are append-only, each carries a keyed hash of the one before, and signed checkpoints are kept outside the database; `gongkai audit verify` detects edits, deletions and truncation. The checkpoints are public at' })}{' '}
          <a href="/transparency/audit">/transparency/audit</a>
        </p>
      )}
      <ErrorSummary c={c} errors={p.errors} />
      {p.history ? null : <Filters {...p} action={base} />}
      <p class="toolbar">
        <a class="button secondary" href={`${base}/export.csv${filterQuery(f)}`} download>{T({ zh: '导出 CSV（当前筛选）', en: 'Export CSV (this filter)' })}</a>
      </p>
      {p.rows.length ? (
        <ol class="audit-list" aria-label={T({ zh: '审计记录，最新的在前', en: 'Audit entries, newest first' })}>
          {p.rows.map((r) => <Entry c={c} r={r} names={p.names(r)} unit={r.unit_id !== null ? p.unitNames.get(r.unit_id) : undefined} />)}
        </ol>
      ) : (
        <p>{T({ zh: '没有符合条件的记录。', en: 'No entries match.' })}</p>
      )}
      <nav aria-label={T({ zh: '翻页', en: 'Pages' })}>
        <ul class="pager">
          {p.newer !== null ? <li><a href={`${base}${filterQuery(f)}`}>{T({ zh: '最新', en: 'Newest' })}</a></li> : null}
          {p.newer !== null ? <li><a href={`${base}${filterQuery(f, { after: p.newer })}`} rel="prev">{T({ zh: '较新的记录', en: 'Newer entries' })}</a></li> : null}
          {p.older !== null ? <li><a href={`${base}${filterQuery(f, { before: p.older })}`} rel="next">{T({ zh: '较早的记录', en: 'Older entries' })}</a></li> : null}
        </ul>
      </nav>
    </AdminPage>
  );
}
