/**
 * The authorization matrix's world: a small unit tree, one signed-in user per role on the county,
 * and in each of four units (the actors' own, a child, the parent, a sibling) one object of every
 * kind the routes act on, so every (role × unit relation × route) probe has a real target.
 *
 *   city (city government) ── parent
 *   ├── bureau (department) ── sibling
 *   └── county (county government) ── own: every role is granted here
 *       └── town (township) ── child
 *
 * Plus a city-wide system administrator, and `escalate`: a county editor who is also system_admin of
 * the city (issue #10 item 1 — a unit administrator must not be able to change that user).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../db/index.ts';
import type { Config } from '../../config/env.ts';
import { systemContext } from '../commands/context.ts';
import { loadGrants } from './sessions.ts';
import { ROLES, type Role } from './roles.ts';
import type { Actor } from './policy.ts';
import { createUnit } from '../../modules/units/commands.ts';
import { makeUscc } from '../../modules/units/uscc.ts';
import { createUser } from '../../modules/accounts/commands/users.ts';
import { createApiToken } from '../../modules/accounts/commands/tokens.ts';
import { createDocument } from '../../modules/documents/commands.ts';
import { validInput } from '../../modules/documents/store/fixtures.test-helper.ts';
import { registerByStaff } from '../../modules/requests/intake-commands.ts';
import { paperApplication } from '../../modules/requests/store/fixtures.test-helper.ts';
import { saveDepartment, saveLeader } from '../../modules/agency/commands.ts';
import { saveAccount } from '../../modules/media/commands.ts';
import { saveGuide } from '../../modules/guides/commands.ts';
import { saveDecision } from '../../modules/consultations/commands/editorial.ts';
import { addOverride } from '../../modules/calendar/commands/calendar.ts';
import { Client } from '../../../test/helpers/app.ts';

export const PASSWORD = 'Lantern-Tea-47!';
/** The county's calendar scope (its division code); the city's and the bureau's calendar is the national one. */
export const COUNTY_SCOPE = 'county:211302';
export const RELATIONS = ['own', 'child', 'parent', 'sibling'] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABEL: Record<Relation, string> = { own: 'own unit (county)', child: 'child unit (town)', parent: 'parent unit (city)', sibling: 'sibling unit (bureau)' };

/** The actors: anonymous, a city-wide system admin, and every role granted on the county. */
export const ACTORS = ['anonymous', 'system_admin@city', ...ROLES.map((r) => `${r}@county` as const)] as const;
export type ActorName = (typeof ACTORS)[number];

export interface UnitRef { id: number; code: string; slug: string; path: string; parentPath: string | null }

/** One object of each kind in a unit. */
export interface Place {
  unit: UnitRef;
  user: number; // an editor homed and granted here
  token: number; // that user's API token
  document: number; // a draft
  request: number; // a registered application
  department: number;
  leader: number;
  media: number;
  guide: number; // a draft service guide (name only)
  decision: number; // a listed 重大行政决策事项
}

export interface SignedIn {
  name: ActorName;
  actor: Actor | null;
  client: Client | null;
  csrf: string;
  bearer: string;
  userId: number | null;
  /** each actor its own client address, so per-address rate limits count per actor */
  ip: string;
}

export interface World {
  places: Record<Relation, Place>;
  actors: Record<ActorName, SignedIn>;
  escalate: number; // county editor + system_admin@city
  db: Db;
  cfg: Config;
  app: FastifyInstance;
  /** A fresh object of `kind` in the unit of `rel` (for probes that delete or consume their target). */
  fresh(kind: FreshKind, rel: Relation): Promise<number>;
}

export type FreshKind = 'token' | 'department' | 'leader' | 'calendar' | 'document';

const sys = systemContext('authz-matrix');
const uscc = (region: string, n: number) => makeUscc(region, `MX${String(n).padStart(6, '0')}`);

