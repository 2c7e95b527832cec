/**
 * /admin/documents: thin routes over the document commands. Each handler loads, checks the policy
 * (lists in SQL through the scope), calls one command and redirects (303) or re-renders the form
 * with every field error (422). The workflow panel shows only the transitions the user's roles on
 * the document's unit allow (domain/workflow.ts × policy.ts).
 */
import { bodyHash, idempotent } from '../../../core/http/idempotency.ts';
import { REVIEW_PANELS } from './review-panels.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { multipartForms } from '../../../core/http/multipart-forms.ts';
import { can, scopePaths, type Actor } from '../../../core/auth/policy.ts';
import { renderHtml } from '../../../core/render/page.tsx';
import { commandContext, formBody, formBodyAll, viewContext } from '../../../core/http/request.ts';
import { AppError, badRequest, forbidden, notFound } from '../../../core/http/errors.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { calendarFor, countyOfUnitCode } from '../../../core/calendar/store.ts';
import { adminRoutes } from '../../admin/guard.ts';
import { ADMIN_NAV } from '../../admin/layout.tsx';
import { listUnits, unitById } from '../../units/repository.ts';
import '../policy.ts';
import { allowedActions, type DocStatus, type WorkflowAction } from '../domain/workflow.ts';
import { computeTimeliness } from '../domain/timeliness.ts';
import { legalFormOf } from '../domain/taxonomy.ts';
import { interpretationTitle } from '../domain/titles.ts';
import {
  createDocument, publishDocument, recallDocument, reopenDocument, returnDocument, reviewDocument, submitDocument, unscheduleDocument, updateDocument, withdrawDocument,
  type DocumentInput,
} from '../commands.ts';
import { addAttachment, removeAttachment } from '../store/attachments.ts';
import { columnsOfUnit, diffDocumentVersions, getDocument, listTopics, listVersions, policiesWithoutInterpretation, type DocumentDetail } from '../store/repository.ts';
import { adminDocumentPage } from '../store/queries.ts';
import { latePublishedCount, latePublishedPage, overdueOpenCount, overdueOpenPage, withFlags } from '../store/deadlines.ts';
import { scanDocument } from '../store/pii-scan.ts';
import { DocumentList, type EditorProps, type FormValues } from '../views/admin-views.tsx';
import { DocumentAdminPage, NewDocumentPage, TimelinessPage, UninterpretedPage, VersionsPage, type TimelinessView } from '../views/admin-pages.tsx';
import documentSettingsRoutes from './settings-routes.tsx';
import reviewRoutes from './review-routes.tsx';
import documentListRoutes from './list-routes.tsx';
import './dashboard.tsx';
import { parseId } from '../../../core/http/input-guard.ts';

ADMIN_NAV.push({ key: 'documents', href: '/admin/documents', label: { zh: '文件管理', en: 'Documents' }, action: 'document.view', order: 10 });

const DOC = { zh: '文件', en: 'document' };
const HTML = 'text/html; charset=utf-8';
const STATUS_CODES: DocStatus[] = ['draft', 'submitted', 'reviewed', 'scheduled', 'published', 'withdrawn'];

/** The policy rule behind each workflow transition (policy.ts). */
const RULE_OF: Record<WorkflowAction, string> = {
  edit: 'document.edit', edit_published: 'document.edit', submit: 'document.submit', recall: 'document.submit', return: 'document.review', review: 'document.review',
  publish: 'document.publish', schedule: 'document.publish', unschedule: 'document.publish', publish_due: 'nobody', withdraw: 'document.withdraw', reopen: 'document.reopen',
};

