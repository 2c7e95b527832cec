import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar } from './calendar.ts';
import { deadlineCommand, workdaysAddCommand, workdaysCountCommand } from './cli.ts';

const ISSUE_EXAMPLE = JSON.stringify({
  received: '2024-09-27',
  events: [
    { type: 'correction_requested', date: '2024-09-30' },
    { type: 'corrected', date: '2024-10-15' },
    { type: 'consultation_started', date: '2024-10-20' },
    { type: 'consultation_ended', date: '2024-11-05' },
    { type: 'extended', date: '2024-11-20', workdays: 20 },
  ],
});

describe('gongkai workdays add', () => {
  const ok: [args: string[], stdout: string][] = [
    [['2024-09-27', '20'], '2024-10-30\n'],
    [['2020-01-20', '20'], '2020-02-25\n'],
    [['2024-10-05', '0'], '2024-10-05\n'],
  ];
  for (const [args, stdout] of ok) {
    it(args.join(' '), () => assert.deepEqual(workdaysAddCommand(args), { stdout, exitCode: 0 }));
  }

  const bad: [args: string[], hint: RegExp][] = [
    [[], /用法/],
    [['2024-09-27'], /用法/],
    [['2024-13-01', '5'], /日期 "2024-13-01" 无效/],
    [['2024-09-27', '-3'], /工作日数 "-3" 无效/],
    [['2024-09-27', 'twenty'], /工作日数/],
    [['2024-09-27', '2.5'], /工作日数/],
  ];
  for (const [args, hint] of bad) {
    it(`rejects ${JSON.stringify(args)} with exit code 2`, () => {
      const r = workdaysAddCommand(args);
      assert.equal(r.exitCode, 2);
      assert.match(r.stdout, /^错误：/);
      assert.match(r.stdout, hint);
    });
  }

  it('prints the date, then a warning, for a year without data (元旦 is still a day off)', () => {
    const lines = workdaysAddCommand(['2026-12-10', '20']).stdout.trimEnd().split('\n');
    assert.equal(lines[0], '2027-01-08');
    assert.match(lines[1], /^警告：尚未载入2027年/);
    assert.match(lines[1], /暂定/);
  });

  it('uses an injected calendar (with overrides and a year confirmed complete)', () => {
    const calendar = new WorkCalendar({
      overrides: [{ date: '2027-01-01', isWorkday: false, scope: 'national' }, { date: '2027-01-04', isWorkday: false, scope: 'national' }],
      years: [{ year: 2027, scope: 'national', source: '示例' }],
    });
    assert.equal(workdaysAddCommand(['2026-12-10', '20'], { calendar }).stdout, '2027-01-11\n');
  });
});

describe('gongkai workdays count', () => {
  it('counts (A, B]', () => {
    assert.deepEqual(workdaysCountCommand(['2024-10-20', '2024-11-05']), { stdout: '12\n', exitCode: 0 });
    assert.deepEqual(workdaysCountCommand(['2020-01-23', '2020-02-03']), { stdout: '1\n', exitCode: 0 });
    assert.deepEqual(workdaysCountCommand(['2024-10-05', '2024-10-05']), { stdout: '0\n', exitCode: 0 });
  });
  it('rejects a reversed range and bad dates', () => {
    const r = workdaysCountCommand(['2024-11-05', '2024-10-20']);
    assert.equal(r.exitCode, 2);
    assert.match(r.stdout, /早于开始日期/);
    assert.equal(workdaysCountCommand(['2024-11-05']).exitCode, 2);
    assert.equal(workdaysCountCommand(['x', '2024-10-20']).exitCode, 2);
  });
});

