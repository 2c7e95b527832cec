/**
 * /admin/documents: thin routes over the document commands. Each handler loads, checks the policy
 * (lists in SQL through the scope), calls one command and redirects (303) or re-renders the form
 * with every field error (422). The workflow panel shows only the transitions the user's roles on
 * the document's unit allow (domain/workflow.ts × policy.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { can, scopePaths, type Actor } from '../../core/auth/policy.ts';
import { renderHtml, t } from '../../core/render/page.tsx';
import { commandContext, formBody, formBodyAll, viewContext } from '../../core/http/request.ts';
import { AppError, badRequest, forbidden, notFound } from '../../core/http/errors.ts';
import { shanghaiDate, formatNumber, type Msg } from '../../core/render/i18n.ts';
import { calendarFor, countyOfUnitCode } from '../../core/calendar/store.ts';
import { adminRoutes } from '../admin/guard.ts';
import { ADMIN_NAV } from '../admin/layout.tsx';
import { DASHBOARD_WIDGETS } from '../admin/dashboard.tsx';
import { listUnits } from '../units/repository.ts';
import './policy.ts';
import { allowedActions, type DocStatus, type WorkflowAction } from './domain/workflow.ts';
import { computeTimeliness } from './domain/timeliness.ts';
import { findPersonalData } from './domain/pii.ts';
import { legalFormOf } from './domain/taxonomy.ts';
import {
  createDocument, publishDocument, reopenDocument, returnDocument, reviewDocument, submitDocument, unscheduleDocument, updateDocument, withdrawDocument,
  type DocumentInput,
} from './commands.ts';
import { addAttachment, removeAttachment } from './attachments.ts';
import { columnsOfUnit, diffDocumentVersions, getDocument, listTopics, listVersions, policiesWithoutInterpretation, type DocumentDetail } from './repository.ts';
import { adminDocumentPage, attachmentTexts, awaitingReviewCount, latePublishedCount, openClockDocuments } from './queries.ts';
import { DocumentList, type EditorProps, type FormValues } from './admin-views.tsx';
import { DocumentAdminPage, NewDocumentPage, TimelinessPage, UninterpretedPage, VersionsPage, type OverdueRow, type TimelinessView } from './admin-pages.tsx';
import tokensAdminRoutes from './tokens-routes.tsx';
import documentSettingsRoutes from './settings-routes.tsx';

ADMIN_NAV.push({ key: 'documents', href: '/admin/documents', label: { zh: '文件管理', en: 'Documents' }, action: 'document.view', order: 10 });

const DOC = { zh: '文件', en: 'document' };
const HTML = 'text/html; charset=utf-8';
const STATUS_CODES: DocStatus[] = ['draft', 'submitted', 'reviewed', 'scheduled', 'published', 'withdrawn'];

/** The policy rule behind each workflow transition (policy.ts). */
const RULE_OF: Record<WorkflowAction, string> = {
  edit: 'document.edit', edit_published: 'document.edit', submit: 'document.submit', return: 'document.review', review: 'document.review',
  publish: 'document.publish', schedule: 'document.publish', unschedule: 'document.publish', publish_due: 'nobody', withdraw: 'document.withdraw', reopen: 'document.reopen',
};

/** Transitions the actor's roles on the unit allow from `status`, and the policy permits. */
export function actionsFor(actor: Actor | null, unitPath: string, status: DocStatus): WorkflowAction[] {
  if (!actor) return [];
  const roles = new Set(actor.grants.filter((g) => unitPath.startsWith(g.unitPath)).map((g) => g.role));
  const out = new Set<WorkflowAction>();
  for (const r of roles) for (const a of allowedActions(status, r)) if (can(actor, RULE_OF[a], unitPath)) out.add(a);
  return [...out];
}

// --- form ↔ input -----------------------------------------------------------------------------

const str = (b: Record<string, string>, k: string) => (b[k]?.trim() ? b[k].trim() : null);

