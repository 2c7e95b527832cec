import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportDeadline, countdown, isLate, deadlineStatus, validateDeadlineSettings, currentReportYear, LEGAL_DEADLINES } from './deadlines.ts';

test('statutory deadlines (条例 第四十九条): departments 31 Jan, governments 31 Mar of the next year', () => {
  assert.equal(reportDeadline('department', 2024), '2025-01-31');
  assert.equal(reportDeadline('government', 2024), '2025-03-31');
  assert.equal(reportDeadline('department', 2024, { department: '01-26', government: '02-20' }), '2025-01-26');
  assert.equal(reportDeadline('government', 2024, { department: '01-26', government: '02-20' }), '2025-02-20');
});

test('countdown in calendar days, across month and leap-year ends', () => {
  const rows: [string, string, number][] = [
    ['2025-01-01', '2025-01-31', 30],
    ['2025-01-31', '2025-01-31', 0],
    ['2025-02-01', '2025-01-31', -1],
    ['2024-02-28', '2024-03-31', 32], // 2024 is a leap year
    ['2023-02-28', '2023-03-31', 31],
    ['2024-12-31', '2025-01-31', 31],
  ];
  for (const [today, deadline, days] of rows) assert.equal(countdown(today, deadline), days, `${today} → ${deadline}`);
});

test('late: published after the deadline, or unpublished once it has passed ("前" = on or before)', () => {
  const rows: [string, string | undefined, boolean][] = [
    ['2025-01-20', undefined, false],
    ['2025-01-31', undefined, false],
    ['2025-02-01', undefined, true],
    ['2025-03-01', '2025-01-31', false],
    ['2025-03-01', '2025-02-01', true],
  ];
  for (const [today, published, late] of rows) assert.equal(isLate('2025-01-31', today, published), late, `${today} ${published}`);
});

test('dashboard status: countdown, due soon, missing, published, published late', () => {
  const rows: [string, string | undefined, string, number | null, boolean][] = [
    ['2025-01-01', undefined, 'open', 30, false],
    ['2025-01-17', undefined, 'due_soon', 14, false],
    ['2025-01-31', undefined, 'due_soon', 0, false],
    ['2025-02-03', undefined, 'missing', -3, true],
    ['2025-02-03', '2025-01-30', 'published', null, false],
    ['2025-02-03', '2025-02-02', 'published_late', null, true],
  ];
  for (const [today, publishedOn, state, daysLeft, flagged] of rows) {
    const s = deadlineStatus({ kind: 'department', year: 2024, today, publishedOn });
    assert.deepEqual([s.state, s.daysLeft, s.flagged, s.deadline], [state, daysLeft, flagged, '2025-01-31'], `${today} ${publishedOn}`);
  }
  const g = deadlineStatus({ kind: 'government', year: 2024, today: '2025-04-02' });
  assert.equal(g.message.zh, '2024年度政府年报已逾期2天未发布（截止2025-03-31）');
  assert.equal(deadlineStatus({ kind: 'department', year: 2024, today: '2025-01-01' }).message.zh, '距2024年度部门年报发布截止（2025-01-31）还有30天');
});

test('settings: month-day that exists every year, never later than the law', () => {
  assert.deepEqual(validateDeadlineSettings(LEGAL_DEADLINES), []);
  assert.deepEqual(validateDeadlineSettings({ department: '01-26', government: '02-28' }), []);
  const bad = validateDeadlineSettings({ department: '02-01', government: '02-29' });
  assert.deepEqual(bad.map((b) => b.key), ['department', 'government']);
  assert.match(bad[0].message.zh, /不得晚于法定期限/);
  assert.deepEqual(validateDeadlineSettings({ department: '1-31', government: '13-01' }).map((b) => b.key), ['department', 'government']);
  assert.throws(() => reportDeadline('department', 2024, { department: '02-30', government: '03-31' }), /bad department deadline/);
});

test('the report year due in a calendar year', () => {
  assert.equal(currentReportYear('2025-01-15'), 2024);
  assert.equal(currentReportYear('2025-12-31'), 2024);
});