/** Transitions the actor's roles on the unit allow from `status`, and the policy permits; 'recall' only for the submitter. */
export function actionsFor(actor: Actor | null, unitPath: string, status: DocStatus, submittedBy: number | null = null): WorkflowAction[] {
  if (!actor) return [];
  const roles = new Set(actor.grants.filter((g) => unitPath.startsWith(g.unitPath)).map((g) => g.role));
  const out = new Set<WorkflowAction>();
  for (const r of roles) for (const a of allowedActions(status, r)) if (can(actor, RULE_OF[a], unitPath)) out.add(a);
  if (submittedBy !== actor.userId) out.delete('recall');
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

// --- timeliness -----------------------------------------------------------------------------

async function timelinessOf(req: FastifyRequest, d: DocumentDetail): Promise<TimelinessView> {
  if (d.status === 'published' || d.published_at) {
    if (d.timeliness_workdays === null) return { result: null, published: true };
    return {
      published: true,
      lateReason: d.late_reason,
      result: { workdays: d.timeliness_workdays, art26Overdue: !!d.timeliness_art26_overdue, policyOverdue: !!d.timeliness_policy_overdue, policyRuleApplies: legalFormOf(d.legal_form)?.isPolicy ?? false, interpretationLagWorkdays: d.interpretation_lag_workdays, interpretationLate: (d.interpretation_lag_workdays ?? 0) > 5, remainingWorkdays: 0 },
    };
  }
  if (!d.written_date) return { result: null, published: false };
  const cal = await calendarFor(req.server.deps.db, countyOfUnitCode(d.unit.code));
  const r = computeTimeliness({ writtenDate: d.written_date, changedDate: d.changed_date, isPolicy: legalFormOf(d.legal_form)?.isPolicy ?? false, isInterpretation: d.interprets_id !== null, policyPublishDate: d.interprets?.publish_date ?? null }, cal, { today: shanghaiDate() });
  return { result: r, published: false, due: d.timeliness_due };
}

// --- routes ---------------------------------------------------------------------------------

type Req = FastifyRequest<{ Params: { id: string; aid?: string; action?: string }; Querystring: Record<string, string | undefined> }>;

const idOf = (s: string | undefined) => parseId(s) ?? 0; // a positive 32-bit integer (2147483648 is nobody's id: issue #10 item 7)

export default async function documentsAdminRoutes(app: FastifyInstance) {
  const { db, cfg } = app.deps;
  // the unit's 索引号 settings (/admin/documents/settings)
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
    return { allUnits: units.map((u) => ({ code: u.code, name: u.name, depth: u.level })), columns, topics: flat };
  }

  type PageOptions = { values?: FormValues; errors?: Record<string, Msg>; workflowErrors?: Record<string, Msg>; attachmentErrors?: Record<string, Msg>; piiErrors?: Record<string, Msg>; status?: number };

  async function docPage(req: FastifyRequest, reply: FastifyReply, d: DocumentDetail, o: PageOptions = {}) {
    const c = viewContext(req, reply);
    const actions = actionsFor(req.actor, d.unit.path, d.status, d.submitted_by);
    const editable = actions.includes('edit') || actions.includes('edit_published');
    // 条例 第十五条: on a refused save, the matches of the text as typed, not as stored
    const v = o.values;
    const one = (x: FormValues[string]) => (Array.isArray(x) ? (x[0] ?? '') : (x ?? ''));
    const typed = v ? { title: one(v.title), summary: one(v.summary), bodyHtml: one(v.bodyHtml), keywords: one(v.keywords) } : undefined;
    const report = await scanDocument(db, d, { dataDir: cfg.dataDir, versions: true, current: typed });
    const personalData = report.findings.filter((f) => f.current).map((f) => f.masked);
    const timeliness = await timelinessOf(req, d);
    const r = timeliness.result;
    const done = (req.query as Record<string, string | undefined>).done;
    const DONE: Record<string, Msg> = {
      redact: { zh: '已脱敏所选号码（正文、信息项和全部历史版本），已记入审计日志。', en: 'The chosen numbers were redacted (text, fields and every version) and the redaction was logged.' },
      recall: { zh: '已撤回提交，可修改后重新提交审核。', en: 'Submission recalled: edit it and submit again.' },
      submit: { zh: '已提交审核。', en: 'Submitted for review.' },
    };
    const panels = await Promise.all(REVIEW_PANELS.map((f) => f(db, d, c).catch((e: unknown) => { req.log.warn({ err: e }, 'review panel failed'); return null; })));
    const html = renderHtml(DocumentAdminPage({
      c, doc: d, panels, unit: (await unitById(db, d.unit_id))!, maxUploadMb: cfg.maxUploadMb, attachmentErrors: o.attachmentErrors, timeliness,
      notices: done ? [Object.hasOwn(DONE, done) ? DONE[done] : { zh: '操作已完成。', en: 'Done.' }] : undefined,
      pii: { report, canRedact: can(req.actor, 'document.redact', d.unit.path), errors: o.piiErrors },
      workflow: {
        id: d.id, status: d.status, actions, publishAt: d.publish_at, personalData, errors: o.workflowErrors,
        uncheckedAttachments: report.attachments.filter((a) => a.state !== 'checked').length,
        late: !timeliness.published && !!r && (r.art26Overdue || r.policyOverdue || r.interpretationLate),
        interpretations: d.interpretations.filter((x) => x.status === 'published').map((x) => ({ id: x.id, title: x.title })),
      },
      editor: editable ? { mode: 'update', id: d.id, published: d.status === 'published', values: o.values ?? valuesOf(d), errors: o.errors, personalData, ...(await editorData(d.unit_id)) } : null,
    }));
    return reply.code(o.status ?? 200).type(HTML).header('cache-control', 'no-store').send(html);
  }

  await adminRoutes(app, async (s) => {
    // Multipart (attachments): fields are parsed before the guard's CSRF check reads body._csrf.
    await multipartForms(s, { fileSize: cfg.maxUploadMb * 1024 * 1024, named: true });

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
        c, ...page, units: units.map((u) => ({ id: u.id, name: u.name, depth: u.level })), columns,
        filter: { status, unit: unitId ? String(unitId) : undefined, column: columnId ? String(columnId) : undefined, q: q.q }, canCreate: c.can('document.create'),
      })));
    });

    const newPage = async (req: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: Record<string, Msg>) => {
      const own = await listUnits(db, { scope: scopePaths(req.actor, 'document.create'), activeOnly: true });
      if (!own.length) throw forbidden();
      const unitId = idOf(String(values.unit ?? '')) || own[0].id;
      const c = viewContext(req, reply);
      return reply.code(errors ? 422 : 200).type(HTML).send(renderHtml(NewDocumentPage({ c, editor: { mode: 'create', values: { unit: String(unitId), ...values }, errors, ownUnits: own.map((u) => ({ id: u.id, name: u.name, depth: u.level })), ...(await editorData(unitId)) } })));
    };

    s.get<{ Querystring: Record<string, string | undefined> }>('/admin/documents/new', async (req, reply) => {
      const interprets = idOf(req.query.interprets);
      const policy = interprets ? await getDocument(db, interprets) : undefined;
      return newPage(req, reply, { unit: req.query.unit, ...(policy ? { interpretationOf: policy.index_no, interpretationKind: 'text', title: interpretationTitle(policy.title) } : {}) });
    });

    s.post('/admin/documents', async (req, reply) => {
      const unitId = idOf(formBody(req).unit);
      const unit = unitId ? (await listUnits(db, { scope: scopePaths(req.actor, 'document.create') })).find((u) => u.id === unitId) : undefined;
      if (!unit) return newPage(req, reply, submitted(req), { unit: { zh: '请选择您有权发布信息的单位', en: 'Choose a unit you may publish for' } });
      try {
        const b = formBody(req);
        const run = async () => ({ status: 303, value: { id: (await createDocument(db, commandContext(req), unit.id, inputFromForm(req, unit.code))).document.id } });
        const token = typeof b.form_token === 'string' ? b.form_token : '';
        const { value } = token ? await idempotent(db, cfg.piiKeys, { scope: `form:document:${req.actor!.userId}`, key: token, hash: bodyHash(b), field: 'form_token' }, run) : await run();
        return reply.redirect(`/admin/documents/${value.id}`, 303);
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

    s.get<{ Querystring: Record<string, string | undefined> }>('/admin/documents/timeliness', async (req, reply) => {
      const scope = scopePaths(req.actor, 'document.view');
      if (!scope.length) throw forbidden();
      const view = req.query.view === 'late' ? 'late' : 'open';
      const page = idOf(req.query.page) || 1;
      const today = shanghaiDate();
      const [openCount, lateCount] = await Promise.all([overdueOpenCount(db, scope, today), latePublishedCount(db, scope)]);
      const open = view === 'open' ? await overdueOpenPage(db, scope, today, page, 50, openCount) : null;
      const late = view === 'late' ? await latePublishedPage(db, scope, page, 50, lateCount) : null;
      return reply.type(HTML).send(renderHtml(TimelinessPage({
        c: viewContext(req, reply), view, openCount, lateCount, late,
        open: open ? { ...open, rows: (await withFlags(db, open.rows, today)).map((r) => ({ ...r, due: r.timeliness_due })) } : null,
      })));
    });

    s.get('/admin/documents/:id', async (req: Req, reply) => docPage(req, reply, await loadVisible(req, idOf(req.params.id))));

    // preview, staff downloads of attachments, redaction (http/review-routes.tsx)
    await reviewRoutes(s, { loadVisible, docPage });
    // the list's XLSX export and bulk actions (http/list-routes.tsx)
    await documentListRoutes(s);

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
      recall: (id, req) => recallDocument(db, commandContext(req), id),
      return: (id, req) => returnDocument(db, commandContext(req), id, formBody(req).reason ?? ''),
      review: (id, req) => reviewDocument(db, commandContext(req), id, { confidentialityChecked: checked(formBody(req), 'confidentialityChecked'), personalInfoChecked: checked(formBody(req), 'personalInfoChecked') }),
      publish: (id, req) => publishDocument(db, commandContext(req), id, { acknowledgePersonalData: checked(formBody(req), 'acknowledgePersonalData'), publishAt: beijingInstant(formBody(req).publishAt), lateReason: formBody(req).lateReason }),
      unschedule: (id, req) => unscheduleDocument(db, commandContext(req), id),
      withdraw: (id, req) => withdrawDocument(db, commandContext(req), id, formBody(req).reason ?? '', { withdrawInterpretations: formBodyAll(req, 'withdrawInterpretations').map(idOf).filter(Boolean) }),
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
