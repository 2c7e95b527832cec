/** `gongkai health check` as an operator runs it: exit 2 on a bad unit, 1 with findings (JSON report), findings stored once across runs. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliSandbox } from '../../../test/helpers/cli.ts';
import { makeUscc } from '../units/uscc.ts';

const cli = cliSandbox('healthcli', { timeoutMs: 300000 });
const { gk } = cli;
const UNIT = makeUscc('211300', 'HC000001');

before(() => cli.setup());
after(() => cli.cleanup());

test('health check: 2 for an unknown unit, 1 with findings and a JSON report; a re-run creates nothing new', async () => {
  assert.equal((await gk('migrate')).code, 0);
  assert.equal((await gk('units', 'create', '--code', UNIT, '--name', '健康测试市人民政府', '--type', 'city_government', '--slug', 'hccity')).code, 0);
  const bad = await gk('health', 'check', '--unit', makeUscc('211300', 'HC000009'));
  assert.equal(bad.code, 2, bad.err);
  const badDate = await gk('health', 'check', '--as-of', '2020-9-1');
  assert.equal(badDate.code, 2, badDate.err);
  const r1 = await gk('health', 'check', '--unit', UNIT, '--json', '--as-of', '2020-09-10');
  assert.equal(r1.code, 1, r1.err);
  const j = JSON.parse(r1.out) as { sites: { code: string; verdict: string; vetoes: string[] }[]; findings: { kind: string }[]; created: number };
  assert.equal(j.sites[0].code, UNIT);
  assert.ok(j.sites[0].vetoes.includes('home_stale'), 'a site with nothing published fails the home-page veto');
  assert.ok(j.findings.some((f) => f.kind === 'column_empty'));
  assert.equal(j.created, j.findings.length);
  const r2 = await gk('health', 'check', '--unit', UNIT, '--json', '--as-of', '2020-09-10');
  assert.equal(r2.code, 1, r2.err);
  assert.equal((JSON.parse(r2.out) as { created: number }).created, 0);
});
