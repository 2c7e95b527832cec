/**
 * The staff document list's bulk controls (a plain form: checkboxes and a button, no JavaScript) and
 * the summary page after a bulk action: which documents the action reached and which were refused,
 * with the reason each command gave (the same per-item rules as the buttons on each document page).
 */
import { t, type ViewContext } from '../../../core/render/page.tsx';
import type { Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';

export const BULK_ACTIONS = {
  submit: { zh: '提交审核', en: 'Submit for review' },
  withdraw: { zh: '撤下', en: 'Withdraw' },
  move: { zh: '移动到栏目', en: 'Move to column' },
} as const satisfies Record<string, Msg>;
export type BulkAction = keyof typeof BULK_ACTIONS;

/** The controls under the list's table (inside the list's bulk form). */
export function BulkControls(p: { c: ViewContext; columns: { slug: string; name: string; depth: number }[] }) {
  const T = t(p.c);
  return (
    <fieldset class="bulk-actions">
      <legend>{T({ zh: '对所选文件', en: 'With the selected documents' })}</legend>
      <input type="hidden" name="_csrf" value={p.c.csrf} />
      <div class="field">
        <label for="bulk-action">{T({ zh: '操作', en: 'Action' })}</label>
        <select id="bulk-action" name="action">
          {Object.entries(BULK_ACTIONS).filter(([k]) => k !== 'move' || p.columns.length).map(([k, m]) => <option value={k}>{T(m)}</option>)}
        </select>
      </div>
      <div class="field">
        <label for="bulk-reason">{T({ zh: '撤下原因（撤下时必填）', en: 'Reason (required to withdraw)' })}</label>
        <input id="bulk-reason" name="reason" maxLength={500} />
      </div>
      {p.columns.length ? (
        <div class="field">
          <label for="bulk-column">{T({ zh: '目标栏目（移动时）', en: 'Target column (to move)' })}</label>
          <select id="bulk-column" name="column">
            {p.columns.map((x) => <option value={x.slug}>{'　'.repeat(x.depth)}{x.name}</option>)}
          </select>
        </div>
      ) : <p class="hint">{T({ zh: '按单位筛选后可将文件移动到该单位的栏目。', en: 'Filter by unit to move documents to one of its columns.' })}</p>}
      <p><button type="submit">{T({ zh: '执行', en: 'Apply' })}</button></p>
    </fieldset>
  );
}

/** `denied`: refused by the policy (or not visible), as opposed to the document's state or fields. */
export interface BulkOutcome { id: number; title: string; ok: boolean; reason?: Msg; denied?: boolean }

export function BulkResultPage(p: { c: ViewContext; action: BulkAction; outcomes: BulkOutcome[]; back: string }) {
  const T = t(p.c);
  const title = `${T({ zh: '批量操作结果', en: 'Bulk action' })}：${T(BULK_ACTIONS[p.action])}`;
  const done = p.outcomes.filter((o) => o.ok);
  const refused = p.outcomes.filter((o) => !o.ok);
  return (
    <AdminPage c={p.c} title={title} current="documents">
      <h1>{title}</h1>
      <p role="status">{T({ zh: '成功 {a} 件，未执行 {b} 件。', en: '{a} done, {b} refused.' }, { a: done.length, b: refused.length })}</p>
      {done.length ? (
        <section aria-labelledby="bulk-done">
          <h2 id="bulk-done">{T({ zh: '已执行', en: 'Done' })}</h2>
          <ul class="bulk-done">{done.map((o) => <li><a href={`/admin/documents/${o.id}`}>{o.title}</a></li>)}</ul>
        </section>
      ) : null}
      {refused.length ? (
        <section aria-labelledby="bulk-refused">
          <h2 id="bulk-refused">{T({ zh: '未执行', en: 'Refused' })}</h2>
          <ul class="bulk-refused">{refused.map((o) => <li>{o.title ? <a href={`/admin/documents/${o.id}`}>{o.title}</a> : `#${o.id}`}：{o.reason ? T(o.reason) : ''}</li>)}</ul>
        </section>
      ) : null}
      <p><a href={p.back}>{T({ zh: '返回文件列表', en: 'Back to the list' })}</a></p>
    </AdminPage>
  );
}