/** The submitted form as a complete DocumentInput (empty fields clear; absent checkbox groups clear). */
export function inputFromForm(req: FastifyRequest, ownerCode: string): DocumentInput {
  const b = formBody(req);
  const lead = str(b, 'issuerLead') ?? ownerCode;
  const others = (b.issuerOther ?? '').split(/[、,，;；\n]+/).map((x) => x.trim()).filter(Boolean);
  const issuers = [...new Set([lead, ...formBodyAll(req, 'issuerJoint'), ...others])];
  const keys = ['title', 'summary', 'docNumber', 'docType', 'legalForm', 'normativeRegNo', 'writtenDate', 'changedDate', 'effectiveDate', 'expiryDate', 'topic', 'validity', 'amendedBy', 'repealedBy', 'keywords', 'source', 'disclosure', 'disclosureReason', 'withheldGround', 'interpretationOf', 'interpretationKind'] as const;
  const input: DocumentInput = Object.fromEntries(keys.map((k) => [k, str(b, k)]));
  return { ...input, title: b.title ?? '', legalForm: str(b, 'legalForm') ?? 'none', disclosure: str(b, 'disclosure') ?? 'proactive', issuingUnits: issuers, columns: formBodyAll(req, 'columns'), topics: formBodyAll(req, 'topics'), bodyHtml: b.bodyHtml ?? '' };
}

/** The form's values for a stored document. */
export function valuesOf(d: DocumentDetail): FormValues {
  const [lead, ...rest] = d.issuers;
  return {
    title: d.title, summary: d.summary, docNumber: d.doc_number, docType: d.doc_type, legalForm: d.legal_form, normativeRegNo: d.normative_reg_no,
    writtenDate: d.written_date, changedDate: d.changed_date, effectiveDate: d.effective_date, expiryDate: d.expiry_date, topic: d.topic_code,
    validity: d.validity, amendedBy: d.amendedBy?.index_no ?? null, repealedBy: d.repealedBy?.index_no ?? null, keywords: d.keywords.join('，'),
    source: d.source, disclosure: d.disclosure, disclosureReason: d.disclosure_reason, withheldGround: d.withheld_ground,
    interpretationOf: d.interprets?.index_no ?? null, interpretationKind: d.interpretation_kind, bodyHtml: d.body_html,
    issuerLead: lead?.unit_code && lead.unit_code !== d.unit.code ? lead.unit_code : '',
    issuerJoint: rest.filter((i) => i.unit_code).map((i) => i.unit_code!),
    issuerOther: rest.filter((i) => !i.unit_code).map((i) => i.name).join('、'),
    columns: d.columns.map((c) => c.slug), topics: d.topics.map((x) => x.key),
  };
}

/** The values as submitted, for re-rendering a refused form. */
function submitted(req: FastifyRequest): FormValues {
  const b = formBody(req);
  return { ...b, issuerJoint: formBodyAll(req, 'issuerJoint'), columns: formBodyAll(req, 'columns'), topics: formBodyAll(req, 'topics') };
}

const checked = (b: Record<string, string>, k: string) => b[k] === '1' || b[k] === 'on' || b[k] === 'true';

/** datetime-local (Beijing time, no zone) → ISO instant. */
export function beijingInstant(v: string | null | undefined): string | null {
  if (!v?.trim()) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(v.trim());
  if (!m) throw new AppError(422, 'invalid', { zh: '定时发布时间格式不正确', en: 'Invalid publication time' }, { publishAt: { zh: '请按“年-月-日 时:分”填写', en: 'Use YYYY-MM-DD HH:mm' } });
  const d = new Date(`${m[1]}T${m[2]}${m[3] ?? ':00'}+08:00`);
  if (Number.isNaN(d.getTime())) throw new AppError(422, 'invalid', { zh: '定时发布时间格式不正确', en: 'Invalid publication time' }, { publishAt: { zh: '日期不存在', en: 'No such date' } });
  return d.toISOString();
}

/** Masked ID/mobile numbers in the document's text and attachments (条例 第十五条). */
async function personalDataIn(req: FastifyRequest, d: DocumentDetail): Promise<string[]> {
  const texts = [d.title, d.summary ?? '', d.body_text, ...(await attachmentTexts(req.server.deps.db, d.id))];
  return texts.flatMap((x) => findPersonalData(x).map((m) => m.masked));
}

// --- timeliness -----------------------------------------------------------------------------

