import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateAccount, validateInspection, validDate, verdict } from './rules.ts';

const TODAY = '2026-12-04';

test('dates must exist and not lie in the future', () => {
  assert.equal(validDate('2024-02-29'), true);
  assert.equal(validDate('2024-02-30'), false);
  assert.equal(validDate('2024-13-01'), false);
  assert.equal(validDate('0000-01-01'), false);
  assert.ok(validateInspection({ inspected_on: '2027-01-01' }, TODAY).errors.inspected_on);
});

test('an account needs platform, name and operator; a closed one its closing date, not before it opened', () => {
  assert.deepEqual(Object.keys(validateAccount({}, TODAY).errors).sort(), ['name', 'operator', 'platform']);
  const ok = validateAccount({ platform: 'wechat', name: '朝阳司法', operator: '朝阳市司法局', opened_on: '2016-05-01', status: 'open', closed_on: '2020-01-01' }, TODAY);
  assert.deepEqual(ok.errors, {});
  assert.equal(ok.value.closed_on, null, 'an open account has no closing date');
  assert.ok(validateAccount({ platform: 'weibo', name: 'x', operator: 'y', status: 'closed' }, TODAY).errors.closed_on);
  assert.ok(validateAccount({ platform: 'weibo', name: 'x', operator: 'y', status: 'closed', opened_on: '2020-01-02', closed_on: '2020-01-01' }, TODAY).errors.closed_on);
  assert.ok(validateAccount({ platform: 'myspace', name: 'x', operator: 'y' }, TODAY).errors.platform);
});

test('the verdict: no update in the 2 weeks before the check, or no interaction, fails', () => {
  assert.deepEqual(verdict({ inspected_on: '2026-12-01', last_post_on: '2026-11-20', interaction_ok: true, note: '' }).pass, true);
  const stale = verdict({ inspected_on: '2026-12-01', last_post_on: '2026-11-16', interaction_ok: true, note: '' });
  assert.equal(stale.pass, false);
  assert.match(stale.findings[0].zh, /15 天/);
  assert.match(verdict({ inspected_on: '2026-12-01', last_post_on: null, interaction_ok: true, note: '' }).findings[0].zh, /僵尸号/);
  assert.match(verdict({ inspected_on: '2026-12-01', last_post_on: '2026-11-30', interaction_ok: false, note: '' }).findings[0].zh, /互动/);
  assert.ok(validateInspection({ inspected_on: '2026-12-01', last_post_on: '2026-12-02' }, TODAY).errors.last_post_on);
});
