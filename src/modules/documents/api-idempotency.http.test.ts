/**
 * POST /api/v1/documents with an Idempotency-Key (#14.8: "idempotency on every create form and API"):
 * the same key and body get the first response and make no second draft; another body with the key 422.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { seedTree, CODES } from '../../../test/helpers/fixtures.ts';
import { systemContext } from '../../core/commands/context.ts';
import { createApiToken } from '../accounts/commands/tokens.ts';

let t: TestApp;
let token = '';

before(async () => {
  t = await testApp();
  await seedTree(t.db.db);
  const user = await t.db.db.selectFrom('users').select('id').where('username', '=', 'editor').executeTakeFirstOrThrow();
  token = (await createApiToken(t.db.db, systemContext('test'), { userId: user.id, name: 'test' })).token;
});
after(async () => t.close());

const create = (payload: object, key?: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/documents', payload, headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) } });
const drafts = async (title: string) => Number((await t.db.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).where('title', '=', title).executeTakeFirstOrThrow()).n);

test('the same Idempotency-Key and body: one draft, the first response again; another body 422; a bad key 422', async () => {
  const body = { unit: CODES.bureau, title: '接口重复创建只建一份', writtenDate: '2020-10-09' };
  const a = await create(body, 'doc-create-0001');
  assert.equal(a.statusCode, 201, a.body);
  const b = await create(body, 'doc-create-0001');
  assert.equal(b.statusCode, 201);
  assert.deepEqual(b.json(), a.json());
  assert.equal(await drafts(body.title), 1);
  const other = await create({ ...body, title: '另一份' }, 'doc-create-0001');
  assert.equal(other.statusCode, 422);
  assert.equal(await drafts('另一份'), 0);
  assert.equal((await create(body, 'x')).statusCode, 422, 'a key too short');
  // without a key, each POST is a new draft, as before
  assert.equal((await create(body)).statusCode, 201);
  assert.equal(await drafts(body.title), 2);
  const spec = await t.app.inject({ url: '/api/docs/json' });
  assert.equal(spec.statusCode, 200);
  const params = (spec.json() as { paths: Record<string, { post?: { parameters?: { name: string }[] } }> }).paths['/api/v1/documents']?.post?.parameters ?? [];
  assert.ok(params.some((p) => p.name.toLowerCase() === 'idempotency-key'), 'the header is in the OpenAPI document');
});
