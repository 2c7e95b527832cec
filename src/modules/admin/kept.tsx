/**
 * The recovery screen of kept submissions (core/commands/kept.ts), shared by consultations (comments),
 * interviews (questions) and messages: `GET <base>` lists what waits in the actor's scope for the kind's
 * rule (403 without it anywhere), decrypted but without the contact; `POST <base>/:id/recover` enters one
 * again as a normal pending item (audited) and goes to it; `POST <base>/:id/discard` with a required
 * `reason` discards it (a tombstone stays, the discard and its reason are audited) and comes back here.
 */
import type { FastifyInstance } from 'fastify';
import { t, type ViewContext } from '../../core/render/page.tsx';
import { renderHtml } from '../../core/render/page.tsx';
import { formatDateTime, type Msg } from '../../core/render/i18n.ts';
import { commandContext, viewContext } from '../../core/http/request.ts';
import { forbidden } from '../../core/http/errors.ts';
import { scopePaths } from '../../core/auth/policy.ts';
import { DISCARD_REASON_MAX, discardKept, listKept, recoverKept, type KeptKind } from '../../core/commands/kept.ts';
import { AdminPage } from './layout.tsx';

type Row = Awaited<ReturnType<typeof listKept>>[number];

export interface KeptScreen {
  kind: KeptKind;
  /** e.g. /admin/consultations/kept */
  base: string;
  /** the admin section: nav key, link and name */
  section: { current: string; href: string; label: Msg };
  title: Msg;
  /** what the kept item says, as label → text (never the contact) */
  show(payload: Record<string, unknown>): [Msg, string][];
  /** where a recovered item is seen */
  recovered(r: { id: number; parentId: number }): string;
}

export function KeptPage(p: { c: ViewContext; screen: KeptScreen; rows: Row[]; notice?: Msg }) {
  const { c, screen } = p;
  const T = t(c);
  const title = T(screen.title);
  return (
    <AdminPage c={c} title={title} current={screen.section.current} crumbs={[{ href: screen.section.href, label: T(screen.section.label) }, { label: title }]}>
      <h1>{title}</h1>
      {p.notice ? <p class="notice" role="status">{T(p.notice)}</p> : null}
      <p class="hint">{T({ zh: '公众提交的内容在校验通过后因系统故障未能保存时，加密暂存于此，不会丢失。请逐条恢复：恢复后作为正常的待办事项进入审核或办理流程，暂存记录随即删除，操作记入审计日志。不应录入的（如测试、重复、恶意内容）可填写理由后舍弃：舍弃记录连同理由记入审计日志，原内容仍加密留存备查。', en: 'Submissions that passed validation but could not be stored are kept here, encrypted — never lost. Recover each: it becomes a normal pending item for moderation or handling, the kept record is deleted, and the recovery is audited. One that should not be entered (a test, a duplicate, abuse) can be discarded with a reason: the discard and its reason are audited, and the content stays encrypted on record.' })}</p>
      {p.rows.length ? (
        <div class="table-scroll" role="region" aria-label={title} tabIndex={0}><table class="data">
          <caption class="sr-only">{title}</caption>
          <thead><tr><th scope="col">#</th><th scope="col">{T({ zh: '提交时间', en: 'Submitted' })}</th><th scope="col">{T({ zh: '单位', en: 'Unit' })}</th><th scope="col">{T({ zh: '内容', en: 'Content' })}</th><th scope="col">{T({ zh: '错误', en: 'Error' })}</th><th scope="col">{T({ zh: '操作', en: 'Actions' })}</th></tr></thead>
          <tbody>{p.rows.map((r) => (
            <tr>
              <td>{r.id}</td><td>{formatDateTime(c.l, typeof r.payload.at === 'string' ? r.payload.at : r.created_at)}</td><td>{r.unit_name}{r.parent_title ? <><br />{r.parent_title}</> : null}</td>
              <td><dl class="facts">{screen.show(r.payload).map(([k, v]) => <><dt>{T(k)}</dt><dd>{v.length > 300 ? `${v.slice(0, 300)}…` : v}</dd></>)}</dl></td>
              <td><code>{r.error_code}</code></td>
              <td>
                <form method="post" action={`${screen.base}/${r.id}/recover`} class="inline"><input type="hidden" name="_csrf" value={c.csrf} /><button type="submit">{T({ zh: '恢复', en: 'Recover' })}<span class="sr-only"> {r.id}</span></button></form>
                <form method="post" action={`${screen.base}/${r.id}/discard`} class="discard">
                  <input type="hidden" name="_csrf" value={c.csrf} />
                  <label for={`discard-reason-${r.id}`}>{T({ zh: '舍弃理由', en: 'Reason to discard' })}<span class="sr-only"> {r.id}</span></label>
                  <input type="text" id={`discard-reason-${r.id}`} name="reason" required maxlength={DISCARD_REASON_MAX} />
                  <button type="submit" class="secondary">{T({ zh: '舍弃', en: 'Discard' })}<span class="sr-only"> {r.id}</span></button>
                </form>
              </td>
            </tr>
          ))}</tbody>
        </table></div>
      ) : <p>{T({ zh: '没有暂存的内容。', en: 'Nothing is kept.' })}</p>}
      <p><a href={screen.section.href}>{T({ zh: '返回', en: 'Back' })}</a></p>
    </AdminPage>
  );
}

/** Registers the screen's two routes inside a module's `adminRoutes` scope (CSRF and sign-in checked there). */
export function keptRoutes(s: FastifyInstance, screen: KeptScreen): void {
  const { db, cfg } = s.deps;
  s.get(screen.base, async (req, reply) => {
    const scope = scopePaths(req.actor, screen.kind.rule);
    if (!scope.length) throw forbidden();
    const rows = await listKept(db, cfg.piiKeys, screen.kind, scope);
    const notice = (req.query as { done?: string } | undefined)?.done === 'discarded' ? { zh: '已舍弃，理由已记入审计日志。', en: 'Discarded; the reason is in the audit log.' } : undefined;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderHtml(KeptPage({ c: viewContext(req, reply), screen, rows, notice })));
  });
  s.post<{ Params: { id: string }; Body: { reason?: unknown } }>(`${screen.base}/:id/discard`, async (req, reply) => {
    const id = /^\d{1,9}$/.test(req.params.id) ? Number(req.params.id) : 0;
    await discardKept(db, cfg.piiKeys, commandContext(req), screen.kind, id, (req.body as { reason?: unknown } | undefined)?.reason);
    return reply.redirect(`${screen.base}?done=discarded`, 303);
  });
  s.post<{ Params: { id: string } }>(`${screen.base}/:id/recover`, async (req, reply) => {
    const id = /^\d{1,9}$/.test(req.params.id) ? Number(req.params.id) : 0;
    const r = await recoverKept(db, cfg.piiKeys, commandContext(req), screen.kind, id);
    return reply.redirect(screen.recovered(r), 303);
  });
}
