/**
 * The authorization matrix's POLICY: every route of the app, classified. The matrix test
 * (authz-matrix.http.test.ts) lists the routes the app registers and fails on any route missing
 * here, so a new route cannot ship without someone deciding who may use it.
 *
 * How to classify a route (key: 'METHOD /url/as/registered'):
 *   public      — anyone, signed in or not (portal pages, public API, citizens' forms)
 *   signed-in   — any console user; `somewhere: action` when the page needs that action on some unit
 *                 (lists filtered to the user's scope: a user with the action nowhere gets 403)
 *   unit        — needs `action` on the target's unit (`on: 'parent'` — on the unit's parent, as
 *                 unit lifecycle changes do); probed with a target in the actor's own unit, a child,
 *                 the parent and a sibling unit
 *   user        — changes a user: user.manage over the user's home unit and every grant they hold
 *                 (+ role.grant.system_admin for a system_admin grant) — accounts/domain/manage.ts
 *   skip        — classified but not probed, with the reason (e.g. it ends the prober's session)
 * `form` / `json` give a valid body, so an allowed actor passes validation and a refused one is
 * refused by the policy, not by a missing field. `fresh` gives each probe its own target when the
 * action consumes it (delete, revoke, a workflow step).
 */
import { COUNTY_SCOPE, type Place, type World, type FreshKind, type Relation } from './authz-matrix.test-helper.ts';
import { can, type Actor } from './policy.ts';
import { validInput } from '../../modules/documents/store/fixtures.test-helper.ts';

export type TargetKind = 'unit' | 'user' | 'token' | 'document' | 'request' | 'department' | 'leader' | 'media' | 'calendar' | 'report' | 'agency' | 'guide' | 'decision';

interface Common {
  /** concrete values for the URL's :params (default: from the target kind) */
  params?: (p: Place, w: World) => Record<string, string | number>;
  query?: string | ((p: Place) => string);
  form?: Record<string, string> | ((p: Place, rel: Relation) => Record<string, string>);
  json?: unknown | ((p: Place) => unknown);
  /** the documents write API: Authorization: Bearer instead of the session */
  bearer?: boolean;
  fresh?: FreshKind | 'request';
  /**
   * The action that lets an actor see the target. An actor who may see it but not act gets, from
   * some commands, the state or validation answer (409/422) before the refusal; that tells them
   * nothing they cannot read, so it is not counted as a leak (2xx/3xx always is).
   */
  view?: string;
  /** further statuses that are refusals on this route, with the reason in `note` */
  refusals?: number[];
  note?: string;
}

export type Access =
  | ({ kind: 'public' } & Common)
  | ({ kind: 'signed-in'; somewhere?: string } & Common)
  | ({ kind: 'unit'; action: string; target: TargetKind; on?: 'parent'; expect?: (a: Actor, p: Place, rel: Relation) => boolean } & Common)
  | ({ kind: 'user'; target: 'user' | 'token' } & Common)
  | { kind: 'skip'; reason: string };

const Y = 2026;
const report = (p: Place) => ({ unitId: p.unit.id, year: Y, kind: 'unit', fmt: 'html' });
const agency = (p: Place) => ({ unit: p.unit.id });
/** Calendar entries: the county's own calendar (own unit and its child) or the national one (above and beside). */
const calendarScope = (rel: Relation) => (rel === 'own' || rel === 'child' ? COUNTY_SCOPE : 'national');
const calendarRule = (a: Actor, p: Place, rel: Relation) =>
  calendarScope(rel) === 'national' ? can(a, 'calendar.manage.national', null) : can(a, 'calendar.manage.county', p.unit.path);
let day = 0;
/** A draft is edited by those who may create documents; reviewers edit published ones only (documents/policy.ts). */
const draftEdit = (a: Actor, p: Place) => can(a, 'document.create', p.unit.path);
/** Drafting a reply: the handler, or whoever signs it (requests/http/staff-routes.tsx canDraft). */
const draftRule = (a: Actor, p: Place) => can(a, 'request.handle', p.unit.path) || can(a, 'request.approve', p.unit.path);
const pub = (params?: Common['params'], query?: string): Access => ({ kind: 'public', params, query });