export async function buildWorld(app: FastifyInstance, db: Db, cfg: Config): Promise<World> {
  const mkUnit = async (n: number, region: string, name: string, type: string, slug: string, parent?: UnitRef): Promise<UnitRef> => {
    const code = uscc(region, n);
    const u = await createUnit(db, sys, { code, name, short_name: name.slice(0, 6), type, slug, parent_code: parent?.code, phone: '0421-5550001' });
    const row = await db.selectFrom('units').select(['path']).where('id', '=', u.id).executeTakeFirstOrThrow();
    return { id: u.id, code, slug, path: row.path, parentPath: parent?.path ?? null };
  };
  const city = await mkUnit(1, '211300', '矩阵市人民政府', 'city_government', 'm-city');
  const bureau = await mkUnit(2, '211300', '矩阵市司法局', 'department', 'm-bureau', city);
  const county = await mkUnit(3, '211302', '矩阵县人民政府', 'county_government', 'm-county', city);
  const town = await mkUnit(4, '211302', '矩阵县某镇人民政府', 'township', 'm-town', county);
  const units: Record<Relation, UnitRef> = { own: county, child: town, parent: city, sibling: bureau };

  let seq = 0;
  const user = async (username: string, home: UnitRef, grants: { role: Role; unit: UnitRef }[]) =>
    (await createUser(db, sys, { username, display_name: username, password: PASSWORD, unit_code: home.code, grants: grants.map((g) => ({ role: g.role, unit_code: g.unit.code })) })).id;
  const token = async (userId: number) => (await createApiToken(db, sys, { userId, name: `matrix-${++seq}` }));
  const department = (u: UnitRef) => saveDepartment(db, sys, u.id, null, { name: `矩阵科室${++seq}`, functions: '职责', phone: '0421-5550002' });
  const leader = (u: UnitRef) => saveLeader(db, sys, u.id, null, { name: `矩阵领导${++seq}`, title: '局长', duties: '主持工作', cv: '简历' });
  const document = async (u: UnitRef) => (await createDocument(db, sys, u.id, validInput({ title: `矩阵测试文件${++seq}`, docNumber: `矩政发〔2020〕${seq}号` }))).document.id;

  const places = {} as Record<Relation, Place>;
  for (const rel of ['own', 'child', 'parent', 'sibling'] as Relation[]) {
    const u = units[rel];
    const uid = await user(`m.target.${rel}`, u, [{ role: 'editor', unit: u }]);
    places[rel] = {
      unit: u,
      user: uid,
      token: (await token(uid)).id,
      document: await document(u),
      request: (await registerByStaff(db, cfg, sys, u.id, paperApplication('2026-03-02'))).caseId,
      department: await department(u),
      leader: await leader(u),
      media: await saveAccount(db, sys, { id: null, unitId: u.id }, { name: `矩阵政务号${++seq}`, platform: 'wechat', status: 'open', account_id: 'jzzwh', opened_on: '2020-01-06', operator: '办公室' }),
      guide: await saveGuide(db, sys, { id: null, unitId: u.id }, { name: `矩阵办事指南${++seq}` }),
      decision: await saveDecision(db, sys, { id: null, unitId: u.id }, { year: '2026', title: `矩阵决策事项${++seq}`, undertaker: '办公室' }),
    };
  }
  const escalate = await user('m.escalate', county, [{ role: 'editor', unit: county }, { role: 'system_admin', unit: city }]);

  const actors = {} as Record<ActorName, SignedIn>;
  actors.anonymous = { name: 'anonymous', actor: null, client: null, csrf: '', bearer: '', userId: null, ip: '10.9.0.1' };
  const signIn = async (name: ActorName, role: Role, unit: UnitRef) => {
    const id = await user(`m.${name.replace('@', '.')}`, county, [{ role, unit }]);
    const ip = `10.9.0.${Object.keys(actors).length + 1}`;
    const client = new Client(app, ip);
    await client.login(`m.${name.replace('@', '.')}`, PASSWORD);
    const csrf = await client.csrf('/admin/account');
    const u = await db.selectFrom('users').select(['username', 'display_name', 'unit_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const actor: Actor = { userId: id, username: u.username, displayName: u.display_name, unitId: u.unit_id, grants: await loadGrants(db, id) };
    actors[name] = { name, actor, client, csrf, bearer: (await token(id)).token, userId: id, ip };
  };
  await signIn('system_admin@city', 'system_admin', city);
  for (const r of ROLES) await signIn(`${r}@county`, r, county);

  const fresh = async (kind: FreshKind, rel: Relation): Promise<number> => {
    const u = units[rel];
    if (kind === 'token') return (await token(places[rel].user)).id;
    if (kind === 'department') return department(u);
    if (kind === 'leader') return leader(u);
    if (kind === 'document') return document(u);
    // a county calendar entry (the county override of the unit's county; national for the city)
    const scope = rel === 'parent' || rel === 'sibling' ? 'national' : COUNTY_SCOPE;
    const day = new Date(Date.UTC(2031, 0, 1) + ++seq * 86_400_000).toISOString().slice(0, 10);
    return (await addOverride(db, sys, { date: day, is_workday: '0', scope, name: '矩阵调休', source: '测试' })).id as number;
  };

  return { places, actors, escalate, db, cfg, app, fresh };
}

/** One request as `who`: session cookie + CSRF token for forms and the staff API, Bearer for the token API. */
export async function send(w: World, who: SignedIn, method: string, url: string, o: { form?: Record<string, string>; json?: unknown; bearer?: boolean }): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (who.client) headers.cookie = [...who.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  if (o.bearer && who.bearer) {
    headers.authorization = `Bearer ${who.bearer}`;
    delete headers.cookie;
  }
  const remoteAddress = who.ip;
  if (method === 'GET') return w.app.inject({ method: 'GET', url, headers, remoteAddress });
  if (who.csrf && !o.bearer) headers['x-csrf-token'] = who.csrf;
  if (o.json !== undefined) {
    headers['content-type'] = 'application/json';
    headers.accept = 'application/json';
    return w.app.inject({ method: method as 'POST', url, headers, payload: JSON.stringify(o.json), remoteAddress });
  }
  headers['content-type'] = 'application/x-www-form-urlencoded';
  const body = new URLSearchParams({ ...(who.csrf ? { _csrf: who.csrf } : {}), ...(o.form ?? {}) });
  return w.app.inject({ method: method as 'POST', url, headers, payload: body.toString(), remoteAddress });
}
