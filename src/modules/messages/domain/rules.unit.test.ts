/** Pure rules of 留言/咨询: the state machine, the due date on the holiday calendar, urgency, validation, redaction. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar } from '../../../core/calendar/calendar.ts';
import { dueOn, nextStatus, redact, urgencyOf, validateAnswer, validateMessage, validateWorkdays, DEFAULT_ANSWER_WORKDAYS, type Action, type Status } from './rules.ts';

const cal = new WorkCalendar();

test('state machine: each action from each state', () => {
  const table: [Status, Action, Status | null][] = [
    ['received', 'assign', 'assigned'], ['received', 'answer', 'answered'], ['received', 'transfer', 'received'], ['received', 'reject', 'rejected'], ['received', 'publish', null],
    ['assigned', 'transfer', 'received'], ['assigned', 'answer', 'answered'], ['assigned', 'faq', null],
    ['answered', 'publish', 'published'], ['answered', 'answer', 'answered'], ['answered', 'faq', 'answered'], ['answered', 'reject', null], ['answered', 'transfer', null],
    ['published', 'faq', 'published'], ['published', 'answer', null], ['published', 'publish', null],
    ['rejected', 'answer', null], ['rejected', 'publish', null], ['rejected', 'assign', null],
  ];
  for (const [from, action, to] of table) assert.equal(nextStatus(from, action), to, `${from} --${action}-->`);
});

test('due date: N working days from the day after receipt, over weekends and the National Day holiday', () => {
  assert.equal(DEFAULT_ANSWER_WORKDAYS, 5);
  // Monday 2025-06-09 + 5 working days = Monday 2025-06-16
  assert.equal(dueOn('2025-06-09', 5, cal), '2025-06-16');
  // Friday 2025-06-13: the weekend does not count
  assert.equal(dueOn('2025-06-13', 5, cal), '2025-06-20');
  // 2025-09-30 (Tue) before the 10-01..10-08 holiday; 10-11 (Sat) is a make-up working day
  assert.equal(dueOn('2025-09-30', 5, cal), '2025-10-14');
  assert.equal(dueOn('2025-06-09', 10, cal), '2025-06-23', 'a unit may set a longer period');
});

test('urgency: overdue after the due date, due soon within one working day, only while unanswered', () => {
  assert.equal(urgencyOf({ status: 'received', due_on: '2025-06-16' }, '2025-06-17', cal), 'overdue');
  assert.equal(urgencyOf({ status: 'assigned', due_on: '2025-06-16' }, '2025-06-13', cal), 'due_soon', 'Friday before a Monday due date');
  assert.equal(urgencyOf({ status: 'received', due_on: '2025-06-16' }, '2025-06-16', cal), 'due_soon');
  assert.equal(urgencyOf({ status: 'received', due_on: '2025-06-16' }, '2025-06-11', cal), 'normal');
  assert.equal(urgencyOf({ status: 'answered', due_on: '2025-06-16' }, '2025-07-01', cal), 'normal');
});

test('validation names each bad field; consent only when ticked', () => {
  const bad = validateMessage({ category: 'x', subject: '', body: '短', contact: 'abc' });
  assert.deepEqual(Object.keys(bad.errors).sort(), ['body', 'category', 'contact', 'subject']);
  const ok = validateMessage({ category: 'policy', subject: '补贴', body: '请问补贴如何申领？', contact: '139 0000 0811', consent: 'yes' });
  assert.deepEqual(ok.errors, {});
  assert.equal(ok.value.consent, true);
  assert.equal(validateMessage({ category: 'policy', subject: 'a', body: '12345', contact: 'a@b.cn' }).value.consent, false);
  assert.ok(validateMessage({ category: 'policy', subject: 'x'.repeat(81), body: '12345', contact: 'a@b.cn' }).errors.subject);
  assert.ok(validateAnswer({ answer: '' }).errors.answer);
  assert.equal(validateWorkdays('5'), 5);
  assert.equal(validateWorkdays('0'), null);
  assert.equal(validateWorkdays('31'), null);
  assert.equal(validateWorkdays('2.5'), null);
});

test('redaction removes phones, ID numbers, e-mail and the asker’s name', () => {
  const s = redact('我是周建国，电话13900000811，座机0421-5550001，身份证211302199001011234，邮箱zhou@example.cn。', '周建国');
  for (const bad of ['周建国', '13900000811', '5550001', '211302199001011234', 'zhou@example.cn']) assert.ok(!s.includes(bad), `${bad} removed: ${s}`);
  assert.match(s, /\[电话已隐去\]/);
  assert.equal(redact('高龄津贴标准为每月100元'), '高龄津贴标准为每月100元', 'ordinary numbers stay');
});
