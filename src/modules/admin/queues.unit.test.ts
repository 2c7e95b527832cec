import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderQueues, sortItems, urgencyOf, type Queue, type QueueItem } from './queues.tsx';

const TODAY = '2026-12-04';
const item = (title: string, extra: Partial<QueueItem> = {}): QueueItem => ({ title, href: `/x/${title}`, ...extra });

test('items: overdue, then due soon, then the rest; earlier due date, then older first', () => {
  const items = [
    item('no due, newer', { since: '2026-12-03T00:00:00Z' }),
    item('due later', { due: '2026-12-20' }),
    item('no due, older', { since: '2026-11-01T00:00:00Z' }),
    item('soon (said by the source)', { due: '2026-12-08', urgency: 'due_soon' }),
    item('overdue recently', { due: '2026-12-01' }),
    item('overdue long ago', { due: '2025-01-01' }),
  ];
  assert.deepEqual(sortItems(items, TODAY).map((i) => i.title), ['overdue long ago', 'overdue recently', 'soon (said by the source)', 'due later', 'no due, older', 'no due, newer']);
  assert.equal(urgencyOf(item('today is the last day', { due: TODAY }), TODAY), 'normal');
});

test('queues: the one holding the most urgent item first, then by role; empty ones only when kept', () => {
  const q = (key: string, role: Queue['role'], items: QueueItem[], keep = false): Queue => ({ key, role, title: { zh: key, en: key }, items, total: items.length, href: '/', keepWhenEmpty: keep });
  const out = orderQueues([
    q('reviewer-normal', 'reviewer', [item('a', { due: '2027-01-01' })]),
    q('editor-normal', 'editor', [item('b')]),
    q('handler-overdue', 'case_handler', [item('c', { due: '2026-11-30' })]),
    q('editor-empty-kept', 'editor', [], true),
    q('supervisor-empty', 'supervisor', []),
  ], TODAY);
  assert.deepEqual(out.map((x) => x.key), ['handler-overdue', 'editor-normal', 'reviewer-normal', 'editor-empty-kept']);
});