export const POLICY: Record<string, Access> = {
  // ── infrastructure and portal ──────────────────────────────────────────────────────────────
  'GET /static/*': pub(() => ({ '*': 'site.css' })),
  'GET /api/docs': pub(),
  'GET /api/docs/static/index.html': pub(),
  'GET /api/docs/static/swagger-initializer.js': pub(),
  'GET /api/docs/json': pub(),
  'GET /api/docs/yaml': pub(),
  'GET /api/docs/static/*': pub(() => ({ '*': 'swagger-ui.css' })),
  'GET /healthz': pub(),
  'GET /readyz': pub(),
  'GET /prefs': pub(),
  'GET /': pub(),
  'GET /xxgk/': pub(),
  'GET /u/:slug': pub(),
  'GET /u/:slug/': pub(),
  'GET /u/:slug/xxgk/': pub(),
  'GET /u/:slug/xxgk/zn': pub(),
  'GET /api/v1/units': pub(),
  'GET /u/:slug/xxgk/*': pub((p) => ({ slug: p.unit.slug, '*': 'fdzdgknr/' })),
  'GET /u/:slug/feed.xml': pub(),
  'GET /u/:slug/atom.xml': pub(),
  'GET /topics': pub(),
  'GET /topics/': pub(),
  'GET /topics/:topic': { kind: 'skip', reason: 'public; the fixture has no 专题 (a missing one is a plain 404)' },
  'GET /topics/:topic/:section': { kind: 'skip', reason: 'public; the fixture has no 专题 (a missing one is a plain 404)' },
  'GET /topics/:topic/timeline': { kind: 'skip', reason: 'public; the fixture has no 专题 (a missing one is a plain 404)' },
  'GET /sitemap.xml': pub(),
  'GET /sitemap-:part.xml': { kind: 'skip', reason: 'public; parts exist only past 50,000 URLs (/sitemap.xml is probed)' },
  'GET /search': pub(),
  'GET /api/v1/search': pub(undefined, 'q=矩阵'),
  'GET /transparency/audit': pub(),
  'GET /transparency/audit/public-key.pem': pub(),
  'GET /transparency/audit/checkpoints.jsonl': pub(),
  'GET /api/v1/units/:code/agency': { kind: 'skip', reason: 'public; 404 until the unit publishes its agency information, none in the fixture' },
  'GET /u/:slug/agency/photos/:id': { kind: 'skip', reason: 'public photo of a published leader; the fixture has no photo (absent → 404)' },
  'GET /api/v1/media-accounts': { kind: 'public', query: (p) => `unit=${p.unit.code}` },
  'GET /media': pub(),
  'GET /u/:slug/media': pub(),
  'GET /media/qr/:id': { kind: 'skip', reason: 'public QR image of an account in the public list; the fixture accounts have none (absent → 404)' },
  'GET /u/:slug/xxgk/nb': pub(),
  'GET /u/:slug/xxgk/annual-reports': pub(),
  'GET /u/:slug/xxgk/nb/:file': { kind: 'skip', reason: 'public file of a published annual report; none is published in the fixture' },
  // portal: home blocks, site map, contact, feeds and the footer settings
  'GET /interpretations': pub(),
  'GET /latest': pub(),
  'GET /u/:slug/latest': pub(),
  'GET /u/:slug/xxgk/zcjd': pub(),
  'GET /robots.txt': pub(),
  'GET /sitemap': pub(),
  'GET /contact': pub(),
  'GET /feed.xml': pub(),
  'GET /atom.xml': pub(),
  'GET /topics/:topic/feed.xml': { kind: 'skip', reason: 'public; the fixture has no 专题 (a missing one is a plain 404)' },
  'GET /topics/:topic/atom.xml': { kind: 'skip', reason: 'public; the fixture has no 专题 (a missing one is a plain 404)' },
  'GET /site-assets/conac': { kind: 'skip', reason: 'public image of the footer; 404 until a system admin uploads one (none in the fixture)' },
  'GET /admin/portal/settings': { kind: 'signed-in', somewhere: 'portal.settings' },
  'POST /admin/portal/settings': { kind: 'signed-in', somewhere: 'portal.settings', refusals: [422], note: 'an empty 主办单位 is 422 for the system admin; nothing is written', form: { sponsor: '' } },
  'GET /admin/portal/topics': { kind: 'signed-in', somewhere: 'document.topics.manage' },
  'POST /admin/portal/topics/:id/urgent': { kind: 'signed-in', somewhere: 'document.topics.manage', refusals: [422], note: 'a note over 200 characters is 422 for the system admin before the topic is looked up; nothing is written', params: () => ({ id: 999999 }), form: { urgent: '1', note: '长'.repeat(201) } },
  // documents: the public reads (published only — a draft is 404 to everyone on these routes)
  'GET /api/v1/documents': pub(),
  'GET /api/v1/topics': pub(),
  'GET /api/v1/units/:code/columns': pub(),
  'GET /u/:slug/doc/:id': { kind: 'skip', reason: 'public page of a published document; the fixture holds drafts (404 to all, by design)' },
  'GET /api/v1/documents/:id': { kind: 'unit', action: 'document.view', target: 'document', bearer: true, note: 'public for published documents; a draft only with a Bearer token of a user who may view it' },
  'GET /api/v1/documents/:id/attachments/:attachmentId': { kind: 'skip', reason: 'the fixture documents have no attachment; drafts follow GET /api/v1/documents/:id' },

  // ── sign-in and the own account ────────────────────────────────────────────────────────────
  'GET /admin/login': pub(),
  'POST /admin/login': { kind: 'skip', reason: 'sign-in itself (tested in accounts/http/sign-in.http.test.ts)' },
  'POST /admin/logout': { kind: 'skip', reason: 'would end the prober’s session; needs sign-in (401 anonymous) — accounts tests' },
  'GET /admin/account': { kind: 'signed-in' },
  'POST /admin/account/password': { kind: 'signed-in', form: { current_password: 'wrong-Password-9!', new_password: 'x', new_password2: 'y' } },
  'GET /admin': { kind: 'signed-in' },

  // ── units ──────────────────────────────────────────────────────────────────────────────────
  'GET /admin/units': { kind: 'signed-in', somewhere: 'unit.view' },
  'GET /admin/units/new': { kind: 'unit', action: 'unit.create', target: 'unit', refusals: [422], note: 'a parent outside the actor’s reach: 422 on the parent field, listing only units the actor may use', query: (p) => `parent=${p.unit.code}`, params: () => ({}) },
  'POST /admin/units': { kind: 'unit', action: 'unit.create', target: 'unit', refusals: [422], note: 'the form is checked before the parent’s scope: an empty name is 422 to anyone; nothing is written', params: () => ({}), form: (p) => ({ parent_code: p.unit.code, name: '', type: 'department' }) },
  'GET /admin/units/:id': { kind: 'unit', action: 'unit.view', target: 'unit' },
  'POST /admin/units/:id': { kind: 'unit', action: 'unit.update', target: 'unit', form: { name: '' } },
  'GET /admin/units/:id/move': { kind: 'unit', action: 'unit.move', target: 'unit', on: 'parent' },
  'POST /admin/units/:id/move': { kind: 'unit', action: 'unit.move', target: 'unit', on: 'parent', form: { parent_code: 'NOSUCHUNIT', effective_on: '2026-01-05', reason: '矩阵测试' } },
  'GET /admin/units/:id/merge': { kind: 'unit', action: 'unit.merge', target: 'unit', on: 'parent' },
  'POST /admin/units/:id/merge': { kind: 'unit', action: 'unit.merge', target: 'unit', on: 'parent', form: { into_code: 'NOSUCHUNIT', effective_on: '2026-01-05', reason: '矩阵测试' } },
  'GET /admin/units/:id/deactivate': { kind: 'unit', action: 'unit.deactivate', target: 'unit', on: 'parent' },
  'POST /admin/units/:id/deactivate': { kind: 'unit', action: 'unit.deactivate', target: 'unit', on: 'parent', form: { effective_on: 'not-a-date', reason: '' } },
  'POST /admin/units/:id/activate': { kind: 'unit', action: 'unit.deactivate', target: 'unit', on: 'parent', form: {}, refusals: [409], note: 'the unit is active: 409 comes before the scope check — whether a unit is active is public' },

  // ── users and tokens ───────────────────────────────────────────────────────────────────────
  'GET /admin/users': { kind: 'signed-in', note: 'the list is filtered to scopePaths(user.view): empty without it' },
  'GET /admin/users/new': { kind: 'signed-in', somewhere: 'user.manage' },
  'POST /admin/users': { kind: 'unit', action: 'user.manage', target: 'unit', params: () => ({}), form: (p) => ({ username: '', display_name: '', unit_code: p.unit.code, grant: `editor@${p.unit.code}` }) },
  'GET /admin/users/:id': { kind: 'user', target: 'user' },
  'POST /admin/users/:id': { kind: 'user', target: 'user', form: {}, note: 'display name, e-mail, disabled, grants, password' },
  'POST /admin/users/:id/unlock': { kind: 'user', target: 'user', form: {} },
  'GET /admin/tokens': { kind: 'signed-in', somewhere: 'apitoken.own' },
  'POST /admin/tokens': { kind: 'signed-in', somewhere: 'apitoken.own', form: { name: '' } },
  'GET /admin/tokens/:id/revoke': { kind: 'user', target: 'token' },
  'POST /admin/tokens/:id/revoke': { kind: 'user', target: 'token', form: {}, fresh: 'token' },

  // ── calendar ───────────────────────────────────────────────────────────────────────────────
  'GET /admin/calendar': { kind: 'signed-in', somewhere: 'calendar.view' },
  'POST /admin/calendar': { kind: 'unit', action: 'calendar.manage.county', target: 'calendar', expect: calendarRule, params: () => ({}),
    form: (_p, rel) => ({ date: new Date(Date.UTC(2033, 0, 3) + ++day * 86_400_000).toISOString().slice(0, 10), is_workday: '0', scope: calendarScope(rel), source: '矩阵发〔2033〕1号', confirm: '1' }) },
  'POST /admin/calendar/:id/delete': { kind: 'unit', action: 'calendar.manage.county', target: 'calendar', expect: calendarRule, form: {}, fresh: 'calendar' },
  'GET /admin/calendar/import': { kind: 'signed-in', somewhere: 'calendar.manage.county' },
  'POST /admin/calendar/import': { kind: 'signed-in', somewhere: 'calendar.manage.county', form: {} },
  'GET /admin/calendar/years/new': { kind: 'signed-in', somewhere: 'calendar.manage.county' },
  'POST /admin/calendar/years': { kind: 'signed-in', somewhere: 'calendar.manage.county', form: {} },
  'POST /admin/calendar/years/reopen': { kind: 'skip', reason: 'reopens a year marked complete; none is in the fixture (404 to all). POST /admin/calendar/years carries the same check' },

  // ── documents: the write API (Bearer) and the admin pages ──────────────────────────────────
  'POST /api/v1/documents': { kind: 'unit', action: 'document.create', target: 'unit', bearer: true, params: () => ({}), json: (p: Place) => ({ unit: p.unit.code, ...validInput({ title: '矩阵接口新建文件' }) }) },
  'PATCH /api/v1/documents/:id': { kind: 'unit', action: 'document.edit', target: 'document', expect: draftEdit, view: 'document.view', bearer: true, json: {} },
  'POST /api/v1/documents/:id/submit': { kind: 'unit', action: 'document.submit', target: 'document', bearer: true, json: {}, fresh: 'document' },
  'POST /api/v1/documents/:id/recall': { kind: 'skip', reason: 'recalls the caller’s own submission (撤回提交); the fixture documents are drafts nobody submitted, refused to all' },
  'POST /api/v1/documents/:id/return': { kind: 'unit', action: 'document.review', target: 'document', bearer: true, json: { reason: '矩阵' } },
  'POST /api/v1/documents/:id/review': { kind: 'unit', action: 'document.review', target: 'document', bearer: true, json: { confidentialityChecked: true, personalInfoChecked: true } },
  'POST /api/v1/documents/:id/publish': { kind: 'unit', action: 'document.publish', target: 'document', bearer: true, json: {} },
  'POST /api/v1/documents/:id/withdraw': { kind: 'unit', action: 'document.withdraw', target: 'document', bearer: true, json: { reason: '矩阵' } },
  'POST /api/v1/documents/:id/attachments': { kind: 'skip', reason: 'needs a multipart file body; the document check is the one PATCH /api/v1/documents/:id uses' },
  'GET /admin/documents/settings': { kind: 'signed-in', somewhere: 'document.settings' },
  'POST /admin/documents/settings': { kind: 'unit', action: 'document.settings', target: 'unit', params: () => ({}), form: (p) => ({ unit: String(p.unit.id), index_pattern: '' }) },
  'GET /admin/documents': { kind: 'signed-in', somewhere: 'document.view' },
  'GET /admin/documents/new': { kind: 'signed-in', somewhere: 'document.create' },
  'POST /admin/documents': { kind: 'unit', action: 'document.create', target: 'unit', refusals: [422], note: 'a unit outside document.create scope is answered on the unit field (422), nothing written', params: () => ({}), form: (p) => ({ unit: String(p.unit.id), title: '' }) },
  'GET /admin/documents/uninterpreted': { kind: 'signed-in', somewhere: 'document.view' },
  'GET /admin/documents/timeliness': { kind: 'signed-in', somewhere: 'document.view' },
  'GET /admin/documents/:id': { kind: 'unit', action: 'document.view', target: 'document' },
  'GET /admin/documents/:id/preview': { kind: 'unit', action: 'document.view', target: 'document' },
  'GET /admin/documents/:id/attachments/:aid': { kind: 'skip', reason: 'the fixture documents have no attachment; the document check is GET /admin/documents/:id' },
  'POST /admin/documents/:id/redact': { kind: 'unit', action: 'document.redact', target: 'document', view: 'document.view', form: {} },
  'POST /admin/documents/:id': { kind: 'unit', action: 'document.edit', target: 'document', expect: draftEdit, view: 'document.view', form: {} },
  'POST /admin/documents/:id/:action': { kind: 'unit', action: 'document.submit', target: 'document', params: (p) => ({ id: p.document, action: 'submit' }), form: {}, fresh: 'document' },
  'POST /admin/documents/:id/attachments': { kind: 'skip', reason: 'needs a multipart file body; the document check is the one POST /admin/documents/:id uses' },
  'POST /admin/documents/:id/attachments/:aid/delete': { kind: 'skip', reason: 'the fixture documents have no attachment; the document check is POST /admin/documents/:id' },
  'GET /admin/documents/:id/versions': { kind: 'unit', action: 'document.view', target: 'document' },
  'GET /admin/documents/export.xlsx': { kind: 'signed-in', somewhere: 'document.view' },
  // per item: withdrawing the fixture draft is 409 (state) for those who may withdraw, 403 for the others; nothing changes
  'POST /admin/documents/bulk': { kind: 'unit', action: 'document.withdraw', target: 'document', view: 'document.view', form: (p) => ({ ids: String(p.document), action: 'withdraw', reason: '矩阵测试' }) },

  // ── 依申请公开: citizens' side ────────────────────────────────────────────────────────────────
  'GET /apply': pub(),
  'GET /u/:slug/xxgk/ysqgk': pub(),
  'POST /u/:slug/xxgk/ysqgk': { kind: 'skip', reason: 'the public application form (needs a signed form token; requests/http/intake.http.test.ts)' },
  'GET /ysqgk/status': pub(),
  'POST /ysqgk/status': { kind: 'skip', reason: 'public; tracking number + query code (requests tests)' },
  'GET /ysqgk/withdraw': pub(),
  'POST /ysqgk/withdraw': { kind: 'skip', reason: 'public; tracking number + query code (requests/http/withdrawal.http.test.ts)' },
  'POST /ysqgk/letters/:id': { kind: 'skip', reason: 'public; the applicant proves the tracking number + query code' },
  'GET /api/v1/requests/form-token': pub(),
  'POST /api/v1/requests': { kind: 'skip', reason: 'public application API (form token; requests tests)' },
  'GET /api/v1/requests/status': { kind: 'skip', reason: 'public; tracking number + query code' },

  // ── 依申请公开: staff pages and the staff API (session) ───────────────────────────────────────
  'GET /admin/requests': { kind: 'signed-in', somewhere: 'request.view' },
  'GET /admin/requests/export.xlsx': { kind: 'signed-in', somewhere: 'request.view' },
  'GET /admin/requests/new': { kind: 'signed-in', somewhere: 'request.step.register' },
  'POST /admin/requests': { kind: 'unit', action: 'request.step.register', target: 'unit', params: () => ({}), form: (p) => ({ unit_id: String(p.unit.id) }) },
  'GET /admin/requests/inbox': { kind: 'signed-in', somewhere: 'request.inbox' },
  'POST /admin/requests/inbox/:id/recover': { kind: 'skip', reason: 'needs a failed online submission in the inbox; GET /admin/requests/inbox is probed' },
  'POST /admin/requests/inbox/:id/discard': { kind: 'skip', reason: 'needs a failed online submission in the inbox; GET /admin/requests/inbox is probed' },
  'GET /admin/requests/notifications': { kind: 'signed-in', somewhere: 'request.view' },
  'POST /admin/requests/notifications/read': { kind: 'signed-in', somewhere: 'request.view', form: {} },
  'GET /admin/requests/:id': { kind: 'unit', action: 'request.view', target: 'request' },
  'POST /admin/requests/:id/pii': { kind: 'unit', action: 'request.pii.view', target: 'request', form: {} },
  'POST /admin/requests/:id/confirm': { kind: 'unit', action: 'request.step.register', target: 'request', form: {} },
  'POST /admin/requests/:id/steps': { kind: 'unit', action: 'request.step.accept', target: 'request', form: { type: 'accept' }, fresh: 'request', view: 'request.view' },
  'POST /admin/requests/:id/reply': { kind: 'unit', action: 'request.handle', target: 'request', expect: draftRule, view: 'request.view', form: {} },
  'POST /admin/requests/:id/sign': { kind: 'unit', action: 'request.step.answer', target: 'request', view: 'request.view', form: {}, note: 'no draft reply yet: 409 to those who may see the case' },
  'POST /admin/requests/:id/appeals': { kind: 'unit', action: 'request.appeal', target: 'request', form: {} },
  'POST /admin/requests/:id/assign': { kind: 'unit', action: 'request.assign', target: 'request', form: {} },
  'POST /admin/requests/:id/appeals/:aid': { kind: 'skip', reason: 'the fixture cases have no appeal yet; updateAppeal asks request.appeal on the case\'s unit before judging the input (appeal-authz.db.test.ts, appeal-lifecycle.db.test.ts)' },
  'POST /admin/requests/:id/supervise': { kind: 'unit', action: 'request.supervise', target: 'request', view: 'request.view', form: { instruction: '请抓紧办理，按期答复' } },
  'GET /admin/requests/appeals': { kind: 'signed-in', somewhere: 'request.view' },
  'GET /admin/requests/appeals.csv': { kind: 'signed-in', somewhere: 'request.view' },
  'GET /admin/requests/:id/attachments/:aid': { kind: 'skip', reason: 'the fixture cases have no attachment; the case check is GET /admin/requests/:id' },
  'GET /admin/requests/:id/letters/:file': { kind: 'skip', reason: 'the fixture cases have no letter yet' },
  'POST /admin/requests/:id/letters/:lid': { kind: 'skip', reason: 'the fixture cases have no letter yet' },
  'POST /admin/requests/:id/letters/:lid/issue': { kind: 'skip', reason: 'the fixture cases have no letter yet' },
  'POST /admin/requests/:id/letters/:lid/deliver': { kind: 'skip', reason: 'the fixture cases have no letter yet' },
  'GET /api/v1/requests': { kind: 'signed-in', somewhere: 'request.view' },
  'GET /api/v1/requests/:id': { kind: 'unit', action: 'request.view', target: 'request' },
  'POST /api/v1/requests/:id/steps': { kind: 'unit', action: 'request.step.accept', target: 'request', json: { type: 'accept' }, fresh: 'request', view: 'request.view' },
  'POST /api/v1/requests/:id/confirm': { kind: 'unit', action: 'request.step.register', target: 'request', json: {} },
  'POST /api/v1/requests/:id/reply': { kind: 'unit', action: 'request.handle', target: 'request', expect: draftRule, view: 'request.view', json: { key: 'nonexistent' } },
  'POST /api/v1/requests/:id/sign': { kind: 'unit', action: 'request.step.answer', target: 'request', view: 'request.view', json: {} },
  'POST /api/v1/requests/:id/assign': { kind: 'unit', action: 'request.assign', target: 'request', view: 'request.view', json: { handlerId: null } },
  'POST /api/v1/requests/:id/appeals': { kind: 'unit', action: 'request.appeal', target: 'request', view: 'request.view', json: { kind: 'reconsideration', outcome: 'pending', filedOn: '2026-04-01' } },
  'POST /api/v1/requests/:id/appeals/:aid': { kind: 'skip', reason: 'the fixture cases have no appeal yet; same rule as POST /admin/requests/:id/appeals/:aid' },
  'POST /api/v1/requests/:id/letters/:lid/issue': { kind: 'skip', reason: 'the fixture cases have no letter yet' },
  'POST /api/v1/requests/:id/letters/:lid/delivery': { kind: 'skip', reason: 'the fixture cases have no letter yet' },
  'GET /api/v1/requests/:id/letters/:lid/:format': { kind: 'skip', reason: 'the fixture cases have no letter yet' },

  // ── annual reports ─────────────────────────────────────────────────────────────────────────
  'GET /admin/reports': { kind: 'signed-in', somewhere: 'report.view' },
  'GET /admin/reports/settings': { kind: 'signed-in', somewhere: 'settings.manage' },
  'POST /admin/reports/settings': { kind: 'signed-in', somewhere: 'settings.manage', form: {} },
  'GET /admin/reports/:unitId/:year/:kind': { kind: 'unit', action: 'report.view', target: 'report', params: report },
  'GET /admin/reports/:unitId/:year/:kind/drill': { kind: 'skip', reason: 'needs a report cell to drill into; the report check is GET /admin/reports/:unitId/:year/:kind' },
  'GET /admin/reports/:unitId/:year/:kind/export/:fmt': { kind: 'unit', action: 'report.view', target: 'report', params: report },
  'GET /admin/reports/:unitId/:year/:kind/figures': { kind: 'unit', action: 'report.edit', target: 'report', params: report },
  'POST /admin/reports/:unitId/:year/:kind/figures': { kind: 'unit', action: 'report.edit', target: 'report', params: report, form: {} },
  'POST /admin/reports/:unitId/:year/:kind/figures/import': { kind: 'unit', action: 'report.edit', target: 'report', params: report, form: {} },
  'GET /admin/reports/:unitId/:year/:kind/narrative': { kind: 'unit', action: 'report.edit', target: 'report', params: report },
  'POST /admin/reports/:unitId/:year/:kind/narrative': { kind: 'unit', action: 'report.edit', target: 'report', params: report, form: {} },
  'POST /admin/reports/:unitId/:year/:kind/publish': { kind: 'unit', action: 'report.publish', target: 'report', params: report, form: {} },
  'POST /admin/reports/:unitId/:year/:kind/reopen': { kind: 'unit', action: 'report.publish', target: 'report', params: report, form: {} },

  // ── audit log ──────────────────────────────────────────────────────────────────────────────
  'GET /admin/audit': { kind: 'signed-in', somewhere: 'audit.view' },
  'GET /admin/audit/export.csv': { kind: 'signed-in', somewhere: 'audit.view' },
  'GET /admin/audit/history/:type/:id': { kind: 'unit', action: 'audit.view', target: 'document', params: (p) => ({ type: 'document', id: p.document }) },
  'GET /admin/audit/history/:type/:id/export.csv': { kind: 'unit', action: 'audit.view', target: 'document', params: (p) => ({ type: 'document', id: p.document }) },

  // ── agency information ─────────────────────────────────────────────────────────────────────
  'GET /admin/agency': { kind: 'signed-in', note: 'the list is filtered to scopePaths(agency.view): empty without it' },
  'GET /admin/agency/:unit': { kind: 'unit', action: 'agency.view', target: 'agency', params: agency },
  'POST /admin/agency/:unit/functions': { kind: 'unit', action: 'agency.edit', target: 'agency', params: agency, form: { functions: '<p>职能</p>' } },
  'POST /admin/agency/:unit/publish': { kind: 'unit', action: 'agency.publish', target: 'agency', params: agency, form: {} },
  'GET /admin/agency/:unit/versions/:v': { kind: 'skip', reason: 'no published version in the fixture; the unit check is GET /admin/agency/:unit' },
  'GET /admin/agency/:unit/photos/:id': { kind: 'skip', reason: 'no photo in the fixture; the unit check is GET /admin/agency/:unit' },
  'GET /admin/agency/:unit/departments/new': { kind: 'unit', action: 'agency.edit', target: 'agency', params: agency },
  'GET /admin/agency/:unit/departments/:id': { kind: 'unit', action: 'agency.edit', target: 'department', params: (p) => ({ unit: p.unit.id, id: p.department }) },
  'POST /admin/agency/:unit/departments': { kind: 'unit', action: 'agency.edit', target: 'agency', params: agency, form: { name: '矩阵新科室' } },
  'POST /admin/agency/:unit/departments/:id': { kind: 'unit', action: 'agency.edit', target: 'department', params: (p) => ({ unit: p.unit.id, id: p.department }), form: { name: '矩阵科室' } },
  'POST /admin/agency/:unit/departments/:id/delete': { kind: 'unit', action: 'agency.edit', target: 'department', params: (p) => ({ unit: p.unit.id, id: p.department }), form: {}, fresh: 'department' },
  'GET /admin/agency/:unit/leaders/new': { kind: 'unit', action: 'agency.edit', target: 'agency', params: agency },
  'GET /admin/agency/:unit/leaders/:id': { kind: 'unit', action: 'agency.edit', target: 'leader', params: (p) => ({ unit: p.unit.id, id: p.leader }) },
  'POST /admin/agency/:unit/leaders': { kind: 'unit', action: 'agency.edit', target: 'agency', params: agency, form: { name: '矩阵新领导', title: '副局长' } },
  'POST /admin/agency/:unit/leaders/:id': { kind: 'unit', action: 'agency.edit', target: 'leader', params: (p) => ({ unit: p.unit.id, id: p.leader }), form: { name: '矩阵领导', title: '局长' } },
  'POST /admin/agency/:unit/leaders/:id/delete': { kind: 'unit', action: 'agency.edit', target: 'leader', params: (p) => ({ unit: p.unit.id, id: p.leader }), form: {}, fresh: 'leader' },

  // ── 政务新媒体 ─────────────────────────────────────────────────────────────────────────────
  'GET /admin/media': { kind: 'signed-in', note: 'the list is filtered to scopePaths(media.view): empty without it' },
  'GET /admin/media/new': { kind: 'unit', action: 'media.edit', target: 'unit', params: () => ({}), query: (p) => `unit=${p.unit.id}` },
  'POST /admin/media': { kind: 'unit', action: 'media.edit', target: 'unit', params: () => ({}), query: (p) => `unit=${p.unit.id}`, form: { platform: 'weibo', name: '矩阵新账号', account_id: 'jz-new', status: 'open', opened_on: '2020-01-06', operator: '办公室' } },
  'GET /admin/media/:id': { kind: 'unit', action: 'media.view', target: 'media' },
  'GET /admin/media/:id/qr': { kind: 'skip', reason: 'no QR image in the fixture; the account check is GET /admin/media/:id' },
  'POST /admin/media/:id': { kind: 'unit', action: 'media.edit', target: 'media', form: { platform: 'wechat', name: '矩阵政务号', account_id: 'jzzwh', status: 'open', opened_on: '2020-01-06', operator: '办公室' } },
  'POST /admin/media/:id/inspections': { kind: 'unit', action: 'media.inspect', target: 'media', form: { inspected_on: '2026-01-05', last_post_on: '2026-01-04', interaction_ok: '1' } },
  // ── service guides (办事指南) ─────────────────────────────────────────────────────────────
  'GET /api/v1/guides': { kind: 'public', query: (p) => `unit=${p.unit.code}` },
  'GET /guides': pub(),
  'GET /u/:slug/guides': pub(),
  'GET /u/:slug/guides/:id': { kind: 'skip', reason: 'public page of a published guide; the fixture guides are drafts (→ 404 for everyone)' },
  'GET /u/:slug/guides/bundles/:id': { kind: 'skip', reason: 'public page of a bundle; the fixture has none (→ 404)' },
  'GET /admin/guides': { kind: 'signed-in', note: 'the list is filtered to scopePaths(guide.view): empty without it' },
  'GET /admin/guides/new': { kind: 'unit', action: 'guide.edit', target: 'unit', params: () => ({}), query: (p) => `unit=${p.unit.id}` },
  'POST /admin/guides': { kind: 'unit', action: 'guide.edit', target: 'unit', params: () => ({}), query: (p) => `unit=${p.unit.id}`, form: { name: '矩阵新指南', kind: 'other' } },
  'GET /admin/guides/:id': { kind: 'unit', action: 'guide.view', target: 'guide' },
  'POST /admin/guides/:id': { kind: 'unit', action: 'guide.edit', target: 'guide', view: 'guide.view', form: { name: '矩阵办事指南', kind: 'other' } },
  'POST /admin/guides/:id/status': { kind: 'unit', action: 'guide.publish', target: 'guide', view: 'guide.view', form: { to: 'published' }, note: 'a draft lacking elements: 422 for those who may publish' },
  'GET /admin/guides/bundles/new': { kind: 'unit', action: 'guide.publish', target: 'unit', params: () => ({}), query: (p) => `unit=${p.unit.id}` },
  'POST /admin/guides/bundles': { kind: 'unit', action: 'guide.publish', target: 'unit', params: () => ({}), query: (p) => `unit=${p.unit.id}`, form: (p) => ({ name: '矩阵一件事', guides: String(p.guide) }), note: 'one guide: 422 for those who may' },
  'GET /admin/guides/bundles/:id': { kind: 'skip', reason: 'no bundle in the fixture; the unit check is GET /admin/guides/bundles/new and guide.view as GET /admin/guides/:id' },
  'POST /admin/guides/bundles/:id': { kind: 'skip', reason: 'no bundle in the fixture; saveBundle authorizes guide.publish on the bundle unit (guides.http.test.ts covers scope)' },
  'POST /admin/guides/bundles/:id/delete': { kind: 'skip', reason: 'no bundle in the fixture; deleteBundle authorizes guide.publish on the bundle unit' },
  // ── 媒体库 (media library, library module) ───────────────────────────────────────────────────
  'GET /admin/media-library': { kind: 'signed-in', somewhere: 'library.use', note: 'items filtered to scopePaths(library.use); ?format=json the editor\'s picker' },
  'POST /admin/media-library': { kind: 'skip', reason: 'multipart upload; uploadItem authorizes library.use on the chosen unit (library.http.test.ts: another unit → 403, nothing stored)' },
  'GET /admin/media-library/:id': { kind: 'skip', reason: 'no library item in the fixture; library.use on the item unit, else 404 (library.http.test.ts)' },
  'POST /admin/media-library/:id': { kind: 'skip', reason: 'no library item in the fixture; updateItem authorizes library.use on the item unit, else 404 (library.http.test.ts)' },
  'POST /admin/media-library/:id/delete': { kind: 'skip', reason: 'no library item in the fixture; deleteItem authorizes library.use on the item unit, else 404 (library.http.test.ts)' },
  'GET /library/:key': { kind: 'skip', reason: 'public file of a library item of an active unit; none in the fixture (→ 404 for everyone; library.http.test.ts)' },
  // ── 培训记录 (training) and 考核 (assessment) ─────────────────────────────────────────────────
  'GET /admin/training': { kind: 'signed-in', note: 'lists filtered to scopePaths(training.view): empty without it' },
  'POST /admin/training': { kind: 'unit', action: 'training.manage', target: 'unit', params: () => ({}), form: (p) => ({ unit: String(p.unit.id), held_on: '2020-06-18', topic: '条例培训', organiser: '政务公开科', hours: '2' }) },
  'GET /admin/training/export.csv': { kind: 'signed-in', note: 'rows filtered to scopePaths(training.view)' },
  'GET /admin/training/:id': { kind: 'skip', reason: 'no training in the fixture; training.view on the organising unit (training.http.test.ts: another county\'s admin → 404)' },
  'POST /admin/training/:id': { kind: 'skip', reason: 'no training in the fixture; updateTraining authorizes training.manage on the organising unit' },
  'POST /admin/training/:id/delete': { kind: 'skip', reason: 'no training in the fixture; deleteTraining authorizes training.manage on the organising unit' },
  'POST /admin/training/:id/attendance': { kind: 'skip', reason: 'no training in the fixture; addAttendees authorizes training.manage on the organising unit (training.http.test.ts)' },
  'POST /admin/training/attendance/:id/delete': { kind: 'skip', reason: 'no attendance in the fixture; removeAttendee authorizes training.manage on the organising unit' },
  'GET /admin/assessment': { kind: 'signed-in', somewhere: 'assessment.view', note: 'figures of scopePaths(assessment.view) only' },
  'GET /admin/assessment/units/:id': { kind: 'skip', reason: 'a unit outside the caller\'s scope is not in its assessment → 404 (assessment.http.test.ts)' },
  'GET /admin/assessment/export.csv': { kind: 'signed-in', somewhere: 'assessment.view' },
  'GET /admin/assessment/export.xlsx': { kind: 'signed-in', somewhere: 'assessment.view' },
  'GET /admin/assessment/weights': { kind: 'skip', reason: 'assessment.weights on the root unit (the city): county supervisors → 403 (assessment.http.test.ts)' },
  'POST /admin/assessment/weights': { kind: 'skip', reason: 'saveWeights authorizes assessment.weights on the root unit (assessment.http.test.ts)' },
  'GET /api/v1/assessment': { kind: 'skip', reason: 'session or API token with assessment.view somewhere; anonymous → 401, others 403 (assessment.http.test.ts)' },
  // ── 权责清单 (lists of powers) ───────────────────────────────────────────────────────────────
  'GET /api/v1/powers': { kind: 'public', query: (p) => `unit=${p.unit.code}` },
  'GET /api/v1/powers/:id': { kind: 'skip', reason: 'one published item; the fixture has no list (→ 404 for everyone); powers.http.test.ts covers drafts → 404' },
  'GET /u/:slug/powers': pub(),
  'GET /u/:slug/powers/diff': { kind: 'skip', reason: 'the yearly diff of published lists; the fixture has none (→ 404 for everyone)' },
  'GET /u/:slug/powers/items/:id': { kind: 'skip', reason: 'public page of a published item; the fixture has no list (→ 404)' },
  'GET /u/:slug/powers/items/:id/chart': { kind: 'skip', reason: 'flowchart of a published item; the fixture has none (→ 404)' },
  'GET /admin/powers': { kind: 'signed-in', note: 'the list is filtered to scopePaths(power.view): empty without it' },
  'POST /admin/powers': { kind: 'unit', action: 'power.edit', target: 'unit', params: () => ({}), form: (p) => ({ unit: String(p.unit.id), year: '2020' }), note: 'the first allowed probe opens the 2020 list; later allowed ones get 422 (the year exists)' },
  'GET /admin/powers/lists/:id': { kind: 'skip', reason: 'no list in the fixture; visibleList checks power.view on the list unit (powers.http.test.ts: another unit\'s editor → 404)' },
  'POST /admin/powers/lists/:id/status': { kind: 'skip', reason: 'no list in the fixture; moveList authorizes power.edit (submit) / power.publish (publish, return) on the list unit (powers.http.test.ts: editor publishing → 403)' },
  'GET /admin/powers/lists/:id/export.xlsx': { kind: 'skip', reason: 'no list in the fixture; power.view on the list unit' },
  'POST /admin/powers/lists/:id/import': { kind: 'skip', reason: 'no list in the fixture; power.view to see the list, power.edit to import (else 404)' },
  'POST /admin/powers/lists/:id/import/confirm': { kind: 'skip', reason: 'no list in the fixture; importItems authorizes power.edit on a draft list' },
  'GET /admin/powers/lists/:id/items/new': { kind: 'skip', reason: 'no list in the fixture; power.edit on the list unit (else 404)' },
  'POST /admin/powers/lists/:id/items': { kind: 'skip', reason: 'no list in the fixture; saveItem authorizes power.edit on a draft list (powers.http.test.ts: another unit → 404)' },
  'GET /admin/powers/items/:id': { kind: 'skip', reason: 'no item in the fixture; power.view on the list unit' },
  'GET /admin/powers/items/:id/chart': { kind: 'skip', reason: 'no item in the fixture; power.view on the list unit' },
  'POST /admin/powers/items/:id': { kind: 'skip', reason: 'no item in the fixture; saveItem authorizes power.edit on a draft list (409 when submitted/published)' },
  'POST /admin/powers/items/:id/delete': { kind: 'skip', reason: 'no item in the fixture; deleteItem authorizes power.edit on a draft list (powers.http.test.ts: another unit → 404)' },
  // ── 网站健康检查 (site health) ───────────────────────────────────────────────────────────────
  'GET /api/v1/health': { kind: 'unit', action: 'health.view', target: 'unit', params: () => ({}), query: (p) => `unit=${p.unit.code}`, note: 'staff only (401 anonymous); a unit outside health.view scope → 404' },
  'GET /admin/health': { kind: 'signed-in', somewhere: 'health.view', note: 'scores and findings filtered to scopePaths(health.view)' },
  'GET /admin/health/sites/:code': { kind: 'skip', reason: 'a site\'s score history; the fixture has no run (→ 404 for everyone); health.view on the unit, else 404' },
  'POST /admin/health/run': { kind: 'unit', action: 'health.run', target: 'unit', view: 'health.view', params: () => ({}), form: (p) => ({ unit: p.unit.code }), note: 'runs a check of the unit subtree; outside health.view → 404, viewing without health.run → 403' },
  'POST /admin/health/orders/:id': { kind: 'skip', reason: 'no work order in the fixture; moveOrder authorizes health.assign / health.fix / health.verify on the order unit (health http test: another county → 404, editor verifying → 403)' },
  'GET /admin/health/settings': { kind: 'signed-in', somewhere: 'health.configure' },
  'POST /admin/health/settings': { kind: 'signed-in', somewhere: 'health.configure', form: { typos: '截止目前=截至目前', sensitive: '' } },
  // ── 重大行政决策 participation (意见征集) ──────────────────────────────────────────────────
  'GET /api/v1/consultations': pub(),
  'GET /api/v1/consultations/:id': { kind: 'skip', reason: 'public; the fixture has no published consultation (→ 404)' },
  'GET /consultations': pub(),
  'GET /u/:slug/consultations': pub(),
  'GET /consultations/:id': { kind: 'skip', reason: 'public page of a published consultation; none in the fixture (→ 404)' },
  'GET /consultations/hearings/:id/signup': { kind: 'skip', reason: 'public sign-up page of a hearing; none in the fixture' },
  'POST /consultations/:id/comments': { kind: 'skip', reason: "citizens' form: needs a signed form token and an open consultation (consultations http tests)" },
  'POST /consultations/hearings/:id/signup': { kind: 'skip', reason: "citizens' form: needs a signed form token and an open hearing (consultations http tests)" },
  'GET /admin/consultations': { kind: 'signed-in', note: 'the lists are filtered to scopePaths(consultation.view / moderate): empty without it' },
  'GET /admin/consultations/kept': { kind: 'signed-in', somewhere: 'consultation.moderate', note: 'the kept comments of scopePaths(consultation.moderate); 403 without it anywhere' },
  'POST /admin/consultations/kept/:id/recover': { kind: 'skip', reason: 'needs a comment kept after a storage error; consultation.moderate on its unit (consultations kept-recovery http test); GET /admin/consultations/kept is probed' },
  'POST /admin/consultations/kept/:id/discard': { kind: 'skip', reason: 'needs an item kept after a storage error; consultation.moderate on its unit, other units and roles refused (admin/kept.http.test.ts)' },
  'GET /admin/consultations/decisions/new': { kind: 'unit', action: 'consultation.edit', target: 'unit', params: () => ({}), query: (p) => `unit=${p.unit.id}` },
  'POST /admin/consultations/decisions': { kind: 'unit', action: 'consultation.edit', target: 'unit', params: () => ({}), query: (p) => `unit=${p.unit.id}`, form: { year: '2026', title: '矩阵新决策', undertaker: '办公室' } },
  'GET /admin/consultations/decisions/:id': { kind: 'unit', action: 'consultation.view', target: 'decision' },
  'POST /admin/consultations/decisions/:id': { kind: 'unit', action: 'consultation.edit', target: 'decision', view: 'consultation.view', form: { year: '2026', title: '矩阵决策事项', undertaker: '办公室' } },
  'POST /admin/consultations/decisions/:id/status': { kind: 'unit', action: 'consultation.publish', target: 'decision', view: 'consultation.view', form: { status: 'withdrawn' }, refusals: [], note: 'state answers (409/422) to those who may see it are no leak' },
  'GET /admin/consultations/decisions/:id/new': { kind: 'unit', action: 'consultation.edit', target: 'decision' },
  'POST /admin/consultations/decisions/:id/consultations': { kind: 'unit', action: 'consultation.edit', target: 'decision', view: 'consultation.view', form: { title: '矩阵征求意见' }, note: 'an incomplete draft: 422 for those who may' },
  'GET /admin/consultations/:id': { kind: 'skip', reason: 'no consultation in the fixture; its unit check is the decision pages above' },
  'POST /admin/consultations/:id': { kind: 'skip', reason: 'no consultation in the fixture; commands authorize consultation.edit on its unit (consultations db tests)' },
  'POST /admin/consultations/:id/publish': { kind: 'skip', reason: 'no consultation in the fixture; consultation.publish on its unit (consultations db tests)' },
  'POST /admin/consultations/:id/feedback': { kind: 'skip', reason: 'no consultation in the fixture; consultation.publish on its unit (consultations db tests)' },
  'POST /admin/consultations/:id/hearings': { kind: 'skip', reason: 'no consultation in the fixture; consultation.edit on its unit (consultations db tests)' },
  'POST /admin/consultations/comments/:id/moderate': { kind: 'skip', reason: 'no comment in the fixture; consultation.moderate on its unit (consultations db tests)' },
  'POST /admin/consultations/comments/:id/contact': { kind: 'skip', reason: "no comment in the fixture; the commenter's contact needs consultation.moderate on its unit, audited" },
  'POST /admin/consultations/hearings/:id/signups/:sid': { kind: 'skip', reason: 'no hearing in the fixture; consultation.edit on its unit' },
  'POST /admin/consultations/hearings/:id/record': { kind: 'skip', reason: 'no hearing in the fixture; consultation.edit on its unit' },
  // ── 留言/咨询 (citizen messages) ────────────────────────────────────────────────────────────
  'GET /api/v1/messages': { kind: 'public', query: (p) => `unit=${p.unit.code}` },
  'GET /api/v1/messages/:id': { kind: 'skip', reason: 'public; the fixture has no published message (→ 404)' },
  'GET /messages': pub(),
  'GET /u/:slug/messages': pub(),
  'GET /messages/status': pub(),
  'GET /messages/:id': { kind: 'skip', reason: 'public page of a published message; none in the fixture (→ 404)' },
  'POST /u/:slug/messages': { kind: 'skip', reason: "citizens' form: needs a signed form token (messages http tests)" },
  'POST /messages/status': { kind: 'skip', reason: "the asker's look-up by tracking number and query code (messages http tests); no account involved" },
  'GET /admin/messages': { kind: 'signed-in', note: 'the lists are filtered to scopePaths(message.view): empty without it' },
  'GET /admin/messages/kept': { kind: 'signed-in', somewhere: 'message.handle', note: 'the kept messages of scopePaths(message.handle); 403 without it anywhere' },
  'POST /admin/messages/kept/:id/recover': { kind: 'skip', reason: 'needs a message kept after a storage error; message.handle on its unit (messages kept-recovery http test); GET /admin/messages/kept is probed' },
  'POST /admin/messages/kept/:id/discard': { kind: 'skip', reason: 'needs an item kept after a storage error; message.handle on its unit, other units and roles refused (admin/kept.http.test.ts)' },
  'POST /admin/messages/settings': { kind: 'unit', action: 'message.settings', target: 'unit', params: () => ({}), form: (p) => ({ unit_id: String(p.unit.id), workdays: '6' }) },
  'GET /admin/messages/:id': { kind: 'skip', reason: 'no message in the fixture; message.view on its unit (messages http tests: another unit’s staff get 404)' },
  'GET /admin/messages/:id/attachments/:aid': { kind: 'skip', reason: 'no message in the fixture; message.handle on its unit, audited (messages db tests)' },
  'POST /admin/messages/:id/contact': { kind: 'skip', reason: 'no message in the fixture; message.handle on its unit, audited' },
  'POST /admin/messages/:id/assign': { kind: 'skip', reason: 'no message in the fixture; message.handle on its unit (messages http tests)' },
  'POST /admin/messages/:id/transfer': { kind: 'skip', reason: 'no message in the fixture; message.handle on its unit (messages http tests)' },
  'POST /admin/messages/:id/answer': { kind: 'skip', reason: 'no message in the fixture; message.handle on its unit (messages http tests)' },
  'POST /admin/messages/:id/publish': { kind: 'skip', reason: 'no message in the fixture; message.publish on its unit (messages http tests)' },
  'POST /admin/messages/:id/reject': { kind: 'skip', reason: 'no message in the fixture; message.handle on its unit' },
  'POST /admin/messages/:id/faq': { kind: 'skip', reason: 'no message in the fixture; message.publish on its unit' },
  // ── 工作要点督办 (work-plan supervision) ──────────────────────────────────────────────────────
  'GET /api/v1/workplan': pub(undefined, 'year=2020'),
  'GET /admin/workplan': { kind: 'signed-in', note: 'the list is filtered to scopePaths(workplan.view): plans of a unit in scope or naming one' },
  'POST /admin/workplan/import': { kind: 'skip', reason: 'multipart upload; importPlan authorizes workplan.manage on the plan unit (workplan.http.test.ts: a county admin importing the city\'s plan → 403, an editor → 404)' },
  'GET /admin/workplan/:id': { kind: 'skip', reason: 'no plan in the fixture; visiblePlan: workplan.view on the plan unit or on a unit it names (workplan.http.test.ts: scope)' },
  'GET /admin/workplan/:id/export.jsonl': { kind: 'skip', reason: 'no plan in the fixture; as the plan page' },
  'GET /admin/workplan/tasks/:id': { kind: 'skip', reason: 'no task in the fixture; as the plan page, progress filtered to the actor\'s subtree' },
  'POST /admin/workplan/tasks/:id/reports': { kind: 'skip', reason: 'no task in the fixture; addReport authorizes workplan.report on the reporting unit (workplan.http.test.ts: another unit → 403)' },
  // ── 在线访谈 / 新闻发布会 (interviews) ─────────────────────────────────────────────────────
  'GET /api/v1/interviews': pub(),
  'GET /api/v1/interviews/:id': { kind: 'skip', reason: 'public; the fixture has no announced event (→ 404)' },
  'GET /interviews': pub(),
  'GET /u/:slug/interviews': pub(),
  'GET /interviews/:id': { kind: 'skip', reason: 'public page of an announced event; none in the fixture (→ 404)' },
  'GET /interviews/photos/:id': { kind: 'skip', reason: 'public photo of an announced event; none in the fixture (→ 404)' },
  'POST /interviews/:id/questions': { kind: 'skip', reason: "citizens' form: needs a signed form token and an event taking questions (interviews http tests)" },
  'GET /admin/interviews': { kind: 'signed-in', note: 'the lists are filtered to scopePaths(interview.view / moderate): empty without it' },
  'GET /admin/interviews/kept': { kind: 'signed-in', somewhere: 'interview.moderate', note: 'the kept questions of scopePaths(interview.moderate); 403 without it anywhere' },
  'POST /admin/interviews/kept/:id/recover': { kind: 'skip', reason: 'needs a question kept after a storage error; interview.moderate on its unit (interviews kept-recovery http test); GET /admin/interviews/kept is probed' },
  'POST /admin/interviews/kept/:id/discard': { kind: 'skip', reason: 'needs an item kept after a storage error; interview.moderate on its unit, other units and roles refused (admin/kept.http.test.ts)' },
  'GET /admin/interviews/new': { kind: 'unit', action: 'interview.edit', target: 'unit', params: () => ({}), query: (p) => `unit=${p.unit.id}` },
  'POST /admin/interviews': { kind: 'unit', action: 'interview.edit', target: 'unit', params: () => ({}), query: (p) => `unit=${p.unit.id}`, form: { kind: 'interview', title: '矩阵访谈', topic: '矩阵主题', starts_at: '2026-06-01T09:30', guests: '张三|主任|办公室' } },
  'GET /admin/interviews/photos/:id': { kind: 'skip', reason: 'no photo in the fixture; interview.view on its unit (interviews http tests)' },
  'GET /admin/interviews/:id': { kind: 'skip', reason: 'no event in the fixture; interview.view on its unit (interviews http tests: another unit → 404)' },
  'POST /admin/interviews/:id': { kind: 'skip', reason: 'no event in the fixture; saveEvent authorizes interview.edit on its unit (interviews db tests)' },
  'POST /admin/interviews/:id/status': { kind: 'skip', reason: 'no event in the fixture; moveEvent authorizes interview.publish (interviews db tests: an editor → 403)' },
  'POST /admin/interviews/:id/entries': { kind: 'skip', reason: 'no event in the fixture; addEntry authorizes interview.edit on its unit' },
  'POST /admin/interviews/:id/entries/:eid/delete': { kind: 'skip', reason: 'no event in the fixture; deleteEntry authorizes interview.edit on its unit' },
  'POST /admin/interviews/:id/photos': { kind: 'skip', reason: 'no event in the fixture; addPhoto authorizes interview.edit on its unit (interviews http tests)' },
  'POST /admin/interviews/questions/:id/moderate': { kind: 'skip', reason: 'no question in the fixture; moderateQuestion authorizes interview.moderate (interviews db tests)' },
  'POST /admin/interviews/questions/:id/contact': { kind: 'skip', reason: "no question in the fixture; the asker's contact needs interview.moderate on its unit, audited" },
  // ── 基层政务公开标准目录 (standard catalogs) ─────────────────────────────────────────────────
  'GET /api/v1/catalogs': { kind: 'public', query: (p) => `unit=${p.unit.code}` },
  'GET /u/:slug/catalogs': pub(),
  'GET /admin/catalogs': { kind: 'signed-in', note: 'the list is filtered to scopePaths(catalog.view): empty without it' },
  'POST /admin/catalogs': { kind: 'skip', reason: 'createCatalog authorizes catalog.edit on the unit and accepts county and township governments only (422 for other unit types, so the matrix probe of a department would read as a refusal); catalogs.http.test.ts: another county\'s editor → 404' },
  'GET /admin/catalogs/coverage': { kind: 'signed-in', note: 'the report covers units in scopePaths(catalog.view) only; another unit → 404 (catalogs.http.test.ts)' },
  'GET /admin/catalogs/:id': { kind: 'skip', reason: 'no catalog in the fixture; catalog.view on the catalog unit (catalogs.http.test.ts: another unit → 404)' },
  'POST /admin/catalogs/:id/status': { kind: 'skip', reason: 'no catalog in the fixture; moveCatalog authorizes catalog.edit (submit) / catalog.publish (publish, return) on the catalog unit (catalogs.http.test.ts: editor publishing → 403)' },
  'GET /admin/catalogs/:id/export.xlsx': { kind: 'skip', reason: 'no catalog in the fixture; catalog.view on the catalog unit' },
  'POST /admin/catalogs/:id/import': { kind: 'skip', reason: 'no catalog in the fixture; catalog.view to see it, catalog.edit to import (else 404)' },
  'POST /admin/catalogs/:id/import/confirm': { kind: 'skip', reason: 'no catalog in the fixture; importRows authorizes catalog.edit on a draft catalog' },
  'GET /admin/catalogs/:id/rows/new': { kind: 'skip', reason: 'no catalog in the fixture; catalog.edit on the catalog unit (else 404)' },
  'POST /admin/catalogs/:id/rows': { kind: 'skip', reason: 'no catalog in the fixture; saveRow authorizes catalog.edit on a draft catalog (catalogs.http.test.ts: another unit → 404)' },
  'GET /admin/catalogs/rows/:id': { kind: 'skip', reason: 'no row in the fixture; catalog.view on the catalog unit' },
  'POST /admin/catalogs/rows/:id': { kind: 'skip', reason: 'no row in the fixture; saveRow authorizes catalog.edit on a draft catalog (409 when submitted/published)' },
  'POST /admin/catalogs/rows/:id/delete': { kind: 'skip', reason: 'no row in the fixture; deleteRow authorizes catalog.edit on a draft catalog' },
  'POST /admin/catalogs/rows/:id/trigger': { kind: 'skip', reason: 'no row in the fixture; setTrigger authorizes catalog.edit on the catalog unit' },
  'POST /admin/catalogs/rows/:id/links': { kind: 'skip', reason: 'no row in the fixture; addLink authorizes catalog.edit and accepts targets of the catalog unit\'s subtree only (catalogs.http.test.ts)' },
  'POST /admin/catalogs/links/:id/delete': { kind: 'skip', reason: 'no link in the fixture; removeLink authorizes catalog.edit on the catalog unit (→ 403 otherwise)' },
};
