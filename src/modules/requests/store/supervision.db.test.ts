/**
 * Supervision on a real database: who sees full personal data (the case's handler only, audited),
 * key rotation (`gongkai pii rotate`), repeat applicants by keyed hash, and the reminder job
 * (in-app notifications once per case and due date, e-mail through the transport, no PII in logs).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { createUser } from '../../accounts/commands/users.ts';
import { systemContext, type CommandContext } from '../../../core/commands/context.ts';
import { AppError } from '../../../core/http/errors.ts';
import type { Config } from '../../../config/env.ts';
import { applyStep, assignHandler } from '../commands.ts';
import { registerByStaff } from '../intake-commands.ts';
import { caseById, casesByIdHmac } from './repository.ts';
import { revealPii, notificationsFor } from './supervision.ts';
import { rotatePii } from './pii-rotate.ts';
import { configurePiiKeys, decryptPii, idNumberHmacs, keyId, tokenKeyId } from '../../../core/pii/crypto.ts';
import { runReminders } from './reminders.ts';
import type { Mailer, MailMessage } from './mail.ts';
import { createMailer } from './mail.ts';
import { ctxFor, ID, PHONE, paperApplication, requestsTree, ADDRESS } from './fixtures.test-helper.ts';
import { PASSWORD } from '../../../../test/helpers/fixtures.ts';
import { demoIdNumber } from '../demo/seed.ts';

let d: TestDb;
let cfg: Config;
let tree: Awaited<ReturnType<typeof requestsTree>>;
let handler: CommandContext;
let handler2: CommandContext;
const TODAY = '2024-12-31';

before(async () => {
  d = await testDatabase();
  cfg = testConfig();
  tree = await requestsTree(d.db);
  await createUser(d.db, systemContext('test'), { username: 'handler2', display_name: '第二承办人', email: 'h2@example.gov.cn', password: PASSWORD, unit_code: tree.bureau.code, grants: [{ role: 'case_handler', unit_code: tree.bureau.code }] });
  await d.db.updateTable('users').set({ email: 'h1@example.gov.cn' }).where('username', '=', 'handler').execute();
  handler = await ctxFor(d.db, 'handler');
  handler2 = await ctxFor(d.db, 'handler2');
});
after(async () => d.cleanup());

const register = async (received: string, extra: Record<string, string> = {}) =>
  (await registerByStaff(d.db, cfg, handler, tree.bureau.id, paperApplication(received, extra), { today: TODAY })).caseId;

test('full personal data: the assigned handler only, each view audited; others get 403', async () => {
  const id = await register('2024-11-04', { postcode: '122000' });
  assert.equal((await caseById(d.db, id))!.handler_id, handler.actor!.userId);
  const pii = await revealPii(d.db, handler, cfg.piiKeys, id);
  assert.deepEqual(pii, { idNumber: ID, phone: PHONE, email: 'wang@example.com', address: ADDRESS, postcode: '122000' });
  for (const who of ['handler2', 'supervisor', 'reviewer', 'countyadmin']) {
    await assert.rejects(revealPii(d.db, await ctxFor(d.db, who), cfg.piiKeys, id), (e: AppError) => e.status === 403, who);
  }
  await assignHandler(d.db, handler, id, handler2.actor!.userId);
  await revealPii(d.db, handler2, cfg.piiKeys, id);
  await assert.rejects(revealPii(d.db, handler, cfg.piiKeys, id), (e: AppError) => e.status === 403, 'no longer the handler');
  const views = await d.db.selectFrom('audit_log').select(['actor_name', 'summary']).where('action', '=', 'request.pii.view').where('subject_id', '=', String(id)).execute();
  assert.deepEqual(views.map((v) => v.actor_name), ['handler', 'handler2']);
  assert.ok(!JSON.stringify(views).includes(ID));
});

test('repeat applicants are found by keyed hash, across a key rotation, without decrypting', async () => {
  const a = await register('2024-11-05');
  const b = await register('2024-11-06');
  const other = await register('2024-11-07', { id_number: demoIdNumber(3) });
  const found = await casesByIdHmac(d.db, idNumberHmacs(cfg.piiKeys, ID), a, ['/']);
  assert.ok(found.some((x) => x.id === b));
  assert.ok(!found.some((x) => x.id === a), 'not the case itself');
  assert.ok(!found.some((x) => x.id === other), 'not another person');
  assert.deepEqual(await casesByIdHmac(d.db, idNumberHmacs(cfg.piiKeys, ID), a, ['/nowhere/']), [], 'only within the scope');
});

test('gongkai pii rotate: everything re-encrypted under the new key; the old key can then be dropped', async () => {
  const id = await register('2024-11-08');
  const oldKeys = cfg.piiKeys;
  const fresh = randomBytes(32);
  const rotated = [fresh, ...oldKeys];
  const before = (await caseById(d.db, id))!;
  assert.equal(tokenKeyId(before.id_number_enc!), keyId(oldKeys[0]));
  await d.db.insertInto('request_submissions_inbox').values({ unit_id: tree.bureau.id, payload_enc: (await import('../../../core/pii/crypto.ts')).encryptPii(oldKeys, 'submission', '{"x":1}'), status: 'pending' }).execute();
  configurePiiKeys(rotated); // as the server would run: the new key first, the old one still listed
  const r = await rotatePii(d.db, systemContext('cli:test'), rotated);
  assert.ok(r.cases >= 1);
  assert.equal(r.submissions, 1);
  assert.equal(r.keyId, keyId(fresh));
  const after = (await caseById(d.db, id))!;
  for (const col of ['id_number_enc', 'phone_enc', 'email_enc', 'address_enc'] as const) assert.equal(tokenKeyId(after[col]!), keyId(fresh), col);
  assert.equal(decryptPii([fresh], 'id_number', after.id_number_enc!), ID, 'readable with the new key alone');
  assert.equal(after.id_number_hmac, idNumberHmacs([fresh], ID)[0], 'the hash follows the current key');
  const again = await rotatePii(d.db, systemContext('cli:test'), rotated);
  assert.deepEqual([again.cases, again.submissions], [0, 0], 'idempotent');
  // rotate back so the rest of the file keeps using the test key
  await rotatePii(d.db, systemContext('cli:test'), [oldKeys[0], fresh]);
  configurePiiKeys(oldKeys);
  assert.equal(decryptPii(oldKeys, 'phone', (await caseById(d.db, id))!.phone_enc!), PHONE);
});

test('reminders: due soon and overdue cases notify their handler once per due date, by e-mail too; no PII in mail or log', async () => {
  await d.db.deleteFrom('request_notifications').execute();
  const overdue = await register('2024-10-08');
  await applyStep(d.db, handler, overdue, { type: 'accept', date: '2024-10-08' }, { today: TODAY });
  const soon = await register('2024-12-12'); // due 2025-01-10
  await applyStep(d.db, handler, soon, { type: 'accept', date: '2024-12-12' }, { today: TODAY });
  const paused = await register('2024-10-09');
  await applyStep(d.db, handler, paused, { type: 'accept', date: '2024-10-09' }, { today: TODAY });
  await applyStep(d.db, handler, paused, { type: 'start_consultation', date: '2024-10-10', parties: [{ kind: 'third_party', name: '某公司' }] }, { today: TODAY });
  const sent: MailMessage[] = [];
  const mailer: Mailer = { send: async (m) => { sent.push(m); return true; } };
  const lines: string[] = [];
  const log = { info: (o: unknown, m?: string) => void lines.push(JSON.stringify(o) + (m ?? '')), warn: (o: unknown, m?: string) => void lines.push(JSON.stringify(o) + (m ?? '')), error: (o: unknown, m?: string) => void lines.push(JSON.stringify(o) + (m ?? '')) };
  const r1 = await runReminders(d.db, cfg, log, { today: '2025-01-06', mailer });
  const mine = await notificationsFor(d.db, handler.actor!.userId);
  const kinds = Object.fromEntries(mine.map((n) => [n.case_id, n.kind]));
  assert.equal(kinds[overdue], 'overdue');
  assert.equal(kinds[soon], 'due_soon', `due ${(await caseById(d.db, soon))!.due_on}`);
  assert.equal(kinds[paused], undefined, 'a paused case is not due');
  assert.ok(r1.notified >= 2 && r1.mailed >= 2);
  assert.ok(sent.some((m) => m.to === 'h1@example.gov.cn') && sent.every((m) => ['h1@example.gov.cn', 'h2@example.gov.cn'].includes(m.to)), 'mail goes to each case\'s handler');
  const r2 = await runReminders(d.db, cfg, log, { today: '2025-01-06', mailer });
  assert.equal(r2.notified, 0, 'idempotent: nothing new on a second run');
  for (const secret of [ID, PHONE, ADDRESS, 'wang@example.com']) {
    assert.ok(!JSON.stringify(sent).includes(secret), `mail without ${secret}`);
    assert.ok(!lines.some((l) => l.includes(secret)), `log without ${secret}`);
  }
});

test('without SMTP_URL the mail is only logged — subject only, no address', async () => {
  const lines: string[] = [];
  const m = createMailer({ smtpUrl: null, mailFrom: 'x@localhost' }, { info: (o, msg) => void lines.push(JSON.stringify(o) + msg) });
  assert.equal(await m.send({ to: 'h1@example.gov.cn', subject: '【依申请公开】申请 X 将于…到期', text: '…' }), false);
  assert.equal(lines.length, 1);
  assert.match(lines[0], /would have been sent/);
  assert.ok(!lines[0].includes('h1@example.gov.cn'));
});
