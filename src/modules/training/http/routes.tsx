/**
 * Training records (admin only): `/admin/training?year=` (the year's trainings in scope, hours per
 * unit, the form to record one), `/admin/training/:id` (attendance, edit, delete) and the CSV export.
 * Scope: training.view / training.manage on the organising unit's subtree (a county's supervisor sees
 * its county's trainings; attendance of its units at city trainings shows in the hours per unit).
 */
import { onceByFormToken } from '../../../core/http/idempotency.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, notFound } from '../../../core/http/errors.ts';
import { can, scopePaths } from '../../../core/auth/policy.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { listUnits } from '../../units/repository.ts';
import { addAttendees, createTraining, deleteTraining, removeAttendee, updateTraining } from '../commands.ts';
import { csvLine } from '../domain/rules.ts';
import { attendanceOf, exportRows, hoursPerUnit, listTrainings, trainingById, type TrainingRow } from '../store/queries.ts';
import { TrainingList, TrainingPage } from '../views/admin.tsx';
import '../demo/training.ts';

ADMIN_NAV.push({ key: 'training', href: '/admin/training', label: { zh: '培训记录', en: 'Training' }, action: 'training.view', order: 79 });

const HTML = 'text/html; charset=utf-8';
const TRAINING: Msg = { zh: '培训', en: 'training' };
const idOf = (s: unknown) => (typeof s === 'string' && /^\d{1,9}$/.test(s) ? Number(s) : 0);
const DONE: Record<string, Msg> = {
  created: { zh: '已登记培训，请登记参训人员。', en: 'Recorded; now register the attendees.' },
  saved: { zh: '已保存。', en: 'Saved.' },
  added: { zh: '已登记参训人员。', en: 'Attendees registered.' },
  removed: { zh: '已移除。', en: 'Removed.' },
  deleted: { zh: '已删除培训。', en: 'The training was deleted.' },
};

/** ?year=YYYY (default: this year), 2008 (the first 条例) to next year. */
export function yearParam(raw: unknown, thisYear: number): number {
  if (raw === undefined || raw === '') return thisYear;
  const y = typeof raw === 'string' && /^\d{4}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!(y >= 2008 && y <= thisYear + 1)) throw badRequest({ zh: '年度不正确', en: 'Invalid year' }, { year: { zh: `年度须为 2008 至 ${thisYear + 1} 之间的四位数字`, en: `year: four digits from 2008 to ${thisYear + 1}` } });
  return y;
}

