/** `gongkai catalogs import|export` as an operator runs them: a bad line refuses the file (exit 2, nothing written); a good one is imported and published; export gives it back. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../../../test/helpers/cli.ts';
import { makeUscc } from '../units/uscc.ts';

const cli = cliSandbox('catalogscli', { timeoutMs: 300000 });
const { gk } = cli;
const UNIT = makeUscc('211300', 'CT000001');
const line = (item2: string, extra: Record<string, unknown> = {}) => JSON.stringify({ unit: UNIT, area: '义务教育', year: 2020, seq: 1, item1: '政策文件', item2, content: '招生范围', basis: '《中华人民共和国义务教育法》', deadline: '20个工作日内', subject: '教育局', channels: ['website'], audiences: ['全社会'], modes: ['proactive'], levels: ['county'], ...extra });

before(() => cli.setup());
after(() => cli.cleanup());

test('catalogs import refuses a bad file whole, imports and publishes a good one; export gives it back', async () => {
  assert.equal((await gk('migrate')).code, 0);
  assert.equal((await gk('units', 'create', '--code', UNIT, '--name', '目录测试市人民政府', '--type', 'city_government', '--slug', 'ctcounty')).code, 0);
  const bad = join(cli.dir, 'bad.jsonl');
  writeFileSync(bad, [line('招生政策'), line('学校名录', { deadline: '尽快' })].join('\n') + '\n');
  const r1 = await gk('catalogs', 'import', bad);
  assert.equal(r1.code, 2, r1.err);
  assert.match(r1.err, /第 2 行 deadline/);
  const good = join(cli.dir, 'good.jsonl');
  writeFileSync(good, [line('招生政策'), line('学校名录', { seq: 2 })].join('\n') + '\n');
  const r2 = await gk('catalogs', 'import', good, '--publish');
  assert.equal(r2.code, 0, r2.err);
  assert.match(r2.out, new RegExp(`${UNIT} 21 2020: 2 added, 0 updated, 0 removed`));
  const r3 = await gk('catalogs', 'export', '--unit', UNIT, '--area', '21');
  assert.equal(r3.code, 0, r3.err);
  const rows = r3.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(rows.map((r) => [r.item2, r.status, r.area, r.audiences]), [['招生政策', 'published', '21', ['public']], ['学校名录', 'published', '21', ['public']]]);
});
