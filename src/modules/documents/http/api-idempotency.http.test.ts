/**
 * POST /api/v1/documents with an Idempotency-Key (#14.8: "idempotency on every create form and API"):
 * the same key and body get the first response and make no second draft; another body with the key 422.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, CODES } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { createApiToken } from '../../accounts/commands/tokens.ts';
import { budgetPdf } from '../demo/seed.ts';

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

test('an attachment sent twice with the same Idempotency-Key is attached once', async () => {
  const draft = await create({ unit: CODES.bureau, title: '附件重复上传测试', writtenDate: '2020-10-09' });
  const id = (draft.json() as { data: { id: number } }).data.id;
  const pdf = await budgetPdf('预算公开表', [['收入', '1']]);
  const upload = (key: string, data: Buffer) => t.app.inject({ method: 'POST', url: `/api/v1/documents/${id}/attachments?filename=${encodeURIComponent('预算表.pdf')}`, payload: data, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'idempotency-key': key } });
  const a = await upload('attach-0001', pdf);
  assert.equal(a.statusCode, 200, a.body.slice(0, 300));
  const b = await upload('attach-0001', pdf);
  assert.equal(b.statusCode, 200);
  assert.deepEqual(b.json(), a.json());
  assert.equal((await t.db.db.selectFrom('document_attachments').select('id').where('document_id', '=', id).execute()).length, 1);
  assert.equal((await upload('attach-0001', Buffer.concat([pdf, Buffer.from('\n')]))).statusCode, 422, 'other bytes with the same key');
});
