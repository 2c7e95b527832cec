import test from 'node:test';
import assert from 'node:assert/strict';
import { adoptionBlocker, checkWindow, phaseOf, validateComment, validateFeedback, validateHearing, validateModeration, windowDays } from './rules.ts';

test('window (第十五条): 30 calendar days counted with both ends; shorter only with a reason', () => {
  assert.equal(windowDays('2026-06-01', '2026-06-30'), 30);
  assert.equal(windowDays('2026-02-01', '2026-03-02'), 30, 'across a short February');
  assert.deepEqual(checkWindow({ opens_on: '2026-06-01', closes_on: '2026-06-30', short_reason: '' }), {});
  const short = checkWindow({ opens_on: '2026-06-01', closes_on: '2026-06-29', short_reason: '' });
  assert.match(short.short_reason.zh, /29 日，少于 30 日/);
  assert.match(short.short_reason.en, /Art\. 15/);
  assert.deepEqual(checkWindow({ opens_on: '2026-06-01', closes_on: '2026-06-10', short_reason: '防汛工作紧急' }), {});
  assert.ok(checkWindow({ opens_on: '2026-06-10', closes_on: '2026-06-01', short_reason: 'x' }).closes_on);
  assert.ok(checkWindow({ opens_on: '2026-02-30', closes_on: '2026-06-01', short_reason: '' }).opens_on);
});

test('phase: comments are taken from the opening to the closing day inclusive', () => {
  const c = { published: true, opens_on: '2026-06-01', closes_on: '2026-06-30' };
  assert.equal(phaseOf({ ...c, published: false }, '2026-06-15'), 'draft');
  assert.equal(phaseOf(c, '2026-05-31'), 'upcoming');
  assert.equal(phaseOf(c, '2026-06-01'), 'open');
  assert.equal(phaseOf(c, '2026-06-30'), 'open');
  assert.equal(phaseOf(c, '2026-07-01'), 'closed');
});

test('a decision is marked decided only when every published consultation has its feedback (第十八条、第三十二条)', () => {
  assert.match(adoptionBlocker([])!.zh, /尚未公开征求意见/);
  assert.match(adoptionBlocker([{ title: '草案', published: false, feedback_published: false }])!.zh, /尚未公开征求意见/);
  assert.match(adoptionBlocker([{ title: '一稿', published: true, feedback_published: true }, { title: '二稿', published: true, feedback_published: false }])!.zh, /“二稿”的意见采纳情况尚未公布/);
  assert.equal(adoptionBlocker([{ title: '一稿', published: true, feedback_published: true }, { title: '未发', published: false, feedback_published: false }]), null);
});

test('comments: contact required (phone or e-mail), name optional, sensible length', () => {
  assert.deepEqual(validateComment({ contact: '13800138000', body: '建议增加夜间开放时段。' }).errors, {});
  assert.deepEqual(validateComment({ contact: '0421-2345678', body: '建议增加夜间开放时段。', name: '王女士' }).errors, {});
  assert.deepEqual(validateComment({ contact: 'a@b.cn', body: '建议增加夜间开放时段。' }).errors, {});
  const e = validateComment({ contact: '', body: '好' }).errors;
  assert.match(e.contact.zh, /不会公开/);
  assert.match(e.body.en, /at least 5/);
  assert.ok(validateComment({ contact: 'not a phone', body: '建议增加夜间开放时段。' }).errors.contact);
  assert.ok(validateComment({ contact: '13800138000', body: 'x'.repeat(5001) }).errors.body);
});

test('moderation: a refusal needs one of the listed reasons', () => {
  assert.deepEqual(validateModeration({ action: 'publish' }).errors, {});
  assert.ok(validateModeration({ action: 'reject' }).errors.reason);
  assert.ok(validateModeration({ action: 'reject', reason: 'because' }).errors.reason);
  assert.equal(validateModeration({ action: 'reject', reason: 'abuse' }).value.reason, 'abuse');
  assert.ok(validateModeration({}).errors.action);
});

test('feedback: every published comment gets a verdict; not (fully) adopted needs the reason', () => {
  const ok = validateFeedback({ summary_fb: '共收到意见 2 条。', adoption_1: 'adopted', adoption_2: 'not_adopted', response_2: '超出本决策事项范围。' }, [1, 2]);
  assert.deepEqual(ok.errors, {});
  assert.equal(ok.value.verdicts.get(2)?.response, '超出本决策事项范围。');
  const bad = validateFeedback({ adoption_1: 'partly' }, [1, 2]);
  assert.ok(bad.errors.summary_fb);
  assert.match(bad.errors.response_1.zh, /须说明理由/);
  assert.ok(bad.errors.adoption_2);
});

test('hearing (第十六条): sign-up closes at least 7 days before, so materials reach participants in time', () => {
  const base = { held_on: '2026-07-20', held_time: '09:30', place: '市政务服务中心三楼会议室', seats: '15', selection_method: '按报名先后并兼顾各方代表' };
  assert.deepEqual(validateHearing({ ...base, signup_closes_on: '2026-07-13' }).errors, {});
  assert.match(validateHearing({ ...base, signup_closes_on: '2026-07-14' }).errors.signup_closes_on.zh, /7 日前截止/);
  assert.ok(validateHearing({ ...base, signup_closes_on: '2026-07-01', held_time: '9点' }).errors.held_time);
  assert.ok(validateHearing({ ...base, signup_closes_on: '2026-07-01', seats: '0' }).errors.seats);
});
