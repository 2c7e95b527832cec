import test from 'node:test';
import assert from 'node:assert/strict';
import { ANTISPAM, checkGuard, contactKey, issueChallenge, withoutGuardFields } from './antispam.ts';

const SECRET = 's'.repeat(40);
const answerOf = (q: string) => {
  const m = /What is (\d) plus (\d)/.exec(q)!;
  return String(Number(m[1]) + Number(m[2]));
};

test('a person who answers the question after a few seconds passes; robots do not', () => {
  const t0 = 1_700_000_000_000;
  const ch = issueChallenge(SECRET, 'comment', t0);
  assert.match(ch.question.zh, /^[一二三四五六七八九]加[一二三四五六七八九]等于几？/);
  const ok = { [ANTISPAM.tokenField]: ch.token, [ANTISPAM.answerField]: answerOf(ch.question.en), [ANTISPAM.honeypot]: '' };
  const later = t0 + ANTISPAM.minFillMs + 1;
  assert.equal(checkGuard(SECRET, 'comment', ok, later), null);
  // full-width digits typed with a Chinese input method count
  const fw = answerOf(ch.question.en).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  assert.equal(checkGuard(SECRET, 'comment', { ...ok, [ANTISPAM.answerField]: fw }, later), null);
  assert.equal(checkGuard(SECRET, 'comment', { ...ok, [ANTISPAM.answerField]: String(Number(answerOf(ch.question.en)) + 1) }, later), 'wrong_answer');
  assert.equal(checkGuard(SECRET, 'comment', { ...ok, [ANTISPAM.answerField]: '' }, later), 'wrong_answer');
  assert.equal(checkGuard(SECRET, 'comment', { ...ok, [ANTISPAM.honeypot]: 'http://spam' }, later), 'honeypot');
  assert.equal(checkGuard(SECRET, 'comment', ok, t0 + 10), 'too_fast');
  assert.equal(checkGuard(SECRET, 'comment', ok, t0 + ANTISPAM.maxAgeMs + 1), 'expired');
  // another form's scope, another secret, a forged token
  assert.equal(checkGuard(SECRET, 'message', ok, later), 'wrong_answer');
  assert.equal(checkGuard('t'.repeat(40), 'comment', ok, later), 'wrong_answer');
  assert.equal(checkGuard(SECRET, 'comment', { ...ok, [ANTISPAM.tokenField]: 'x' }, later), 'bad_token');
  assert.equal(checkGuard(SECRET, 'comment', { ...ok, [ANTISPAM.tokenField]: ['a', 'b'] }, later), 'bad_token');
});

test('contact keys: the same phone in any spelling is one contact; the key does not show the contact', () => {
  const k = contactKey(SECRET, '138 0013 8000');
  assert.equal(contactKey(SECRET, '+86 13800138000'), k);
  assert.equal(contactKey(SECRET, '138-0013-8000'), k);
  assert.notEqual(contactKey(SECRET, '13800138001'), k);
  assert.equal(contactKey(SECRET, 'Zhang@Example.cn'), contactKey(SECRET, 'zhang@example.cn'));
  assert.ok(!k.includes('138'));
  assert.deepEqual(withoutGuardFields({ a: '1', [ANTISPAM.honeypot]: '', [ANTISPAM.tokenField]: 'x', [ANTISPAM.answerField]: '3', _csrf: 'c' }), { a: '1' });
});
