/**
 * `gongkai backup` / `gongkai restore` (security audit F6): a backup taken beside the running
 * server, restored into a fresh data dir (or a fresh PostgreSQL schema), gives a byte-identical
 * `gongkai export documents` and byte-identical tables (a second backup's parts have the same
 * SHA-256 as the first's); the audit chain verifies. Restore refuses a non-empty target without
 * --force, a backup from a newer version, and a damaged one. (The old code had no such commands.)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as tar from 'tar';
import { cliSandbox } from '../../test/helpers/cli.ts';
import { startServer } from '../../test/helpers/server.ts';
import type { Manifest } from './backup.ts';

const secrets = { GONGKAI_PII_KEY: randomBytes(32).toString('base64'), SESSION_SECRET: randomBytes(32).toString('base64url') };
const a = cliSandbox('bka', { timeoutMs: 300_000 });
const b = cliSandbox('bkb', { timeoutMs: 300_000 });
Object.assign(a.env, secrets);
Object.assign(b.env, secrets);

before(async () => {
  await a.setup();
  await b.setup();
});
after(async () => {
  await a.cleanup();
  await b.cleanup();
});

const manifestOf = async (file: string, dir: string): Promise<Manifest> => {
  mkdirSync(dir, { recursive: true });
  await tar.x({ file, cwd: dir });
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
};

test('backup beside the running server → restore into a fresh target → identical export and tables', { timeout: 1_200_000 }, async () => {
  const backupFile = join(a.dir, 'backup.tar.gz');
  const exportA = join(a.dir, 'export.jsonl');
  const server = await startServer({ ...a.env, GONGKAI_WORKER: 'false', GONGKAI_ADMIN_PASSWORD: 'Gk-Demo-Passw0rd!' });
  try {
    const bk = await a.gk('backup', '--out', backupFile);
    assert.equal(bk.code, 0, bk.err);
    assert.match(bk.out, /备份完成 \/ backup written: .*attachments/);
    assert.match(bk.err, /不含 GONGKAI_PII_KEY/);
    const ex = await a.gk('export', 'documents', '--out', exportA);
    assert.equal(ex.code, 0, ex.err);
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200, 'the server served on');
  } finally {
    await server.stop();
  }
  assert.equal(statSync(backupFile).mode & 0o777, 0o600, 'the backup is readable by the operator only');
  const m = await manifestOf(backupFile, join(a.dir, 'x'));
  assert.equal(m.format, 'gongkai-backup');
  assert.equal(m.database.kind, a.databaseUrl ? 'postgres' : 'pglite');
  assert.ok(m.migrations.includes('0001_foundation'));
  assert.ok(m.tables.find((t) => t.name === 'documents')!.rows > 100);
  assert.ok(m.files.count > 0, 'attachments included');
  assert.equal(m.secrets.included, false);
  const manifestText = readFileSync(join(a.dir, 'x', 'manifest.json'), 'utf8');
  assert.ok(!manifestText.includes(secrets.GONGKAI_PII_KEY), 'the PII key is not in the backup');

  const r = await b.gk('restore', backupFile);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /恢复完成 \/ restored/);
  assert.doesNotMatch(r.err, /警告：备份时使用的个人信息密钥/, 'same PII key: no warning');
  const exportB = join(b.dir, 'export.jsonl');
  const ex2 = await b.gk('export', 'documents', '--out', exportB);
  assert.equal(ex2.code, 0, ex2.err);
  assert.ok(readFileSync(exportA).length > 1000);
  assert.ok(readFileSync(exportA).equals(readFileSync(exportB)), 'export documents is byte-identical');
  const v = await b.gk('audit', 'verify', '--json');
  assert.equal(v.code, 0, v.err);
  assert.equal((JSON.parse(v.out) as { count: number }).count, m.tables.find((t) => t.name === 'audit_log')!.rows);

  // every table, not only documents: a backup of the restored copy has the same parts
  const again = join(b.dir, 'again.tar.gz');
  assert.equal((await b.gk('backup', '--out', again)).code, 0);
  const m2 = await manifestOf(again, join(b.dir, 'x'));
  assert.deepEqual(m2.tables, m.tables);
  assert.equal(m2.sequences.sha256, m.sequences.sha256);
  assert.equal(m2.files.count, m.files.count);

  // a non-empty target is refused without --force, and nothing is changed
  const refused = await b.gk('restore', backupFile);
  assert.equal(refused.code, 2, refused.err);
  assert.match(refused.err, /错误：目标.*已有.*--force/);
  assert.match(refused.err, /error: the target already has .*add --force/);

  // a backup from a newer version (an unknown migration) is refused, before the target is looked at
  const x = join(a.dir, 'x');
  writeFileSync(join(x, 'manifest.json'), JSON.stringify({ ...m, migrations: [...m.migrations, '9999_from_the_future'] }));
  const newer = join(a.dir, 'newer.tar.gz');
  await tar.c({ gzip: true, file: newer, cwd: x }, ['manifest.json', 'db', 'files']);
  const rn = await b.gk('restore', '--force', newer);
  assert.equal(rn.code, 2);
  assert.match(rn.err, /备份来自较新版本的 gongkai.*9999_from_the_future/);
  assert.match(rn.err, /newer gongkai/);

  // a damaged part is refused
  writeFileSync(join(x, 'manifest.json'), JSON.stringify(m));
  const docs = join(x, 'db', 'documents.jsonl');
  writeFileSync(docs, readFileSync(docs, 'utf8').replace('朝阳', '夕阳'));
  const damaged = join(a.dir, 'damaged.tar.gz');
  await tar.c({ gzip: true, file: damaged, cwd: x }, ['manifest.json', 'db', 'files']);
  const rd = await b.gk('restore', '--force', damaged);
  assert.equal(rd.code, 2);
  assert.match(rd.err, /备份已损坏：db\/documents\.jsonl/);

  // --force replaces; the data is still the backup's
  const rf = await b.gk('restore', '--force', backupFile);
  assert.equal(rf.code, 0, rf.err);
  const ex3 = await b.gk('export', 'documents');
  assert.ok(Buffer.from(ex3.out).equals(readFileSync(exportA)));
});
