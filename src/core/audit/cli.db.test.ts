/**
 * `gongkai audit checkpoint` and `gongkai audit verify` as an operator runs them: the checkpoint file
 * in the data dir, then the log and its head truncated behind the application's back (triggers off,
 * as a table owner can) — verify must fail with exit 1 in both languages and in JSON.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { cliSandbox } from '../../../test/helpers/cli.ts';
import { openDatabase } from '../db/index.ts';
import { makeUscc } from '../../modules/units/uscc.ts';

const cli = cliSandbox('acli');
const { gk } = cli;
before(() => cli.setup());
after(() => cli.cleanup());

test('checkpoint, verify intact, truncate log and head, verify reports tampering (exit 1, zh/en, JSON)', async () => {
  assert.equal((await gk('migrate')).code, 0);
  const u = await gk('units', 'create', '--code', makeUscc('211300', 'AU000001'), '--name', '审计测试市人民政府', '--type', 'city_government', '--slug', 'aucity');
  assert.equal(u.code, 0, u.err);
  const cp = await gk('audit', 'checkpoint');
  assert.equal(cp.code, 0, cp.err);
  const file = join(cli.dir, 'audit', 'audit-checkpoints.jsonl');
  assert.ok(existsSync(file));
  const line = JSON.parse(readFileSync(file, 'utf8').trim());
  assert.deepEqual(Object.keys(line), ['v', 'at', 'headId', 'headHash', 'count', 'keyId', 'sig']);
  assert.equal(line.count, 1);

  const ok = await gk('audit', 'verify');
  assert.equal(ok.code, 0, ok.out + ok.err);
  assert.match(ok.out, /intact: 1 entries, 1 checkpoint\(s\) matched/);
  assert.match(ok.out, /审计日志完整/);

  const d = await openDatabase({ databaseUrl: cli.databaseUrl, dataDir: cli.dir });
  for (const t of [sql`audit_log`, sql`audit_head`]) await sql`alter table ${t} disable trigger user`.execute(d.db);
  await sql`truncate audit_log`.execute(d.db);
  await sql`truncate audit_head`.execute(d.db);
  await d.close();

  const bad = await gk('audit', 'verify');
  assert.equal(bad.code, 1);
  assert.match(bad.out, /审计日志被篡改/);
  assert.match(bad.out, /审计日志为空，但 .* 的校验点记录有 1 条/);
  assert.match(bad.out, /the audit log is empty, but the checkpoint of .* counted 1 entries/);
  const json = await gk('audit', 'verify', '--json');
  assert.equal(json.code, 1);
  const r = JSON.parse(json.out) as { ok: boolean; count: number; problems: { kind: string; message: string; zh: string }[] };
  assert.equal(r.ok, false);
  assert.equal(r.count, 0);
  assert.deepEqual(r.problems.map((p) => p.kind).sort(), ['head_missing', 'log_emptied']);
});
