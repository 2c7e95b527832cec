/**
 * The CLI as an operator runs it: `bin/gongkai.js` in a child process, on its own embedded data dir,
 * or — when TEST_DATABASE_URL is set — on that server in a fresh schema (dropped afterwards).
 *
 *   const cli = cliSandbox('rcli');
 *   before(() => cli.setup());
 *   after(() => cli.cleanup());
 *   const r = await cli.gk('units', 'list', '--json');   // { code, out, err }
 *
 * `cli.databaseUrl` (null on PGlite) and `cli.dir` let a test open the same database in-process
 * (openDatabase({ databaseUrl: cli.databaseUrl, dataDir: cli.dir })) to prepare data.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_AUDIT_KEY } from './audit-key.ts';
import { TEST_PII_KEY } from './pii-key.ts';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export interface CliSandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  databaseUrl: string | null;
  setup(): Promise<void>;
  cleanup(): Promise<void>;
  gk(...args: string[]): Promise<CliResult>;
}

async function onServer(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

export function cliSandbox(prefix: string, o: { timeoutMs?: number } = {}): CliSandbox {
  const pgUrl = process.env.TEST_DATABASE_URL;
  const schema = `${prefix}_${randomBytes(5).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), `gk-${prefix}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dir, LOG_LEVEL: 'silent', NODE_ENV: 'test', GONGKAI_AUDIT_KEY: TEST_AUDIT_KEY, GONGKAI_PII_KEY: TEST_PII_KEY };
  const box: CliSandbox = {
    dir,
    env,
    databaseUrl: null,
    async setup() {
      if (!pgUrl) return;
      await onServer(pgUrl, `create schema ${schema}`);
      const u = new URL(pgUrl);
      u.searchParams.set('options', `-c search_path=${schema}`);
      box.databaseUrl = env.DATABASE_URL = u.toString();
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
      if (pgUrl) await onServer(pgUrl, `drop schema if exists ${schema} cascade`);
    },
    gk(...args) {
      return new Promise((resolve) => {
        execFile(process.execPath, ['bin/gongkai.js', ...args], { env, timeout: o.timeoutMs ?? 120_000, maxBuffer: 16 << 20 }, (e, out, err) =>
          resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out, err }));
      });
    },
  };
  return box;
}