export default async function trainingRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  const send = (reply: FastifyReply, body: unknown, status = 200) => reply.code(status).type(HTML).send(renderHtml(body as never));
  type Req = FastifyRequest<{ Params: { id: string }; Querystring: { year?: string; done?: string } }>;
  const thisYear = () => Number(shanghaiDate().slice(0, 4));

  const listPage = async (req: Req, reply: FastifyReply, year: number, values?: Record<string, string>, errors?: Record<string, Msg>, status = 200) => {
    const scope = scopePaths(req.actor, 'training.view');
    const [trainings, hours, units] = await Promise.all([
      listTrainings(db, { scope, year }), hoursPerUnit(db, { scope, year }), listUnits(db, { scope: scopePaths(req.actor, 'training.manage'), activeOnly: true }),
    ]);
    return send(reply, TrainingList({ c: viewContext(req, reply), year, trainings, hours, units, values, errors, notice: DONE[String(req.query?.done ?? '')] }), status);
  };
  const visible = async (req: Req, id = idOf(req.params.id)): Promise<TrainingRow> => {
    const tr = await trainingById(db, id);
    if (!tr || !can(req.actor, 'training.view', tr.unit_path)) throw notFound(TRAINING);
    return tr;
  };
  const trainingPage = async (req: Req, reply: FastifyReply, tr: TrainingRow, values?: Record<string, string>, errors?: Record<string, Msg>, status = 200) => {
    const mayManage = can(req.actor, 'training.manage', tr.unit_path);
    const [attendance, units] = await Promise.all([attendanceOf(db, tr.id), mayManage ? listUnits(db, { activeOnly: true }) : Promise.resolve([])]);
    return send(reply, TrainingPage({ c: viewContext(req, reply), tr, attendance, units, mayManage, values, errors, notice: DONE[String(req.query?.done ?? '')] }), status);
  };
  /** Runs a command; a validation error shows the page again with the fields named (422). */
  const orPage = async (run: () => Promise<unknown>, page: (e: AppError) => Promise<unknown>) => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof AppError && e.fields) return page(e);
      throw e;
    }
  };

  await adminRoutes(app, async (s) => {
    s.get('/admin/training', async (req: Req, reply) => listPage(req, reply, yearParam(req.query.year, thisYear())));
    s.post('/admin/training', async (req: Req, reply) => {
      const body = formBody(req);
      return orPage(async () => {
        // a resent form (its one-time key) opens the record the first POST made (#14.8)
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: 'training', userId: req.actor?.userId, body }, async () => `/admin/training/${await createTraining(db, commandContext(req), idOf(body.unit), body)}?done=created`);
        return reply.redirect(to, 303);
      }, (e) => listPage(req, reply, /^\d{4}/.test(body.held_on ?? '') ? Math.min(Math.max(Number(body.held_on.slice(0, 4)), 2008), thisYear() + 1) : thisYear(), body, e.fields, e.status));
    });
    s.get('/admin/training/export.csv', async (req: Req, reply) => {
      const year = yearParam(req.query.year, thisYear());
      const rows = await exportRows(db, { scope: scopePaths(req.actor, 'training.view'), year });
      const head = csvLine(['培训日期', '培训主题', '组织单位', '组织者', '学时', '参训人员所在单位', '参训人员']);
      const body = '\ufeff' + head + rows.map((r) => csvLine([r.held_on, r.topic, r.organising_unit, r.organiser, Number(r.hours), r.attendee_unit ?? '', r.name ?? ''])).join('');
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="training-${year}.csv"`).header('cache-control', 'private, no-store').send(body);
    });
    s.get('/admin/training/:id', async (req: Req, reply) => trainingPage(req, reply, await visible(req)));
    s.post('/admin/training/:id', async (req: Req, reply) => {
      const tr = await visible(req);
      const body = formBody(req);
      return orPage(async () => {
        await updateTraining(db, commandContext(req), tr.id, body);
        return reply.redirect(`/admin/training/${tr.id}?done=saved`, 303);
      }, (e) => trainingPage(req, reply, tr, body, e.fields, e.status));
    });
    s.post('/admin/training/:id/delete', async (req: Req, reply) => {
      const tr = await visible(req);
      await deleteTraining(db, commandContext(req), tr.id);
      return reply.redirect(`/admin/training?year=${tr.held_on.slice(0, 4)}&done=deleted`, 303);
    });
    s.post('/admin/training/:id/attendance', async (req: Req, reply) => {
      const tr = await visible(req);
      const body = formBody(req);
      return orPage(async () => {
        // the same list of attendees sent again is recorded once (#14.8)
        const to = await onceByFormToken(db, cfg.piiKeys, { scope: `training-attendance:${tr.id}`, userId: req.actor?.userId, body }, async () => {
          await addAttendees(db, commandContext(req), tr.id, idOf(body.unit), body.names);
          return `/admin/training/${tr.id}?done=added`;
        });
        return reply.redirect(to, 303);
      }, (e) => trainingPage(req, reply, tr, body, e.fields, e.status));
    });
    s.post('/admin/training/attendance/:id/delete', async (req: Req, reply) => {
      const id = await removeAttendee(db, commandContext(req), idOf(req.params.id));
      return reply.redirect(`/admin/training/${id}?done=removed`, 303);
    });
  });
}
