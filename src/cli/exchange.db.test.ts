/** `gongkai import|export guides|agency|media-accounts` as an operator runs them: exit 2 and every bad line on stderr (nothing written), then a good file in and the same lines out. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../../test/helpers/cli.ts';
import { makeUscc } from '../modules/units/uscc.ts';

const cli = cliSandbox('exchangecli', { timeoutMs: 300000 });
const { gk } = cli;
const UNIT = makeUscc('211300', 'EX000001');

before(() => cli.setup());
after(() => cli.cleanup());

test('import refuses a bad file whole (exit 2, line and field in both languages); a good file round-trips through export', async () => {
  assert.equal((await gk('migrate')).code, 0);
  const u = await gk('units', 'create', '--code', UNIT, '--name', '交换测试市人民政府', '--type', 'city_government', '--slug', 'exsfj');
  assert.equal(u.code, 0, u.err);
  const file = (name: string, lines: unknown[]) => {
    const f = join(cli.dir, name);
    writeFileSync(f, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return f;
  };
  const guide = { type: 'guide', unit: UNIT, status: 'draft', kind: 'public_service', code: 'EX-1', name: '法律援助申请', basis: '', conditions: '', materials: '', place: '', office: '', fees: '', hours: '', phone: '12348', process: '', time_limit: '', online_url: '' };
  const bad = await gk('import', 'guides', file('bad.jsonl', [guide, { ...guide, code: 'EX-2', phone: '电话' }]));
  assert.equal(bad.code, 2, bad.err);
  assert.match(bad.err, /第 2 行 phone：联系电话格式不正确.* \/ line 2 phone: Not a telephone number/);
  assert.equal((await gk('export', 'guides')).out, '', 'nothing written');
  const good = file('good.jsonl', [guide]);
  const ok = await gk('import', 'guides', good);
  assert.equal(ok.code, 0, ok.err);
  const out = join(cli.dir, 'out.jsonl');
  assert.equal((await gk('export', 'guides', '--unit', UNIT, '--out', out)).code, 0);
  assert.equal(readFileSync(out, 'utf8'), readFileSync(good, 'utf8'));

  const media = { unit: UNIT, platform: 'wechat', name: '交换司法', account_id: 'gh_ex', operator: '交换测试市人民政府', opened_on: '2016-03-15', status: 'open', closed_on: null, qr: null, inspections: [] };
  assert.equal((await gk('import', 'media-accounts', file('m.jsonl', [media]))).code, 0);
  assert.deepEqual(JSON.parse((await gk('export', 'media-accounts')).out), media);

  const agency = [{ type: 'functions', unit: UNIT, functions: '<p>负责法治工作。</p>' }, { type: 'department', unit: UNIT, name: '办公室', functions: '', phone: '', sort_order: 0 }];
  const a = await gk('import', 'agency', file('a.jsonl', agency), '--publish');
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /version 1/);
  assert.deepEqual((await gk('export', 'agency')).out.trim().split('\n').map((l) => JSON.parse(l)), agency);
});
