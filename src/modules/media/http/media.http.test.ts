/**
 * The 政务新媒体 registry through the app: an editor registers an account with a QR image, an
 * inspector records a failing inspection, the public list, the API and the QR; closing an account;
 * scope and bad input.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from '../../../../test/helpers/app.ts';
import { seedTree, PASSWORD, CODES } from '../../../../test/helpers/fixtures.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { demoQr } from '../demo/media.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof seedTree>>;
before(async () => {
  t = await testApp();
  tree = await seedTree(t.db.db);
});
after(async () => t.close());

async function signedIn(user: string) {
  const c = new Client(t.app);
  await c.login(user, PASSWORD);
  return c;
}

function multipart(fields: Record<string, string>, qr?: Uint8Array) {
  const boundary = '----media' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (qr) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="qr"; filename="qr.png"\r\nContent-Type: image/png\r\n\r\n`), Buffer.from(qr), Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function postAccount(c: Client, url: string, fields: Record<string, string>, qr?: Uint8Array) {
  const csrf = await c.csrf('/admin/media');
  const m = multipart({ _csrf: csrf, ...fields }, qr);
  return t.app.inject({ method: 'POST', url, payload: m.body, headers: { 'content-type': m.type, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}

const minus = (days: number) => new Date(Date.parse(`${shanghaiDate()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

test('register, inspect (failing: no update in 2 weeks), list publicly and in the API, then close', async () => {
  const editor = await signedIn('editor');
  const qr = demoQr(7);
  const r = await postAccount(editor, `/admin/media?unit=${tree.bureau.id}`, { platform: 'wechat', name: '测试司法', account_id: 'gh_test01', operator: '测试市司法局', opened_on: '2018-05-01', status: 'open' }, qr);
  assert.equal(r.statusCode, 303, r.body);
  const id = Number(/\/admin\/media\/(\d+)/.exec(r.headers.location as string)![1]);

  // the editor may not inspect; the city supervisor may
  const page = await editor.get(`/admin/media/${id}`);
  assert.doesNotMatch(page.body, /记录一次检查/);
  const sup = await signedIn('supervisor');
  const insp = await sup.submit(`/admin/media/${id}`, `/admin/media/${id}/inspections`, { inspected_on: minus(1), last_post_on: minus(20), interaction_ok: '1', note: '抽查' });
  assert.equal(insp.statusCode, 303);
  const after1 = await sup.get(`/admin/media/${id}`);
  assert.match(after1.body, /不合格/);
  assert.match(after1.body, /检查前 14 天内未更新（19 天）/);

  const pub = await t.app.inject({ url: '/u/bureau/media' });
  assert.equal(pub.statusCode, 200);
  assert.match(pub.body, /测试司法/);
  assert.match(pub.body, /微信公众号/);
  const img = await t.app.inject({ url: `/media/qr/${id}` });
  assert.equal(img.headers['content-type'], 'image/png');
  assert.deepEqual(new Uint8Array(img.rawPayload), qr);
  assert.match((await t.app.inject({ url: '/u/city/media' })).body, /测试司法/, 'the city page lists the units below it');
  assert.doesNotMatch((await t.app.inject({ url: '/u/county/media' })).body, /测试司法/);

  const api = (await t.app.inject({ url: `/api/v1/media-accounts?unit=${CODES.bureau}` })).json() as { count: number; data: { name: string; platform_name: string; last_inspection: { pass: boolean } | null; qr_url: string | null }[] };
  assert.equal(api.count, 1);
  assert.equal(api.data[0].platform_name, '微信公众号');
  assert.equal(api.data[0].last_inspection?.pass, false);
  assert.ok(api.data[0].qr_url?.endsWith(`/media/qr/${id}`));
  assert.equal((await t.app.inject({ url: '/api/v1/media-accounts?unit=NOPE' })).statusCode, 404);

  // closing needs a date; then the QR is no longer served (an impostor could take the name)
  const bad = await postAccount(editor, `/admin/media/${id}`, { platform: 'wechat', name: '测试司法', operator: '测试市司法局', status: 'closed', closed_on: '' });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /请填写关停日期/);
  assert.equal((await postAccount(editor, `/admin/media/${id}`, { platform: 'wechat', name: '测试司法', operator: '测试市司法局', status: 'closed', closed_on: minus(0) })).statusCode, 303);
  assert.match((await t.app.inject({ url: '/u/bureau/media' })).body, /已关停/);
  assert.equal((await t.app.inject({ url: `/media/qr/${id}` })).statusCode, 404);
});

test('bad input: impossible dates, a fake image and an unknown platform are 422 naming the field; nothing stored', async () => {
  const editor = await signedIn('editor');
  const svg = new TextEncoder().encode('<svg onload="alert(1)"/>');
  const r = await postAccount(editor, `/admin/media?unit=${tree.bureau.id}`, { platform: 'myspace', name: '假账号', operator: '测试', opened_on: '2024-02-30' }, svg);
  assert.equal(r.statusCode, 422);
  assert.match(r.body, /请选择平台/);
  assert.match(r.body, /开设日期不是有效日期/);
  assert.match(r.body, /二维码图片须为 JPEG 或 PNG/);
  assert.doesNotMatch((await t.app.inject({ url: '/media' })).body, /假账号/);
  const sup = await signedIn('supervisor');
  const list = await sup.get('/admin/media');
  const id = /\/admin\/media\/(\d+)"/.exec(list.body)![1];
  const i = await sup.submit(`/admin/media/${id}`, `/admin/media/${id}/inspections`, { inspected_on: '2024-13-01' });
  assert.equal(i.statusCode, 422);
  assert.match(i.body, /检查日期不是有效日期/);
});

test('scope: the county admin cannot see or change the bureau’s accounts; anonymous writes are 401', async () => {
  const county = await signedIn('countyadmin');
  const list = await county.get('/admin/media');
  assert.doesNotMatch(list.body, /测试司法/);
  const any = await (await signedIn('supervisor')).get('/admin/media');
  const id = /\/admin\/media\/(\d+)"/.exec(any.body)![1];
  assert.equal((await county.get(`/admin/media/${id}`)).statusCode, 404);
  assert.equal((await county.get(`/admin/media/new?unit=${tree.bureau.id}`)).statusCode, 404);
  const token = await county.csrf('/admin/media');
  assert.equal((await county.post(`/admin/media/${id}/inspections`, { _csrf: token, inspected_on: minus(1) })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'POST', url: `/admin/media/${id}/inspections`, payload: 'inspected_on=2020-01-01', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode, 401);
});

test('the new-account form carries a one-time key: the same POST twice registers one account (#14.8)', async () => {
  const editor = await signedIn('editor');
  const form = (await editor.get(`/admin/media/new?unit=${tree.bureau.id}`)).body;
  const token = /name="form_token" value="([^"]+)"/.exec(form)?.[1];
  assert.ok(token, 'the form carries a one-time key');
  const fields = { platform: 'weibo', name: '重复提交的账号', account_id: 'dup_once_01', operator: '测试市司法局', opened_on: '2019-05-01', status: 'open', form_token: token };
  const a = await postAccount(editor, `/admin/media?unit=${tree.bureau.id}`, fields, demoQr(9));
  const b = await postAccount(editor, `/admin/media?unit=${tree.bureau.id}`, fields, demoQr(9));
  assert.equal(a.statusCode, 303, a.body.slice(0, 300));
  assert.equal(b.statusCode, 303);
  assert.equal(b.headers.location, a.headers.location);
  assert.equal((await t.db.db.selectFrom('media_accounts').select('id').where('name', '=', '重复提交的账号').execute()).length, 1);
});
