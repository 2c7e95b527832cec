/**
 * `gongkai powers import|export` as an operator runs them: a file with a bad line is refused whole
 * (exit 2, the line and field named, nothing written); a good one is imported and published; the
 * export gives the same lines back.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../../../test/helpers/cli.ts';
import { makeUscc } from '../units/uscc.ts';

const cli = cliSandbox('powerscli', { timeoutMs: 300000 });
const { gk } = cli;
const UNIT = makeUscc('211300', 'PW000001');
const line = (code: string, extra: Record<string, unknown> = {}) => JSON.stringify({ unit: UNIT, year: 2020, type: '行政许可', code, name: `事项${code}`, basis: '《中华人民共和国行政许可法》第十二条', subject: '权责测试市人民政府', duties: '受理', accountability: '不依法受理的', ...extra });

before(() => cli.setup());
after(() => cli.cleanup());

test('powers import refuses a bad file whole, imports and publishes a good one; export gives it back', async () => {
  assert.equal((await gk('migrate')).code, 0);
  assert.equal((await gk('units', 'create', '--code', UNIT, '--name', '权责测试市人民政府', '--type', 'city_government', '--slug', 'pwcity')).code, 0);
  const bad = join(cli.dir, 'bad.jsonl');
  writeFileSync(bad, [line('P-1'), line('P-2', { type: '行政指导' })].join('\n') + '\n');
  const r1 = await gk('powers', 'import', bad);
  assert.equal(r1.code, 2, r1.err);
  assert.match(r1.err, /第 2 行 type/);
  const good = join(cli.dir, 'good.jsonl');
  writeFileSync(good, [line('P-1'), line('P-2', { type: 'penalty' })].join('\n') + '\n');
  const r2 = await gk('powers', 'import', good, '--publish');
  assert.equal(r2.code, 0, r2.err);
  assert.match(r2.out, new RegExp(`${UNIT} 2020: 2 added, 0 updated, 0 removed`));
  const r3 = await gk('powers', 'export', '--unit', UNIT);
  assert.equal(r3.code, 0, r3.err);
  const rows = r3.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(rows.map((r) => [r.code, r.type, r.status, r.year]), [['P-1', 'licensing', 'published', 2020], ['P-2', 'penalty', 'published', 2020]]);
});
