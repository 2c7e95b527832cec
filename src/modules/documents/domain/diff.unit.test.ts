import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffBody, diffText, diffVersions, segmentsToHtml } from './diff.ts';
import type { DiffSegment } from './diff.ts';

const text = (segs: DiffSegment[], op: DiffSegment['op']) => segs.filter((s) => s.op === op).map((s) => s.text);
const before = (segs: DiffSegment[]) => segs.filter((s) => s.op !== 'insert').map((s) => s.text).join('');
const after = (segs: DiffSegment[]) => segs.filter((s) => s.op !== 'delete').map((s) => s.text).join('');

test('Chinese word-level diff marks whole words, not the whole line', () => {
  const a = '现将《朝阳市2020年政务公开工作要点》印发给你们，请认真贯彻执行。';
  const b = '现将《朝阳市2021年政务公开工作要点》印发给你们，请认真贯彻落实。';
  const segs = diffText(a, b);
  assert.deepEqual(text(segs, 'delete'), ['2020', '执行']);
  assert.deepEqual(text(segs, 'insert'), ['2021', '落实']);
  assert.equal(before(segs), a);
  assert.equal(after(segs), b);
});

test('identical and empty strings', () => {
  assert.deepEqual(diffText('相同', '相同'), [{ op: 'equal', text: '相同' }]);
  assert.deepEqual(diffText('', ''), []);
  assert.deepEqual(diffText('', '新增'), [{ op: 'insert', text: '新增' }]);
});

test('body: paragraphs inserted, deleted and edited', () => {
  const a = '各县（市）区人民政府：\n第一段不变。\n第二段将被删除。\n第三段要修改为新内容。';
  const b = '各县（市）区人民政府：\n第一段不变。\n第三段要修改为新的内容。\n新增的第四段。';
  const body = diffBody(a, b);
  // The edited paragraph is paired with its new version by similarity, not by position.
  assert.deepEqual(body.map((p) => p.op), ['equal', 'equal', 'delete', 'change', 'insert']);
  assert.equal(before(body[2].segments), '第二段将被删除。');
  const changed = body[3];
  assert.equal(before(changed.segments), '第三段要修改为新内容。');
  assert.equal(after(changed.segments), '第三段要修改为新的内容。');
  // Word-level: the unchanged words stay equal, only the segment around 的 differs.
  assert.ok(text(changed.segments, 'equal').join('').startsWith('第三段要修改为'));
  assert.ok(text(changed.segments, 'insert').join('').includes('的'));
  assert.ok(text(changed.segments, 'insert').join('').length <= 2);
  // Reconstructing both sides from the paragraphs gives back the texts.
  assert.equal(body.map((p) => before(p.segments)).filter(Boolean).join('\n'), '各县（市）区人民政府：\n第一段不变。\n第二段将被删除。\n第三段要修改为新内容。');
  assert.equal(body.map((p) => after(p.segments)).filter(Boolean).join('\n'), b);
});

test('versions: metadata fields with labels, body from HTML, attachments by checksum', () => {
  const v1 = {
    metadata: { title: '关于开展政务公开检查的通知', docNumber: '朝政办发〔2020〕5号', keywords: ['政务公开', '检查'], validity: 'effective' },
    bodyHtml: '<p>请各单位于9月15日前完成自查。</p><script>x()</script>',
    attachments: [{ name: '检查表.xlsx', sha256: 'aa' }, { name: '说明.pdf', sha256: 'bb' }],
  };
  const v2 = {
    metadata: { title: '关于开展政务公开专项检查的通知', docNumber: '朝政办发〔2020〕5号', keywords: ['政务公开', '专项检查'], validity: 'effective', extra: 1 },
    bodyHtml: '<p>请各单位于9月30日前完成自查。</p>',
    attachments: [{ name: '检查表.xlsx', sha256: 'cc' }, { name: '说明.pdf', sha256: 'bb' }],
  };
  const d = diffVersions(v1, v2);
  assert.equal(d.changed, true);
  assert.deepEqual(d.fields.map((f) => f.field), ['title', 'keywords', 'extra']);
  assert.equal(d.fields[0].label.zh, '标题');
  assert.deepEqual(text(d.fields[0].segments, 'insert'), ['专项']);
  assert.equal(d.fields[1].before, '政务公开、检查');
  assert.equal(d.fields[2].label.zh, 'extra');
  assert.deepEqual(d.body.map((p) => p.op), ['change']);
  assert.ok(text(d.body[0].segments, 'delete').join('').includes('15'));
  assert.deepEqual(d.attachments.added, [{ name: '检查表.xlsx', sha256: 'cc' }]);
  assert.deepEqual(d.attachments.removed, [{ name: '检查表.xlsx', sha256: 'aa' }]);
  assert.ok(d.stats.insertedChars > 0 && d.stats.deletedChars > 0);
});

test('no change', () => {
  const v = { metadata: { title: '通知' }, bodyText: '正文' };
  const d = diffVersions(v, { ...v });
  assert.equal(d.changed, false);
  assert.deepEqual(d.fields, []);
  assert.deepEqual(d.body, [{ op: 'equal', segments: [{ op: 'equal', text: '正文' }] }]);
});

test('segmentsToHtml escapes text and wraps changes', () => {
  assert.equal(
    segmentsToHtml([{ op: 'equal', text: 'a<b>' }, { op: 'delete', text: '旧&' }, { op: 'insert', text: '"新"' }]),
    'a&lt;b&gt;<del>旧&amp;</del><ins>&quot;新&quot;</ins>',
  );
});

test('a long body diffs in reasonable time', () => {
  const para = '为认真贯彻落实国务院办公厅关于政务公开工作的部署，结合我市实际，重点开展以下工作。';
  const a = Array.from({ length: 400 }, (_, i) => `${i}、${para}`).join('\n');
  const b = a.replace(/重点开展/g, (m, i: number) => (i % 3 === 0 ? '着力推进' : m));
  const t0 = Date.now();
  const body = diffBody(a, b);
  assert.ok(Date.now() - t0 < 5000);
  assert.ok(body.some((p) => p.op === 'change'));
  assert.equal(body.map((p) => after(p.segments)).join('\n'), b);
});
