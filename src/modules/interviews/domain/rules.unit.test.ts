import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLocalTime, parsePeople, parseVideos, transitionProblem, validVideoUrl, validateEntry, validateEvent, validateModeration, validateQuestion } from './rules.ts';

test('status moves: only along the workflow; ending needs a transcript, cancelling a reason', () => {
  assert.equal(transitionProblem('draft', 'scheduled', { entries: 0, reason: '' }), null);
  assert.ok(transitionProblem('draft', 'ended', { entries: 3, reason: '' }));
  assert.ok(transitionProblem('ended', 'live', { entries: 3, reason: '' }));
  assert.match(transitionProblem('live', 'ended', { entries: 0, reason: '' })!.zh, /文字实录/);
  assert.equal(transitionProblem('live', 'ended', { entries: 1, reason: '' }), null);
  assert.match(transitionProblem('scheduled', 'cancelled', { entries: 0, reason: '' })!.zh, /理由/);
  assert.equal(transitionProblem('scheduled', 'cancelled', { entries: 0, reason: '嘉宾临时有公务' }), null);
});

test('video links: http(s) addresses only', () => {
  assert.ok(validVideoUrl('https://video.example.cn/a.mp4'));
  for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'https://user:pw@example.cn/', 'ftp://example.cn/x', 'https://localhost/x', 'not a url']) assert.ok(!validVideoUrl(bad), bad);
  const errors = {};
  assert.deepEqual(parseVideos('回放|https://v.example.cn/1\nhttps://v.example.cn/2', errors), [{ title: '回放', url: 'https://v.example.cn/1' }, { title: 'https://v.example.cn/2', url: 'https://v.example.cn/2' }]);
  const e2: Record<string, unknown> = {};
  parseVideos('x|javascript:alert(1)', e2 as never);
  assert.ok(e2.videos);
});

test('people lines and times', () => {
  const errors: Record<string, unknown> = {};
  assert.deepEqual(parsePeople('张三｜主任｜办公室\n李四|局长', 'guests', errors as never), [{ name: '张三', title: '主任', unit_name: '办公室' }, { name: '李四', title: '局长', unit_name: '' }]);
  parsePeople('只有姓名', 'guests', errors as never);
  assert.match((errors.guests as { zh: string }).zh, /第 1 行/);
  assert.equal(parseLocalTime('2026-06-01T09:30')!.toISOString(), '2026-06-01T01:30:00.000Z');
  assert.equal(parseLocalTime('2026-13-01T09:30'), null);
  assert.equal(parseLocalTime('tomorrow'), null);
});

test('event form: kind-specific people, each field named on error', () => {
  const ok = validateEvent({ kind: 'press', title: '发布会', topic: '主题', starts_at: '2026-06-01T10:00', officials: '王五|副市长|市政府' });
  assert.deepEqual(ok.errors, {});
  const bad = validateEvent({ kind: 'press', title: '', topic: '', starts_at: 'x' });
  assert.deepEqual(Object.keys(bad.errors).sort(), ['officials', 'starts_at', 'title', 'topic']);
  assert.ok(validateEvent({ kind: 'interview', title: 'a', topic: 'b', starts_at: '2026-06-01T10:00' }).errors.guests);
  assert.ok(validateEvent({ kind: 'chat', title: 'a', topic: 'b', starts_at: '2026-06-01T10:00' }).errors.kind);
});

test('questions, transcript entries and moderation', () => {
  assert.deepEqual(validateQuestion({ contact: '13800000000', body: '补贴什么时候发？' }).errors, {});
  const q = validateQuestion({ contact: 'abc', body: '短' }).errors;
  assert.ok(q.contact && q.body);
  assert.ok(validateQuestion({ contact: '', body: '一个足够长的问题' }).errors.contact);
  assert.deepEqual(validateEntry({ entry_kind: 'answer', speaker: '主持人', entry_html: '<p>x</p>', question_id: '#12' }).value.question_id, 12);
  assert.ok(validateEntry({ entry_kind: 'answer', speaker: '', entry_html: '', question_id: 'abc' }).errors.question_id);
  assert.ok(validateModeration({ action: 'reject' }).errors.reason);
  assert.deepEqual(validateModeration({ action: 'approve' }).errors, {});
});
