/** The real app on a test database, driven through inject(), with a cookie jar and form helpers. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config/env.ts';
import { buildApp } from '../../src/app.ts';
import { testDatabase, type TestDb } from './db.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_AUDIT_KEY } from './audit-key.ts';
import { TEST_PII_KEY } from './pii-key.ts';

export function testConfig(extra: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    GONGKAI_DATA_DIR: mkdtempSync(join(tmpdir(), 'gongkai-test-')),
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    GONGKAI_PII_KEY: TEST_PII_KEY,
    GONGKAI_AUDIT_KEY: TEST_AUDIT_KEY,
    LOG_LEVEL: 'silent',
    ...extra,
  });
}

export interface TestApp {
  app: FastifyInstance;
  db: TestDb;
  cfg: Config;
  close(): Promise<void>;
}

/** `database`: a database made beforehand (e.g. demo-db.ts's seeded demo); default a fresh one. */
export async function testApp(extra: Record<string, string> = {}, database?: TestDb): Promise<TestApp> {
  const cfg = testConfig(extra);
  const db = database ?? await testDatabase();
  const app = await buildApp(cfg, db, { logger: false });
  await app.ready();
  return { app, db, cfg, close: async () => { await app.close(); await db.cleanup(); } };
}

/** A browser-like client: keeps cookies, reads CSRF tokens from forms. */
export class Client {
  cookies = new Map<string, string>();
  constructor(private app: FastifyInstance, public ip = '127.0.0.1') {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers }, remoteAddress: this.ip }));
  }

  async post(url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...headers },
        remoteAddress: this.ip,
      }),
    );
  }

  async json(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
    return this.keep(await this.app.inject({ method, url, payload: payload as object, headers: { cookie: this.cookieHeader(), accept: 'application/json', ...headers }, remoteAddress: this.ip }));
  }

  /** GET a page with a form and return its CSRF token. */
  async csrf(url: string): Promise<string> {
    const res = await this.get(url);
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (!m) throw new Error(`no CSRF token on ${url} (status ${res.statusCode})`);
    return m[1];
  }

  /** Fill and submit a form on `pageUrl` to `action` with the page's CSRF token. */
  async submit(pageUrl: string, action: string, form: Record<string, string | string[]>) {
    const token = await this.csrf(pageUrl);
    return this.post(action, { _csrf: token, ...form });
  }

  async login(username: string, password: string) {
    const res = await this.submit('/admin/login', '/admin/login', { username, password, next: '/admin' });
    if (res.statusCode !== 303) throw new Error(`login failed for ${username}: ${res.statusCode}`);
    return res;
  }
}
