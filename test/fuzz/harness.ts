/**
 * The hostile-input harness (issue #10 item 7): every route the app registers (`app.routeTable`),
 * as anonymous and as the city-wide system administrator of the authorization matrix's world
 * (src/core/auth/authz-matrix.test-helper.ts: a session, its CSRF token, an object of every kind),
 * is sent the corpus (corpus.ts) in four places:
 *   path      — every :param (and *) of the route replaced by the payload
 *   query     — the route with fixture params, every known key = the payload, plus prototype keys
 *   body      — POST/PATCH/PUT/DELETE: an urlencoded form (pages) or JSON text (/api/) the same way
 *   multipart — POST: a multipart body cut off before its closing boundary
 * Known keys are the names of every form field the admin's GET pages render plus the parameters and
 * body properties of the OpenAPI document, plus the ones the outside test named (corpus.ts).
 * Each answer must be < 500, carry no stack trace, not drop the connection, and not echo the markup
 * payload unescaped in HTML or XML (a CSV export or JSON may hold it as data: it is not markup there).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../helpers/app.ts';
import { testDatabase, type TestDb } from '../helpers/db.ts';
import { buildWorld, type SignedIn, type World } from '../../src/core/auth/authz-matrix.test-helper.ts';
import { POLICY } from '../../src/core/auth/authz-matrix.policy.ts';
import { FAST, MARKUP, MARKUP_ATTR, NAMED_KEYS, PAYLOADS, PROTO_KEYS, type Payload } from './corpus.ts';

export interface Finding { route: string; actor: string; mode: Mode; payload: string; url: string; status: number; problem: '5xx' | 'markup' | 'stack' | 'reset'; snippet: string }
export type Mode = 'path' | 'query' | 'body' | 'multipart' | 'field';
export interface FuzzResult { requests: number; byStatus: Record<string, number>; findings: Finding[]; routes: number; keys: number; ms: number }

export interface FuzzEnv { app: FastifyInstance; db: TestDb; world: World; close(): Promise<void> }

/** The app on a fresh test database with the matrix's world; FUZZ_LOG=1 prints the server's errors. */
export async function fuzzEnv(): Promise<FuzzEnv> {
  const cfg = testConfig(process.env.FUZZ_LOG ? { LOG_LEVEL: 'warn' } : {});
  const db = await testDatabase();
  const app = await buildApp(cfg, db, { logger: !!process.env.FUZZ_LOG });
  await app.ready();
  const world = await buildWorld(app, db.db, cfg);
  return { app, db, world, close: async () => { await app.close(); await db.cleanup(); } };
}

const STACK = /\n\s+at .+:\d+:\d+|node_modules\/|\.tsx?:\d+:\d+/;
const FIXED: Record<string, string> = { aid: '1', lid: '1', sid: '1', attachmentId: '1', v: '1', year: '2026', kind: 'unit', fmt: 'html', format: 'pdf', type: 'document', action: 'submit', topic: 'x', section: 'x', part: '1', file: 'x.pdf', '*': 'x' };
/** Routes the harness leaves alone, with the reason. */
const LEAVE: Record<string, string> = { 'POST /admin/logout': 'would end the prober’s session (a POST with no fields: it reads nothing to fuzz)' };

/** Fixture values for a route's params: the POLICY entry's own, else from the param's name. */
export function fixtureParams(w: World, route: string): Record<string, string> {
  const own = w.places.own;
  const a = POLICY[route];
  const out: Record<string, string> = { slug: own.unit.slug, code: own.unit.code, unit: String(own.unit.id), unitId: String(own.unit.id), id: String(own.document), ...FIXED };
  if (a && a.kind !== 'skip') {
    if ('target' in a) {
      const byKind: Record<string, number> = { unit: own.unit.id, user: own.user, token: own.token, document: own.document, request: own.request, department: own.department, leader: own.leader, media: own.media, guide: own.guide, decision: own.decision, report: own.unit.id, agency: own.unit.id };
      if (byKind[a.target] !== undefined) out.id = String(byKind[a.target]);
    }
    if (a.params) for (const [k, v] of Object.entries(a.params(own, w))) out[k] = String(v);
  }
  return out;
}

