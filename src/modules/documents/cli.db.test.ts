/**
 * `gongkai import documents` / `export documents` as an operator runs them:
 * bin/gongkai.js in a child process on its own data dir (or a fresh PostgreSQL schema).
 * Exit codes: 0 all lines good, 2 some lines bad (the good ones still imported).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliSandbox } from '../../../test/helpers/cli.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeUscc } from '../units/uscc.ts';

const cli = cliSandbox('doccli', { timeoutMs: 400000 });
const { dir, gk } = cli;
const ROOT = makeUscc('211300', 'DC000001');
const BUREAU = makeUscc('211300', 'DC000002');

before(() => cli.setup());
after(() => cli.cleanup());

const line = (n: number, extra: Record<string, unknown> = {}) => JSON.stringify({
  indexNo: `${BUREAU}/2020-${String(n).padStart(5, '0')}`, status: 'published', title: `命令行导入的第${n}份文件`, summary: '概述。', docType: 'notice',
  writtenDate: '2020-06-01', publishDate: '2020-06-03', publishedAt: '2020-06-03T02:00:00.000Z', topic: '0201', docNumber: `测发〔2020〕${n}号`, ...extra,
});

test('import reports bad lines and exits 2, imports the good ones; a clean file exits 0; export writes the same format', async () => {
  assert.equal((await gk('migrate')).code, 0);
  assert.equal((await gk('units', 'create', '--code', ROOT, '--name', '导入测试市人民政府', '--type', 'city_government', '--slug', 'impcity')).code, 0);
  assert.equal((await gk('units', 'create', '--code', BUREAU, '--name', '导入测试局', '--parent', ROOT, '--slug', 'impbureau')).code, 0);

  const mixed = join(dir, 'mixed.jsonl');
  writeFileSync(mixed, [line(1), '{not json', line(3, { writtenDate: '2020-02-30' }), line(4)].join('\n') + '\n');
  const r1 = await gk('import', 'documents', mixed, '--unit', BUREAU);
  assert.equal(r1.code, 2, r1.err);
  assert.match(r1.err, /line 2:/);
  assert.match(r1.err, /line 3:.*writtenDate/);
  assert.doesNotMatch(r1.err, /line [14]:/);
  assert.match(r1.out, /2 created.*2 bad line/);

  const clean = join(dir, 'clean.jsonl');
  writeFileSync(clean, [line(1), line(4), line(5)].join('\n'));
  const r2 = await gk('import', 'documents', clean, '--unit', BUREAU);
  assert.equal(r2.code, 0, r2.err);
  assert.match(r2.out, /1 created, 0 updated, 2 unchanged, 0 bad/);

  const out = join(dir, 'export.jsonl');
  const e = await gk('export', 'documents', '--unit', BUREAU, '--out', out);
  assert.equal(e.code, 0, e.err);
  const exported = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(exported.map((x) => x.indexNo), [1, 4, 5].map((n) => `${BUREAU}/2020-${String(n).padStart(5, '0')}`));
  assert.equal(exported[0].unit, BUREAU);
  assert.equal(exported[0].docNumber, '测发〔2020〕1号');
  // re-importing the export changes nothing
  const r3 = await gk('import', 'documents', out);
  assert.equal(r3.code, 0, r3.err);
  assert.match(r3.out, /0 created, 0 updated, 3 unchanged/);
});
