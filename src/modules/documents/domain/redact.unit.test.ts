import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactHtml, redactSnapshot, redactText } from './redact.ts';
import { diffVersions } from './diff.ts';

const ID = '110101199003071234';
const only = new Set([ID, '13812345678']);

test('plain text: only the chosen numbers, as long as before', () => {
  const r = redactText(`张三${ID}，联系电话13812345678，办公电话13912345678`, { only, style: 'partial' });
  assert.equal(r.value, '张三110101********1234，联系电话138****5678，办公电话13912345678');
  assert.equal(r.count, 2);
});

test('HTML: text, attributes, and a number split by inline tags', () => {
  const html = `<p>身份证号<b>110101</b>199003071234</p><p><a href="tel:13812345678">13812345678</a></p>`;
  const r = redactHtml(html, { only, style: 'full' });
  assert.equal(r.value, '<p>身份证号<b>******</b>************</p><p><a href="tel:***********">***********</a></p>');
  assert.equal(r.count, 3);
  assert.equal(r.missed, 0);
});

test('a snapshot: metadata, body and attachment names; the diff between redacted versions shows the masks only', () => {
  const v1 = { metadata: { title: '关于张三的通知', summary: `证号${ID}`, keywords: ['13812345678'] }, bodyHtml: `<p>电话13812345678，证号${ID}</p>`, attachments: [{ name: `${ID}.pdf`, sha256: 'a' }] };
  const v2 = { metadata: { title: '关于张三的通知', summary: '证号已删除', keywords: [] }, bodyHtml: '<p>电话13812345678</p>', attachments: [] };
  const a = redactSnapshot(v1, { only, style: 'partial' });
  const b = redactSnapshot(v2, { only, style: 'partial' });
  assert.equal(a.count, 5);
  assert.equal(b.count, 1);
  assert.equal(a.value.metadata.summary, '证号110101********1234');
  assert.deepEqual(a.value.metadata.keywords, ['138****5678']);
  assert.equal(a.value.attachments![0].name, '110101********1234.pdf');
  const shown = JSON.stringify(diffVersions(a.value, b.value));
  assert.doesNotMatch(shown, /110101199003071234|13812345678/);
  assert.match(shown, /110101\*{8}1234/);
});
