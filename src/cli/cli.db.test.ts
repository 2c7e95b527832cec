/**
 * The CLI as an operator runs it: `bin/gongkai.js` in a child process, on its own embedded data
 * dir (or on PostgreSQL when TEST_DATABASE_URL is set — then in a fresh schema).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliSandbox } from '../../test/helpers/cli.ts';
import { makeUscc } from '../modules/units/uscc.ts';

const cli = cliSandbox('cli');
const { gk } = cli;

before(() => cli.setup());
after(() => cli.cleanup());

const ROOT = makeUscc('211300', 'CL000001');

test('migrate, create units, list them as JSON, verify the audit log', async () => {
  const m = await gk('migrate');
  assert.equal(m.code, 0, m.err);
  const root = await gk('units', 'create', '--code', ROOT, '--name', '命令行测试市人民政府', '--type', 'city_government', '--slug', 'clicity');
  assert.equal(root.code, 0, root.err);
  const child = await gk('units', 'create', '--code', 'CLI0002', '--name', '命令行测试局', '--parent', ROOT);
  assert.equal(child.code, 0, child.err);
  const list = await gk('units', 'list', '--json');
  assert.equal(list.code, 0, list.err);
  const units = JSON.parse(list.out) as { code: string; parent_code: string | null; type: string }[];
  assert.deepEqual(units.map((u) => [u.code, u.parent_code, u.type]), [[ROOT, null, 'city_government'], ['CLI0002', ROOT, 'department']]);
  const v = await gk('audit', 'verify');
  assert.equal(v.code, 0);
  assert.match(v.out, /intact: 2 entries/);
});

test('bad input: clear bilingual message, exit code 2, nothing created', async () => {
  const bad = await gk('units', 'create', '--code', 'x', '--name', '坏代码');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /错误：提交的内容有误/);
  assert.match(bad.err, /code: 单位代码应为/);
  const dup = await gk('units', 'create', '--code', 'CLI0002', '--name', '重复', '--parent', ROOT);
  assert.equal(dup.code, 2);
  assert.match(dup.err, /该单位代码已存在/);
  const list = JSON.parse((await gk('units', 'list', '--json')).out) as unknown[];
  assert.equal(list.length, 2);
});

test('user create with a role; --help on each command', async () => {
  const u = await gk('user', 'create', '--username', 'cli.admin', '--unit', ROOT, '--role', 'unit_admin', '--password', 'Harbor-Quill-58!');
  assert.equal(u.code, 0, u.err);
  const weak = await gk('user', 'create', '--username', 'cli.weak', '--unit', ROOT, '--password', 'weak');
  assert.equal(weak.code, 2);
  const common = await gk('user', 'create', '--username', 'cli.common', '--unit', ROOT, '--password', 'Password123!');
  assert.equal(common.code, 2);
  assert.match(common.err, /密码太容易被猜中/);
  for (const cmd of [['migrate'], ['seed', 'demo'], ['units', 'list'], ['units', 'create'], ['user', 'create'], ['audit', 'verify']]) {
    const h = await gk(...cmd, '--help');
    assert.equal(h.code, 0, cmd.join(' '));
    assert.match(h.out, /Usage: gongkai/);
  }
});
