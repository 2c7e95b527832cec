/**
 * `gongkai token …` as an operator runs it (bin/gongkai.js in a child process on its own data dir,
 * or a fresh PostgreSQL schema): the token is printed once, lists show its prefix only, revoking
 * takes a token id and refuses anything else with exit 2.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliSandbox } from '../../../test/helpers/cli.ts';
import { makeUscc } from '../units/uscc.ts';

const cli = cliSandbox('acctcli', { timeoutMs: 300000 });
const { gk } = cli;
const ROOT = makeUscc('211300', 'AC000001');

before(() => cli.setup());
after(() => cli.cleanup());

test('token create prints a token once; list shows its prefix only; revoke by id', async () => {
  assert.equal((await gk('migrate')).code, 0);
  assert.equal((await gk('units', 'create', '--code', ROOT, '--name', '令牌测试市人民政府', '--type', 'city_government', '--slug', 'tokcity')).code, 0);
  assert.equal((await gk('user', 'create', '--username', 'apiclient', '--unit', ROOT, '--password', 'Api-Sync-Kettle-31!', '--role', 'editor')).code, 0);
  const c = await gk('token', 'create', '--user', 'apiclient', '--name', '数据同步');
  assert.equal(c.code, 0, c.err);
  const token = c.out.trim();
  assert.match(token, /^gk_[A-Za-z0-9_-]{40,}$/);
  assert.match(c.err, /shown only once/);
  const l = await gk('token', 'list', '--user', 'apiclient');
  assert.match(l.out, /数据同步\tactive/);
  assert.ok(!l.out.includes(token));
  const id = l.out.split('\t')[0];
  const bad = await gk('token', 'revoke', 'abc');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /not a token id/);
  const r = await gk('token', 'revoke', id);
  assert.equal(r.code, 0, r.err);
  assert.match((await gk('token', 'list', '--user', 'apiclient')).out, /数据同步\trevoked/);
  assert.equal((await gk('token', 'create', '--user', 'nobody', '--name', 'x')).code, 2);
});