describe('gongkai deadline', () => {
  it('prints the due date first, then the trace', () => {
    const r = deadlineCommand(ISSUE_EXAMPLE);
    assert.equal(r.exitCode, 0);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], '2024-12-26');
    assert.match(lines[1], /^1\. 2024-09-27（星期五）收到申请/);
    assert.equal(lines.length, 1 + 9);
    assert.match(lines[lines.length - 1], /答复期限：2024-12-26/);
  });

  it('--json gives {due, trace: [structured entries]}', () => {
    const r = deadlineCommand(ISSUE_EXAMPLE, { json: true });
    assert.equal(r.exitCode, 0);
    const out = JSON.parse(r.stdout) as { due: string; state: string; trace: { step: string; text: { zh: string; en: string } }[]; warnings: unknown[] };
    assert.equal(out.due, '2024-12-26');
    assert.equal(out.state, 'running');
    assert.equal(out.trace[0].step, 'received');
    assert.ok(out.trace.every((t) => typeof t.text.zh === 'string' && typeof t.text.en === 'string'));
    assert.deepEqual(out.warnings, []);
  });

  it('reads `timeline` (the import format\'s name) like `events`; an unknown key is an error, never ignored (#14 item 3)', () => {
    const asTimeline = JSON.stringify({ ...JSON.parse(ISSUE_EXAMPLE), events: undefined, timeline: JSON.parse(ISSUE_EXAMPLE).events });
    const r = deadlineCommand(asTimeline, { json: true });
    assert.equal(r.exitCode, 0);
    assert.equal((JSON.parse(r.stdout) as { due: string }).due, '2024-12-26', 'the same due date as with "events"');
    const refused = (input: unknown, code: string, message: RegExp) => {
      const x = deadlineCommand(JSON.stringify(input), { json: true });
      assert.notEqual(x.exitCode, 0, JSON.stringify(input));
      const err = (JSON.parse(x.stdout) as { error: { code: string; message: { zh: string } } }).error;
      assert.equal(err.code, code);
      assert.match(err.message.zh, message);
    };
    refused({ received: '2024-09-27', timelinez: [] }, 'unknown_key', /timelinez/);
    refused({ received: '2024-09-27', events: [{ type: 'extended', date: '2024-10-20', workdays: 10, on: '2024-10-21' }] }, 'unknown_key', /on/);
    refused({ received: '2024-09-27', events: [], timeline: [] }, 'bad_events', /只能填写其中一个/);
  });

  it('English output on request', () => {
    const lines = deadlineCommand(ISSUE_EXAMPLE, { lang: 'en' }).stdout.split('\n');
    assert.equal(lines[0], '2024-12-26');
    assert.match(lines[1], /application received on 2024-09-27/);
  });

  it('a paused case says so on the first line', () => {
    const input = JSON.stringify({ received: '2024-09-27', events: [{ type: 'consultation_started', date: '2024-10-14' }] });
    assert.match(deadlineCommand(input, { today: '2024-10-21' }).stdout.split('\n')[0], /^暂停中：自2024-10-14起暂停，剩余12个工作日（如今天结束暂停，期限为2024-11-06）/);
    const json = JSON.parse(deadlineCommand(input, { json: true }).stdout) as Record<string, unknown>;
    assert.deepEqual([json.due, json.state, json.remainingWorkdays, json.pausedSince], [null, 'paused', 12, '2024-10-14']);
  });

  it('a case awaiting correction says so', () => {
    const input = JSON.stringify({ received: '2024-09-27', events: [{ type: 'correction_requested', date: '2024-09-30' }] });
    assert.match(deadlineCommand(input).stdout, /^期限中止：等待补正\n/);
  });

  it('bad JSON: exit 2 with a Chinese message', () => {
    const r = deadlineCommand('{received:');
    assert.equal(r.exitCode, 2);
    assert.match(r.stdout, /^错误：标准输入不是有效的 JSON/);
  });

  it('invalid timeline: exit 2, human and JSON forms', () => {
    const input = JSON.stringify({ received: '2024-09-27', events: [{ type: 'extended', date: '2024-10-08', workdays: 25 }] });
    const human = deadlineCommand(input);
    assert.equal(human.exitCode, 2);
    assert.match(human.stdout, /^错误：第1个事件（延长答复期限，2024-10-08）：延长的期限最长不得超过20个工作日/);
    const json = deadlineCommand(input, { json: true });
    assert.equal(json.exitCode, 2);
    const err = (JSON.parse(json.stdout) as { error: { code: string; eventIndex: number; message: { zh: string } } }).error;
    assert.deepEqual([err.code, err.eventIndex], ['extension_too_long', 0]);
  });

  it('rejects a bad --today', () => {
    assert.equal(deadlineCommand(ISSUE_EXAMPLE, { today: '2024-1-1' }).exitCode, 2);
  });
});
