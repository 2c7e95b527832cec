/**
 * The staff document list's exports and bulk actions (issue #13 item 6), inside admin-routes'
 * signed-in, CSRF-checked scope:
 *   GET  /admin/documents/export.xlsx   the list with its current filters (status, unit, column, q) as XLSX
 *   POST /admin/documents/bulk          submit / withdraw / move-to-column on the ticked documents
 * The export reads through the actor's `document.view` scope in SQL, like the list. A bulk action
 * runs the same command as each document's own button, one document at a time: each is checked for
 * its own unit and state, and the summary page says which were done and which refused, and why.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { xlsxBuffer } from '../../../core/docs/xlsx.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, formBodyAll, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, forbidden } from '../../../core/http/errors.ts';
import { formatDate, formatDateTime, tr, type Msg } from '../../../core/render/i18n.ts';
import { parseId } from '../../../core/http/input-guard.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { inTransaction } from '../../../core/db/index.ts';
import { STATUSES, type DocStatus } from '../domain/workflow.ts';
import { submitDocument, updateDocument, withdrawDocument } from '../commands.ts';
import { getDocument } from '../store/repository.ts';
import { adminDocumentPage } from '../store/queries.ts';
import { BULK_ACTIONS, BulkResultPage, type BulkAction, type BulkOutcome } from '../views/bulk.tsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STATUS_CODES: DocStatus[] = ['draft', 'submitted', 'reviewed', 'scheduled', 'published', 'withdrawn'];
const idOf = (s: string | undefined) => parseId(s) ?? 0;
/** At most this many rows in one export (the list's filters narrow it further). */
export const EXPORT_MAX = 5000;
/** At most this many documents in one bulk action. */
export const BULK_MAX = 100;

export const EXPORT_HEADER: Msg[] = [
  { zh: '标题', en: 'Title' }, { zh: '索引号', en: 'Index no.' }, { zh: '文号', en: 'Document no.' }, { zh: '所属单位', en: 'Unit' },
  { zh: '状态', en: 'Status' }, { zh: '发布日期', en: 'Published' }, { zh: '更新时间', en: 'Updated' },
];

const NOT_FOUND: Msg = { zh: '文件不存在或您无权查看', en: 'No such document, or you may not see it' };

export default async function documentListRoutes(s: FastifyInstance): Promise<void> {
  const { db } = s.deps;

  s.get<{ Querystring: Record<string, string | undefined> }>('/admin/documents/export.xlsx', async (req, reply) => {
    const scope = scopePaths(req.actor, 'document.view');
    if (!scope.length) throw forbidden();
    const q = req.query;
    const unitId = idOf(q.unit) || undefined;
    const filter = { scope, status: STATUS_CODES.find((x) => x === q.status), unitId, columnId: unitId ? idOf(q.column) || undefined : undefined, q: q.q?.slice(0, 100) };
    const { rows, total } = await adminDocumentPage(db, { ...filter, page: 1, perPage: EXPORT_MAX });
    const l = viewContext(req, reply).l;
    const sheet = [
      EXPORT_HEADER.map((h) => tr(l, h)),
      ...rows.map((r) => [r.title, r.index_no, r.doc_number ?? '', r.unit_name, tr(l, STATUSES.find((x) => x.code === r.status) ?? { zh: r.status, en: r.status }), r.publish_date ? formatDate(l, r.publish_date) : '', formatDateTime(l, r.updated_at)]),
    ];
    await inTransaction(db, (tx) => recordAudit(tx, commandContext(req).audit, { action: 'document.export', unitId: unitId ?? null, subjectType: 'document_list', subjectId: null, summary: { rows: rows.length, total, status: filter.status ?? '', q: filter.q ?? '' } }));
    const buf = await xlsxBuffer(sheet, { sheet: l === 'en' ? 'Documents' : '文件' });
    return reply.type(XLSX).header('content-disposition', 'attachment; filename="documents.xlsx"').header('cache-control', 'private, no-store').send(buf);
  });

  s.post('/admin/documents/bulk', async (req: FastifyRequest, reply) => {
    const b = formBody(req);
    const action = Object.hasOwn(BULK_ACTIONS, b.action ?? '') ? (b.action as BulkAction) : null;
    if (!action) throw badRequest({ zh: '请选择要执行的操作', en: 'Choose an action' });
    const ids = [...new Set(formBodyAll(req, 'ids').map((x) => idOf(x)))];
    if (!ids.length || ids.includes(0)) throw new AppError(422, 'invalid', { zh: '请至少勾选一件文件', en: 'Tick at least one document' });
    if (ids.length > BULK_MAX) throw new AppError(422, 'invalid', { zh: `一次最多处理 ${BULK_MAX} 件文件`, en: `At most ${BULK_MAX} documents at a time` });
    const column = (b.column ?? '').trim();
    if (action === 'move' && !column) throw new AppError(422, 'invalid', { zh: '请选择目标栏目', en: 'Choose the target column' });
    const ctx = commandContext(req);
    const outcomes: BulkOutcome[] = [];
    for (const id of ids) {
      const d = await getDocument(db, id);
      if (!d || !can(req.actor, 'document.view', d.unit.path)) {
        outcomes.push({ id, title: '', ok: false, reason: NOT_FOUND, denied: true });
        continue;
      }
      try {
        if (action === 'submit') await submitDocument(db, ctx, id);
        else if (action === 'withdraw') await withdrawDocument(db, ctx, id, b.reason ?? '');
        else await updateDocument(db, ctx, id, { columns: [column] }, { changeNote: (b.reason ?? '').trim() || '批量移动栏目 / moved to another column' });
        outcomes.push({ id, title: d.title, ok: true });
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        const fields = e.fields ? Object.values(e.fields) : [];
        const reason: Msg = e.status === 403 ? { zh: '您无权对该文件执行此操作', en: 'You may not do this to this document' }
          : fields.length ? { zh: `${e.msg.zh}：${fields.map((f) => f.zh).join('；')}`, en: `${e.msg.en}: ${fields.map((f) => f.en).join('; ')}` } : e.msg;
        outcomes.push({ id, title: d.title, ok: false, reason, denied: e.status === 403 || e.status === 404 });
      }
    }
    const back = /^\/admin\/documents(\?[^\s"<>]*)?$/.test(b.back ?? '') ? b.back! : '/admin/documents';
    // nothing done: 403 when every refusal was the policy's (or an unseen document), 409 otherwise
    const status = outcomes.some((o) => o.ok) ? 200 : outcomes.every((o) => o.denied) ? 403 : 409;
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderHtml(BulkResultPage({ c: viewContext(req, reply), action, outcomes, back })));
  });
}
