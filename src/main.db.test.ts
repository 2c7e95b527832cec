/**
 * `npm start` as a new user runs it: the real entry point in a child process on a fresh data dir
 * (or a fresh PostgreSQL schema in CI) — schema and demo city created, dual-stack listening,
 * structured request logs, graceful shutdown on SIGTERM.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const dir = mkdtempSync(join(tmpdir(), 'gk-start-'));
const pgUrl = process.env.TEST_DATABASE_URL;
const schema = 'start_' + randomBytes(5).toString('hex');

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  }
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

test('start on a fresh machine: demo site, IPv4 and IPv6, logs, graceful shutdown', { timeout: 240_000 }, async () => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dir, PORT: String(port), HOST: '::', LOG_LEVEL: 'info', NODE_ENV: 'development', GONGKAI_WORKER: 'false' };
  delete env.DATABASE_URL;
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    const u = new URL(pgUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = u.toString();
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'web'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stdout = ''; // JSON log lines only come on stdout; kept apart so stderr never splits them
  child.stdout.on('data', (d) => {
    out += d;
    stdout += d;
  });
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 200_000;
    while (!out.includes('gongkai 已启动')) {
      if (Date.now() > deadline || child.exitCode !== null) assert.fail('server did not start:\n' + out.slice(-2000));
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.match(out, /admin password: \S{10,}/);
    assert.ok(existsSync(join(dir, 'demo-credentials.txt')));
    assert.match(readFileSync(join(dir, 'demo-credentials.txt'), 'utf8'), /sfj\.editor\teditor/);
    for (const host of ['127.0.0.1', '[::1]']) {
      const r = await fetch(`http://${host}:${port}/`);
      assert.equal(r.status, 200, host);
      assert.match(await r.text(), /喀喇沁左翼蒙古族自治县人民政府/);
    }
    const units = (await (await fetch(`http://[::1]:${port}/api/v1/units`)).json()) as { count: number };
    assert.ok(units.count >= 25);
    // structured request logs: one JSON object per line with the request's method and URL
    // the logger writes asynchronously: give the line a moment to arrive
    const findLine = () => stdout.split('\n').find((l) => l.startsWith('{') && l.includes('"url":"/api/v1/units"'));
    for (let i = 0; i < 100 && !findLine(); i++) await new Promise((r) => setTimeout(r, 100));
    const logLine = findLine();
    assert.ok(logLine, 'a JSON request log line');
    assert.equal(JSON.parse(logLine!).req.method, 'GET');
    child.kill('SIGTERM');
    assert.equal(await exited, 0, 'graceful shutdown exits 0');
    assert.match(out, /shutting down/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