async function timelinessOf(req: FastifyRequest, d: DocumentDetail): Promise<TimelinessView> {
  if (d.status === 'published' || d.published_at) {
    if (d.timeliness_workdays === null) return { result: null, published: true };
    return {
      published: true,
      result: { workdays: d.timeliness_workdays, art26Overdue: !!d.timeliness_art26_overdue, policyOverdue: !!d.timeliness_policy_overdue, policyRuleApplies: legalFormOf(d.legal_form)?.isPolicy ?? false, interpretationLagWorkdays: d.interpretation_lag_workdays, interpretationLate: (d.interpretation_lag_workdays ?? 0) > 5, remainingWorkdays: 0 },
    };
  }
  if (!d.written_date) return { result: null, published: false };
  const cal = await calendarFor(req.server.deps.db, countyOfUnitCode(d.unit.code));
  const r = computeTimeliness({ writtenDate: d.written_date, changedDate: d.changed_date, isPolicy: legalFormOf(d.legal_form)?.isPolicy ?? false, isInterpretation: d.interprets_id !== null, policyPublishDate: d.interprets?.publish_date ?? null }, cal, { today: shanghaiDate() });
  return { result: r, published: false };
}

/** Unpublished documents in scope already past a limit, computed with each county's calendar. */
async function overdueOpen(req: FastifyRequest, scope: string[]): Promise<OverdueRow[]> {
  const db = req.server.deps.db;
  const today = shanghaiDate();
  const out: OverdueRow[] = [];
  for (const r of await openClockDocuments(db, scope)) {
    const cal = await calendarFor(db, countyOfUnitCode(r.unit_code));
    const x = computeTimeliness({ writtenDate: r.written_date, changedDate: r.changed_date, isPolicy: legalFormOf(r.legal_form)?.isPolicy ?? false, isInterpretation: r.interprets_id !== null, policyPublishDate: r.policy_publish_date }, cal, { today });
    const flags: Msg[] = [];
    if (x.art26Overdue) flags.push({ zh: '超过20个工作日', en: 'over 20 working days' });
    if (x.policyOverdue) flags.push({ zh: '政策文件超过5个工作日', en: 'policy over 5 working days' });
    if (x.interpretationLate) flags.push({ zh: '解读未同步', en: 'interpretation late' });
    if (flags.length) out.push({ id: r.id, title: r.title, unit_name: r.unit_name, status: r.status, written_date: r.written_date, workdays: x.workdays, flags });
  }
  return out;
}

// --- dashboard ----------------------------------------------------------------------------------

DASHBOARD_WIDGETS.push(async (req, c) => {
  if (!c.can('document.view')) return null;
  const db = req.server.deps.db;
  const view = scopePaths(req.actor, 'document.view');
  const review = scopePaths(req.actor, 'document.review');
  const [awaiting, uninterpreted, overdue, late] = await Promise.all([
    review.length ? awaitingReviewCount(db, review) : Promise.resolve(null),
    policiesWithoutInterpretation(db, { scope: view, limit: 1000 }),
    overdueOpen(req, view),
    latePublishedCount(db, view),
  ]);
  const T = t(c);
  const n = (x: number) => formatNumber(c.l, x);
  return (
    <section class="card" aria-labelledby="h-docs-widget">
      <h2 id="h-docs-widget">{T({ zh: '信息发布', en: 'Publishing' })}</h2>
      <ul class="stats">
        {awaiting !== null ? <li><strong>{n(awaiting)}</strong><a href="/admin/documents?status=submitted">{T({ zh: '待审核的文件', en: 'documents awaiting review' })}</a></li> : null}
        <li><strong>{n(uninterpreted.length)}{uninterpreted.length >= 1000 ? '+' : ''}</strong><a href="/admin/documents/uninterpreted">{T({ zh: '未发布解读的政策文件', en: 'policies without interpretation' })}</a></li>
        <li><strong>{n(overdue.length)}</strong><a href="/admin/documents/timeliness">{T({ zh: '超期未公开的文件', en: 'documents overdue for publication' })}</a></li>
        <li><strong>{n(late)}</strong><span>{T({ zh: '已超期发布的文件', en: 'documents published late' })}</span></li>
      </ul>
    </section>
  );
});

// --- routes ---------------------------------------------------------------------------------

type Req = FastifyRequest<{ Params: { id: string; aid?: string; action?: string }; Querystring: Record<string, string | undefined> }>;

