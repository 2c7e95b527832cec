/**
 * Messages commands against a real database: the policy per role and unit (another unit's staff and
 * roles without the right are refused), the state machine enforced by the commands, the unit's
 * answer period used for new messages, FAQ merge, and the demo seeder.
 */
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { actorContext, systemContext, type CommandContext } from '../../../core/commands/context.ts';
import { loadGrants } from '../../../core/auth/sessions.ts';
import { AppError } from '../../../core/http/errors.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { calendarFor } from '../../../core/calendar/store.ts';
import { submitMessage } from './public.ts';
import { answerMessage, assignMessage, mergeIntoFaq, publishMessage, rejectMessage, setAnswerWorkdays } from './staff.ts';
import { seedMessages } from '../demo/messages.ts';
import { randomBytes } from 'node:crypto';
import { rotatePii } from '../../requests/store/pii-rotate.ts';
import { bytesKeyId, decryptPii, decryptPiiBytes, keyId, tokenKeyId } from '../../../core/pii/crypto.ts';

let d: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;
const cfg = testConfig();
const sys = systemContext('test');
before(async () => {
  d = await testDatabase();
  tree = await seedTree(d.db);
});
after(async () => d.cleanup());

async function as(username: string): Promise<CommandContext> {
  const u = await d.db.selectFrom('users').select(['id', 'unit_id']).where('username', '=', username).executeTakeFirstOrThrow();
  return actorContext({ userId: u.id, username, displayName: username, unitId: u.unit_id, grants: await loadGrants(d.db, u.id) }, '127.0.0.1');
}
const status = (p: Promise<unknown>) => p.then(() => 0, (e) => (e instanceof AppError ? e.status : -1));
const ASK = { category: 'consultation', subject: '办事时间', body: '请问窗口周六是否办公？', contact: '13600000123', consent: 'yes' };

test('policy: roles and units; the state machine holds in the commands', async () => {
  const m = await submitMessage(d.db, cfg, tree.bureau.id, ASK, { ip: null });
  const county = await as('countyadmin');
  const supervisor = await as('supervisor');
  const reviewer = await as('reviewer');
  const handler = await as('handler');
  assert.equal(await status(answerMessage(d.db, county, m.id, { answer: '另一单位的答复。' })), 403, 'another unit');
  assert.equal(await status(answerMessage(d.db, supervisor, m.id, { answer: '监督者不能答复。' })), 403, 'a supervisor only looks');
  assert.equal(await status(answerMessage(d.db, reviewer, m.id, { answer: '审核人不办理留言。' })), 403);
  assert.equal(await status(publishMessage(d.db, cfg, reviewer, m.id, {})), 409, 'not answered yet');
  assert.equal(await status(assignMessage(d.db, handler, m.id, { user_id: String(tree.users.countyadmin) })), 422, 'only staff of the unit');
  assert.equal(await status(assignMessage(d.db, handler, m.id, { user_id: String(tree.users.handler) })), 0);
  assert.equal(await status(answerMessage(d.db, handler, m.id, { answer: '窗口周六上午办公。', document_index_no: 'NO-SUCH' })), 422, 'unknown document');
  assert.equal(await status(answerMessage(d.db, handler, m.id, { answer: '窗口周六上午办公。' })), 0);
  assert.equal(await status(rejectMessage(d.db, handler, m.id, { reason: 'spam' })), 409, 'an answered message is not set aside');
  assert.equal(await status(publishMessage(d.db, cfg, handler, m.id, {})), 403, 'handlers do not publish');
  assert.equal(await status(publishMessage(d.db, cfg, reviewer, m.id, {})), 0);
  const faq = await mergeIntoFaq(d.db, reviewer, m.id, {});
  const f = await d.db.selectFrom('message_faqs').selectAll().where('id', '=', faq).executeTakeFirstOrThrow();
  assert.deepEqual([f.unit_id, f.question, f.answer], [tree.bureau.id, '办事时间', '窗口周六上午办公。']);
  const row = await d.db.selectFrom('messages').select(['status', 'answered_by', 'faq_id']).where('id', '=', m.id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'published', answered_by: 'handler', faq_id: faq });
});

test('answer period: a unit admin sets it; new messages are due that many working days later', async () => {
  assert.equal(await status(setAnswerWorkdays(d.db, await as('countyadmin'), tree.bureau.id, { workdays: '10' })), 403);
  assert.equal(await status(setAnswerWorkdays(d.db, sys, tree.bureau.id, { workdays: '0' })), 422);
  await setAnswerWorkdays(d.db, sys, tree.bureau.id, { workdays: '10' });
  const m = await submitMessage(d.db, cfg, tree.bureau.id, { ...ASK, contact: '13600000124' }, { ip: null });
  const cal = await calendarFor(d.db, null);
  assert.equal(m.dueOn, cal.addWorkdays(shanghaiDate(), 10));
  await setAnswerWorkdays(d.db, sys, tree.bureau.id, { workdays: '5' });
});

test('demo: answered, published, set aside, pending and overdue messages, through the commands', async () => {
  assert.equal(await seedMessages(d.db, cfg, systemContext('seed'), () => {}), 7);
  const rows = await d.db.selectFrom('messages').select(['status', 'published_at', 'due_on', 'public_body']).where('body', 'like', '%（演示）%').execute();
  assert.equal(rows.filter((r) => r.published_at).length, 2);
  assert.equal(rows.filter((r) => r.status === 'rejected').length, 1);
  assert.equal(rows.filter((r) => r.status === 'received' && r.due_on < shanghaiDate()).length, 2, 'two overdue');
  assert.ok(rows.every((r) => !(r.public_body ?? '').includes('13900000811')), 'the phone typed into the question is not published');
});

test('gongkai pii rotate re-encrypts askers’ names, contacts and attachments under the new key', async () => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), Buffer.alloc(32)]);
  await submitMessage(d.db, cfg, tree.bureau.id, { ...ASK, name: '钱多多', contact: '13600000125' }, { ip: null, files: [{ filename: '图.png', data: png }] });
  const fresh = randomBytes(32);
  const r = await rotatePii(d.db, systemContext('cli:test'), [fresh, ...cfg.piiKeys]);
  assert.ok(r.messages >= 2);
  const rows = await d.db.selectFrom('messages').select(['name_enc', 'contact_enc']).execute();
  assert.ok(rows.every((x) => tokenKeyId(x.contact_enc) === keyId(fresh) && (x.name_enc === null || tokenKeyId(x.name_enc) === keyId(fresh))));
  const a = await d.db.selectFrom('message_attachments').selectAll().executeTakeFirstOrThrow();
  assert.equal(bytesKeyId(a.content_enc), keyId(fresh));
  assert.equal(decryptPii([fresh], 'attachment_name', a.filename_enc), '图.png');
  assert.ok(decryptPiiBytes([fresh], 'attachment', a.content_enc).equals(png), 'readable with the new key alone');
  assert.equal((await rotatePii(d.db, systemContext('cli:test'), [fresh, ...cfg.piiKeys])).messages, 0, 'idempotent');
});
