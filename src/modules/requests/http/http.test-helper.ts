/**
 * HTTP test helpers: the real app with its log stream captured (to prove personal data never reaches
 * a log line), and a citizen filling in the public form (CSRF token, signed form token).
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { testConfig, Client } from '../../../../test/helpers/app.ts';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import type { Config } from '../../../config/env.ts';
import { INTAKE_GUARD } from './guard.ts';

export interface LoggedApp {
  app: FastifyInstance;
  db: TestDb;
  cfg: Config;
  logs: string[];
  close(): Promise<void>;
}

/** The app with logging at `trace`, every line written to `logs` instead of stdout. */
export async function loggedApp(): Promise<LoggedApp> {
  const cfg = testConfig({ LOG_LEVEL: 'trace' });
  const db = await testDatabase();
  const app = await buildApp(cfg, db);
  const logs: string[] = [];
  const log = app.log as unknown as Record<symbol, unknown>;
  const streamSym = [...Object.getOwnPropertySymbols(log), ...Object.getOwnPropertySymbols(Object.getPrototypeOf(log))].find((s) => s.description === 'pino.stream');
  if (!streamSym) throw new Error('pino stream symbol not found: cannot capture the log');
  log[streamSym] = { write: (s: string) => void logs.push(s) };
  await app.ready();
  INTAKE_GUARD.minFillMs = 0;
  return { app, db, cfg, logs, close: async () => { await app.close(); await db.cleanup(); } };
}

export function cookieHeader(c: Client): string {
  return [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Opens the unit's application form and returns its CSRF and form tokens. */
export async function openForm(c: Client, slug: string): Promise<{ csrf: string; formToken: string }> {
  const page = await c.get(`/u/${slug}/xxgk/ysqgk`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const formToken = /name="form_token" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf || !formToken) throw new Error(`no form on /u/${slug}/xxgk/ysqgk (status ${page.statusCode})`);
  return { csrf, formToken };
}

/** A citizen submits the form (urlencoded, as a browser without attachments does). */
export async function fileApplication(c: Client, slug: string, fields: Record<string, string>) {
  const { csrf, formToken } = await openForm(c, slug);
  return c.post(`/u/${slug}/xxgk/ysqgk`, { _csrf: csrf, form_token: formToken, homepage: '', ...fields });
}

/** The same with files, as multipart/form-data. */
export async function fileWithAttachments(app: FastifyInstance, c: Client, slug: string, fields: Record<string, string>, files: { name: string; type: string; data: Buffer }[]) {
  const { csrf, formToken } = await openForm(c, slug);
  const fd = new FormData();
  for (const [k, v] of Object.entries({ _csrf: csrf, form_token: formToken, homepage: '', ...fields })) fd.append(k, v);
  for (const f of files) fd.append('attachments', new Blob([new Uint8Array(f.data)], { type: f.type }), f.name);
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  return app.inject({
    method: 'POST',
    url: `/u/${slug}/xxgk/ysqgk`,
    payload: Buffer.from(await req.arrayBuffer()),
    headers: { 'content-type': req.headers.get('content-type')!, cookie: cookieHeader(c) },
    remoteAddress: c.ip,
  });
}

export function codesFrom(html: string): { trackingNo: string; queryCode: string } {
  const trackingNo = /id="tracking-no">([^<]+)</.exec(html)?.[1];
  const queryCode = /id="query-code">([^<]+)</.exec(html)?.[1];
  if (!trackingNo || !queryCode) throw new Error('no tracking number / query code on the page');
  return { trackingNo, queryCode };
}