const idOf = (s: string | undefined) => (s && /^[1-9]\d{0,9}$/.test(s) ? Number(s) : 0);

export default async function documentsAdminRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  // API tokens (/admin/tokens) and the unit's 索引号 settings (/admin/documents/settings)
  await app.register(tokensAdminRoutes);
  await app.register(documentSettingsRoutes);

  /** Loads a document the actor may see; 404 otherwise (existence is not revealed). */
  async function loadVisible(req: FastifyRequest, id: number): Promise<DocumentDetail> {
    const d = id ? await getDocument(db, id) : undefined;
    if (!d || !can(req.actor, 'document.view', d.unit.path)) throw notFound(DOC);
    return d;
  }

  async function editorData(unitId: number | null): Promise<Pick<EditorProps, 'allUnits' | 'columns' | 'topics'>> {
    const [units, columns, topics] = await Promise.all([
      listUnits(db, { activeOnly: true }),
      unitId ? columnsOfUnit(db, unitId, { enabledOnly: true }) : Promise.resolve([]),
      listTopics(db, { activeOnly: true }),
    ]);
    const flat = topics.flatMap((x) => [{ key: x.key, name_zh: x.name_zh, name_en: x.name_en, parent: null as string | null }, ...x.children.map((ch) => ({ key: ch.key, name_zh: ch.name_zh, name_en: ch.name_en, parent: x.key }))]);
    return { allUnits: units.map((u) => ({ code: u.code, name: u.name, depth: u.depth })), columns, topics: flat };
  }

  async function docPage(req: FastifyRequest, reply: FastifyReply, d: DocumentDetail, o: { values?: FormValues; errors?: Record<string, Msg>; workflowErrors?: Record<string, Msg>; attachmentErrors?: Record<string, Msg>; status?: number } = {}) {
    const c = viewContext(req, reply);
    const actions = actionsFor(req.actor, d.unit.path, d.status);
    const editable = actions.includes('edit') || actions.includes('edit_published');
    const personalData = await personalDataIn(req, d);
    const done = (req.query as Record<string, string | undefined>).done;
    const html = renderHtml(DocumentAdminPage({
      c, doc: d, maxUploadMb: cfg.maxUploadMb, attachmentErrors: o.attachmentErrors, timeliness: await timelinessOf(req, d),
      notices: done ? [{ zh: '操作已完成。', en: 'Done.' }] : undefined,
      workflow: { id: d.id, status: d.status, actions, returnReason: d.return_reason, withdrawalReason: d.withdrawal_reason, publishAt: d.publish_at, personalData, errors: o.workflowErrors },
      editor: editable ? { mode: 'update', id: d.id, published: d.status === 'published', values: o.values ?? valuesOf(d), errors: o.errors, personalData, ...(await editorData(d.unit_id)) } : null,
    }));
    return reply.code(o.status ?? 200).type(HTML).send(html);
  }

  await adminRoutes(app, async (s) => {
    // Multipart (attachments): fields are parsed before the guard's CSRF check reads body._csrf.
    await s.register(multipart, { attachFieldsToBody: true, limits: { fileSize: cfg.maxUploadMb * 1024 * 1024, files: 1, fields: 20, parts: 25 } });
    s.addHook('preValidation', async (req) => {
      if (!req.isMultipart() || !req.body || typeof req.body !== 'object') return;
      const flat: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) {
        const part = (Array.isArray(v) ? v[0] : v) as { type?: string; value?: unknown; filename?: string; toBuffer?: () => Promise<Buffer> };
        if (part?.type === 'file') flat[k] = { filename: part.filename ?? 'file', data: await part.toBuffer!() };
        else if (part?.type === 'field') flat[k] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      }
      req.body = flat;
    });

    s.get<{ Querystring: Record<string, string | undefined> }>('/admin/documents', async (req, reply) => {
      const scope = scopePaths(req.actor, 'document.view');
      if (!scope.length) throw forbidden();
      const q = req.query;
      const status = STATUS_CODES.find((x) => x === q.status);
      const unitId = idOf(q.unit) || undefined;
      const columnId = unitId ? idOf(q.column) || undefined : undefined;
      const [page, units, columns] = await Promise.all([
        adminDocumentPage(db, { scope, status, unitId, columnId, q: q.q?.slice(0, 100), page: idOf(q.page) || 1 }),
        listUnits(db, { scope, activeOnly: true }),
        unitId ? columnsOfUnit(db, unitId, { enabledOnly: true }) : Promise.resolve([]),
      ]);
      const c = viewContext(req, reply);
      return reply.type(HTML).send(renderHtml(DocumentList({
        c, ...page, units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })), columns,
        filter: { status, unit: unitId ? String(unitId) : undefined, column: columnId ? String(columnId) : undefined, q: q.q }, canCreate: c.can('document.create'),
      })));
    });

    const newPage = async (req: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: Record<string, Msg>) => {
      const own = await listUnits(db, { scope: scopePaths(req.actor, 'document.create'), activeOnly: true });
      if (!own.length) throw forbidden();
      const unitId = idOf(String(values.unit ?? '')) || own[0].id;
      const c = viewContext(req, reply);
      return reply.code(errors ? 422 : 200).type(HTML).send(renderHtml(NewDocumentPage({ c, editor: { mode: 'create', values: { unit: String(unitId), ...values }, errors, ownUnits: own.map((u) => ({ id: u.id, name: u.name, depth: u.depth })), ...(await editorData(unitId)) } })));
    };

    s.get<{ Querystring: Record<string, string | undefined> }>('/admin/documents/new', async (req, reply) => {
      const interprets = idOf(req.query.interprets);
      const policy = interprets ? await getDocument(db, interprets) : undefined;
      return newPage(req, reply, { unit: req.query.unit, ...(policy ? { interpretationOf: policy.index_no, interpretationKind: 'text', title: `《${policy.title}》政策解读` } : {}) });
    });

    s.post('/admin/documents', async (req, reply) => {
      const unitId = idOf(formBody(req).unit);
      const unit = unitId ? (await listUnits(db, { scope: scopePaths(req.actor, 'document.create') })).find((u) => u.id === unitId) : undefined;
      if (!unit) return newPage(req, reply, submitted(req), { unit: { zh: '请选择您有权发布信息的单位', en: 'Choose a unit you may publish for' } });
      try {
        const r = await createDocument(db, commandContext(req), unit.id, inputFromForm(req, unit.code));
        return reply.redirect(`/admin/documents/${r.document.id}`, 303);
      } catch (e) {
        if (e instanceof AppError && e.fields) return newPage(req, reply, submitted(req), e.fields);
        throw e;
      }
    });

    s.get('/admin/documents/uninterpreted', async (req, reply) => {
      const scope = scopePaths(req.actor, 'document.view');
      if (!scope.length) throw forbidden();
      const rows = await policiesWithoutInterpretation(db, { scope, limit: 500 });
      return reply.type(HTML).send(renderHtml(UninterpretedPage({ c: viewContext(req, reply), rows })));
    });

    s.get('/admin/documents/timeliness', async (req, reply) => {
      const scope = scopePaths(req.actor, 'document.view');
      if (!scope.length) throw forbidden();
      const [open, late] = await Promise.all([overdueOpen(req, scope), latePublishedCount(db, scope)]);
      return reply.type(HTML).send(renderHtml(TimelinessPage({ c: viewContext(req, reply), open, latePublished: late })));
    });

    s.get('/admin/documents/:id', async (req: Req, reply) => docPage(req, reply, await loadVisible(req, idOf(req.params.id))));

    s.post('/admin/documents/:id', async (req: Req, reply) => {
      const d = await loadVisible(req, idOf(req.params.id));
      const b = formBody(req);
      try {
        await updateDocument(db, commandContext(req), d.id, inputFromForm(req, d.unit.code), { acknowledgePersonalData: checked(b, 'acknowledgePersonalData'), changeNote: b.changeNote });
        return reply.redirect(`/admin/documents/${d.id}?done=edit`, 303);
      } catch (e) {
        if (e instanceof AppError && (e.fields || e.status === 409)) return docPage(req, reply, d, { values: submitted(req), errors: e.fields ?? { action: e.msg }, status: e.status });
        throw e;
      }
    });

    const WORKFLOW: Record<string, (id: number, req: FastifyRequest) => Promise<unknown>> = {
      submit: (id, req) => submitDocument(db, commandContext(req), id),
      return: (id, req) => returnDocument(db, commandContext(req), id, formBody(req).reason ?? ''),
      review: (id, req) => reviewDocument(db, commandContext(req), id, { confidentialityChecked: checked(formBody(req), 'confidentialityChecked'), personalInfoChecked: checked(formBody(req), 'personalInfoChecked') }),
      publish: (id, req) => publishDocument(db, commandContext(req), id, { acknowledgePersonalData: checked(formBody(req), 'acknowledgePersonalData'), publishAt: beijingInstant(formBody(req).publishAt) }),
      unschedule: (id, req) => unscheduleDocument(db, commandContext(req), id),
      withdraw: (id, req) => withdrawDocument(db, commandContext(req), id, formBody(req).reason ?? ''),
      reopen: (id, req) => reopenDocument(db, commandContext(req), id, formBody(req).reason),
    };

    s.post('/admin/documents/:id/:action', async (req: Req, reply) => {
      const run = WORKFLOW[req.params.action ?? ''];
      if (!run || !Object.hasOwn(WORKFLOW, req.params.action ?? '')) throw notFound();
      const id = idOf(req.params.id);
      await loadVisible(req, id);
      try {
        await run(id, req);
        return reply.redirect(`/admin/documents/${id}?done=${req.params.action}`, 303);
      } catch (e) {
        if (e instanceof AppError && (e.fields || e.status === 409)) return docPage(req, reply, await loadVisible(req, id), { workflowErrors: e.fields ?? { action: e.msg }, status: e.status });
        throw e;
      }
    });

    s.post('/admin/documents/:id/attachments', async (req: Req, reply) => {
      const d = await loadVisible(req, idOf(req.params.id));
      const body = (req.body ?? {}) as Record<string, unknown>;
      const file = body.file as { filename: string; data: Buffer } | undefined;
      if (!file || !Buffer.isBuffer(file.data) || !file.data.length) {
        if (!req.isMultipart()) throw badRequest({ zh: '请以文件上传的方式提交', en: 'Send the file as multipart/form-data' });
        return docPage(req, reply, d, { attachmentErrors: { file: { zh: '请选择要上传的文件', en: 'Choose a file to upload' } }, status: 422 });
      }
      try {
        await addAttachment(db, commandContext(req), { dataDir: cfg.dataDir, maxUploadMb: cfg.maxUploadMb }, d.id, file, { acknowledgePersonalData: body.acknowledgePersonalData === '1' });
        return reply.redirect(`/admin/documents/${d.id}?done=upload`, 303);
      } catch (e) {
        if (e instanceof AppError && (e.fields || e.status === 409)) return docPage(req, reply, d, { attachmentErrors: e.fields?.file ? { file: e.fields.file } : { file: e.fields?.acknowledgePersonalData ?? e.msg }, status: e.status });
        throw e;
      }
    });

    s.post('/admin/documents/:id/attachments/:aid/delete', async (req: Req, reply) => {
      const d = await loadVisible(req, idOf(req.params.id));
      const aid = idOf(req.params.aid);
      if (!d.attachments.some((a) => a.id === aid)) throw notFound({ zh: '附件', en: 'attachment' });
      try {
        // Removing a file cannot add personal data; what remains was acknowledged when it was published.
        await removeAttachment(db, commandContext(req), aid, { acknowledgePersonalData: true });
        return reply.redirect(`/admin/documents/${d.id}?done=remove`, 303);
      } catch (e) {
        if (e instanceof AppError && (e.fields || e.status === 409)) return docPage(req, reply, d, { attachmentErrors: { file: e.msg }, status: e.status });
        throw e;
      }
    });

    s.get('/admin/documents/:id/versions', async (req: Req, reply) => {
      const d = await loadVisible(req, idOf(req.params.id));
      const versions = await listVersions(db, d.id);
      const latest = versions[0]?.version ?? 0;
      const to = idOf(req.query.to) || latest;
      const from = idOf(req.query.from) || to - 1;
      const diff = from >= 1 && to > from ? ((await diffDocumentVersions(db, d.id, from, to)) ?? null) : null;
      return reply.type(HTML).send(renderHtml(VersionsPage({ c: viewContext(req, reply), doc: d, versions, from: diff ? from : null, to: diff ? to : null, diff })));
    });
  });
}