export function paramNames(pattern: string): string[] {
  return [...pattern.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
}

/** The pattern with each param given its fixture value, or `hostile` (already encoded) for those in `bad`. */
export function fillUrl(pattern: string, fixture: Record<string, string>, bad: Set<string> = new Set(), hostile = ''): string {
  return pattern.replace(/:(\w+)|\*/g, (_m, name: string | undefined) => {
    const k = name ?? '*';
    return bad.has(k) ? hostile : encodeURIComponent(fixture[k] ?? '1').replace(/%2F/g, '/');
  });
}

function headersFor(who: SignedIn): Record<string, string> {
  const h: Record<string, string> = {};
  if (who.client) h.cookie = [...who.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (who.csrf) h['x-csrf-token'] = who.csrf;
  return h;
}

/** Every form field name on the admin's GET pages (also per page pattern), and the OpenAPI parameters and body properties. */
export async function harvestKeys(w: World, routes: string[], perPage: Map<string, string[]> = new Map()): Promise<string[]> {
  const keys = new Set<string>(NAMED_KEYS);
  const admin = w.actors['system_admin@city'];
  for (const r of routes) {
    const [method, pattern] = r.split(' ');
    if (method !== 'GET' || pattern.startsWith('/static/') || pattern.startsWith('/api/docs/static')) continue;
    const res = await w.app.inject({ method: 'GET', url: fillUrl(pattern, fixtureParams(w, r)), headers: headersFor(admin), remoteAddress: admin.ip });
    if (!/html/.test(String(res.headers['content-type'] ?? ''))) continue;
    const mine = new Set<string>();
    for (const m of res.body.matchAll(/\bname="([^"]{1,60})"/g)) if (!m[1].startsWith('_') && !/[^\w.[\]-]/.test(m[1])) mine.add(m[1]);
    for (const k of mine) keys.add(k);
    perPage.set(pattern, [...mine]);
  }
  const spec = await w.app.inject({ method: 'GET', url: '/api/docs/json' });
  if (spec.statusCode === 200) {
    const doc = JSON.parse(spec.body) as { paths?: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>> };
    for (const ops of Object.values(doc.paths ?? {})) {
      for (const op of Object.values(ops)) {
        for (const p of op.parameters ?? []) keys.add(p.name);
        for (const c of Object.values(op.requestBody?.content ?? {})) for (const k of Object.keys(c.schema?.properties ?? {})) keys.add(k);
      }
    }
  }
  return [...keys].filter((k) => !/[^\w.[\]-]/.test(k)).sort();
}

function check(res: LightMyRequestResponse): Finding['problem'] | null {
  if (res.statusCode >= 500) return '5xx';
  const type = String(res.headers['content-type'] ?? '');
  if (/html|xml/.test(type) && (res.body.includes(MARKUP) || res.body.includes(MARKUP_ATTR))) return 'markup';
  if (STACK.test(res.body)) return 'stack';
  return null;
}

const jsonBody = (keys: string[], p: Payload) => {
  const v = p.json ?? JSON.stringify(safeDecode(p.enc));
  // the prototype keys go alone (payload `proto-keys`): beside other keys the guard's 400 would hide the rest
  if (p.name === 'proto-keys') return '{"title":"x","__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}},"nested":{"__proto__":{"x":1}}}';
  return `{${keys.map((k) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
};
const keysFor = (keys: string[], p: Payload) => (p.name === 'proto-keys' ? PROTO_KEYS : keys);
const formBody = (keys: string[], p: Payload, csrf: string) =>
  [...(csrf ? [`_csrf=${encodeURIComponent(csrf)}`] : []), ...keysFor(keys, p).map((k) => `${encodeURIComponent(k)}=${p.enc}`)].join('&');
const query = (keys: string[], p: Payload) => keysFor(keys, p).map((k) => `${encodeURIComponent(k)}=${p.enc}`).join('&');

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A multipart body cut off inside its first part (no closing boundary). */
export const TRUNCATED_MULTIPART = {
  type: 'multipart/form-data; boundary=----gkfuzz',
  body: '------gkfuzz\r\nContent-Disposition: form-data; name="title"\r\n\r\n矩阵\r\n------gkfuzz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc',
};

/**
 * Sends the corpus. Fast mode: each route gets a rotating handful of FAST payloads per place
 * (together they cover every FAST payload many times over); full mode: every payload everywhere,
 * and path params one at a time as well as all at once.
 */
export async function fuzz(env: FuzzEnv, opts: { full: boolean; only?: RegExp; perRoute?: number }): Promise<FuzzResult> {
  const started = Date.now();
  const w = env.world;
  const routes = env.app.routeTable.map((r) => `${r.method} ${r.url}`).filter((r) => !LEAVE[r] && (!opts.only || opts.only.test(r)));
  const perPage = new Map<string, string[]>();
  const keys = await harvestKeys(w, routes, perPage);
  const who = [w.actors.anonymous, w.actors['system_admin@city']];
  const fast = PAYLOADS.filter((p) => FAST.includes(p.name));
  const result: FuzzResult = { requests: 0, byStatus: {}, findings: [], routes: routes.length, keys: keys.length, ms: 0 };
  let turn = 0;

  const send = async (route: string, actor: SignedIn, mode: Mode, payload: string, o: { method: string; url: string; body?: string; type?: string }) => {
    const headers = headersFor(actor);
    if (o.type) headers['content-type'] = o.type;
    if (o.type === 'application/json') headers.accept = 'application/json';
    let res: LightMyRequestResponse;
    try {
      res = await env.app.inject({ method: o.method as 'GET', url: o.url, headers, payload: o.body, remoteAddress: actor.ip });
    } catch (e) {
      // inject refuses some URLs itself (e.g. an invalid character): not an answer of ours
      if (/Invalid URL|ERR_INVALID_URL|ERR_UNESCAPED_CHARACTERS/.test(String((e as Error).message) + String((e as { code?: string }).code))) return;
      // the server dropped the connection mid-answer: as bad as a 500
      if ((e as { code?: string }).code === 'LIGHT_ECONNRESET') {
        result.requests++;
        result.findings.push({ route, actor: actor.name, mode, payload, url: o.url.slice(0, 160), status: 0, problem: 'reset', snippet: String((e as Error).message) });
        return;
      }
      throw e;
    }
    result.requests++;
    const cls = `${Math.floor(res.statusCode / 100)}xx`;
    result.byStatus[cls] = (result.byStatus[cls] ?? 0) + 1;
    const problem = check(res);
    if (problem) result.findings.push({ route, actor: actor.name, mode, payload, url: o.url.slice(0, 160), status: res.statusCode, problem, snippet: res.body.slice(0, 200) });
  };

  for (const route of routes) {
    const [method, pattern] = route.split(' ');
    const fixture = fixtureParams(w, route);
    const params = paramNames(pattern);
    const pick = opts.full ? PAYLOADS : Array.from({ length: opts.perRoute ?? 3 }, () => fast[turn++ % fast.length]);
    const unsafe = method !== 'GET';
    const isApi = pattern.startsWith('/api/');
    for (const actor of who) {
      const jobs: Promise<void>[] = [];
      for (const p of pick) {
        if (params.length) {
          const sets = opts.full && params.length > 1 ? [...params.map((x) => [x]), params] : [params];
          for (const s of sets) jobs.push(send(route, actor, 'path', p.name, { method, url: fillUrl(pattern, fixture, new Set(s), p.enc), ...(unsafe ? { body: isApi ? '{}' : `_csrf=${encodeURIComponent(actor.csrf)}`, type: isApi ? 'application/json' : 'application/x-www-form-urlencoded' } : {}) }));
        }
        const base = fillUrl(pattern, fixture);
        if (!unsafe) jobs.push(send(route, actor, 'query', p.name, { method, url: `${base}?${query(keys, p)}` }));
        else {
          jobs.push(send(route, actor, 'body', p.name, isApi ? { method, url: base, body: jsonBody(keys, p), type: 'application/json' } : { method, url: base, body: formBody(keys, p, actor.csrf), type: 'application/x-www-form-urlencoded' }));
          if (opts.full) jobs.push(send(route, actor, 'query', p.name, { method, url: `${base}?${query(keys, p)}`, body: isApi ? '{}' : `_csrf=${encodeURIComponent(actor.csrf)}`, type: isApi ? 'application/json' : 'application/x-www-form-urlencoded' }));
        }
      }
      if (method === 'POST') jobs.push(send(route, actor, 'multipart', 'truncated', { method, url: fillUrl(pattern, fixture), body: TRUNCATED_MULTIPART.body, type: TRUNCATED_MULTIPART.type }));
      await Promise.all(jobs);
      // full mode, as the administrator: one field at a time, the rest valid (POLICY's body), so the
      // hostile value is not refused beside another field's error before it reaches the query
      if (opts.full && actor.actor) {
        const a = POLICY[route];
        const baseForm = a && a.kind !== 'skip' && a.form ? (typeof a.form === 'function' ? a.form(w.places.own, 'own') : a.form) : {};
        const baseJson = a && a.kind !== 'skip' && a.json ? (typeof a.json === 'function' ? (a.json as (p: unknown) => unknown)(w.places.own) : a.json) : {};
        const baseQuery = a && a.kind !== 'skip' && a.query ? (typeof a.query === 'function' ? a.query(w.places.own) : a.query) : '';
        const fields = ownKeys(pattern, perPage, isApi && unsafe ? Object.keys(baseJson as object) : Object.keys(baseForm));
        const one: Promise<void>[] = [];
        for (const k of fields) {
          for (const p of payloadsFor(k)) {
            const base = fillUrl(pattern, fixture);
            if (!unsafe) one.push(send(route, actor, 'field', `${k}=${p.name}`, { method, url: `${base}?${[baseQuery, `${encodeURIComponent(k)}=${p.enc}`].filter(Boolean).join('&')}` }));
            else if (isApi) one.push(send(route, actor, 'field', `${k}=${p.name}`, { method, url: base, body: JSON.stringify({ ...(baseJson as object), [k]: '\u0001' }).replace('"\\u0001"', p.json ?? JSON.stringify(safeDecode(p.enc))), type: 'application/json' }));
            else {
              const body = [`_csrf=${encodeURIComponent(actor.csrf)}`, ...Object.entries(baseForm).filter(([x]) => x !== k).map(([x, v]) => `${encodeURIComponent(x)}=${encodeURIComponent(v)}`), `${encodeURIComponent(k)}=${p.enc}`].join('&');
              one.push(send(route, actor, 'field', `${k}=${p.name}`, { method, url: baseQuery ? `${base}?${baseQuery}` : base, body, type: 'application/x-www-form-urlencoded' }));
            }
          }
        }
        await Promise.all(one);
      }
    }
  }
  result.ms = Date.now() - started;
  return result;
}

/**
 * The fields of a route, for one-at-a-time probes: those its POLICY body names, those on the GET page
 * of the same pattern, of `<pattern>/new`, or of the pattern one segment up (a form on a case page
 * posts to `/admin/requests/:id/assign`), and the named keys of the outside test.
 */
function ownKeys(pattern: string, perPage: Map<string, string[]>, base: string[]): string[] {
  const up = pattern.replace(/\/[^/]+$/, '');
  const near = [pattern, `${pattern}/new`, up, `${up}/new`].flatMap((p) => perPage.get(p) ?? []);
  return [...new Set([...base, ...near, ...NAMED_KEYS])];
}

const byName = (names: string[]) => PAYLOADS.filter((p) => names.includes(p.name));
const DATE_PAYLOADS = byName(['month-13', 'feb-30', 'year-0']);
const ID_PAYLOADS = byName(['int-past-2^31', 'fraction', 'exponent', 'word']);
const TEXT_PAYLOADS = byName(['nul-inside', 'lone-surrogate', 'markup']);
/** What to try in one field: by its name, dates or ids, and the text payloads in every field. */
function payloadsFor(key: string): Payload[] {
  if (/date|_on$|_from$|_to$|^from$|^to$|Date$|_at$|At$/i.test(key)) return [...DATE_PAYLOADS, ...TEXT_PAYLOADS];
  if (/(^|_)id$|Id$|^(unit|offset|limit|page|year|parent|column|interprets)$/.test(key)) return [...ID_PAYLOADS, ...TEXT_PAYLOADS];
  return TEXT_PAYLOADS;
}

/** One line per distinct (route, mode, payload, problem), for the failure message and the docs. */
export function summarize(findings: Finding[]): string[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) {
    const k = `${f.problem} ${f.route} ${f.mode} ${f.payload}`;
    if (!seen.has(k)) seen.set(k, f);
  }
  return [...seen.values()].map((f) => `  ${f.problem} ${f.status} ${f.route} [${f.mode} ${f.payload} as ${f.actor}] ${f.url}  ${f.snippet.replace(/\s+/g, ' ').slice(0, 120)}`);
}
