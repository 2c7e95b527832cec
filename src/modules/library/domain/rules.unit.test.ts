/** The media library's rules: alt text for images (GB/T 37668), names, size limits per kind, keys and file names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downloadName, isImage, KEY_RE, kindFilter, maxBytesFor, validateItem } from './rules.ts';

test('an image needs a text alternative that says more than its file name; other files need none', () => {
  assert.deepEqual(validateItem({ name: '海报', alt: '  活动海报，\n蓝色背景 ' }, 'png', 'a.png'), { value: { name: '海报', alt: '活动海报， 蓝色背景' }, errors: {} });
  assert.match(validateItem({ name: '海报', alt: '' }, 'jpeg').errors.alt.zh, /替代文本/);
  assert.match(validateItem({ name: '海报', alt: 'IMG_0001.JPG' }, 'jpeg', 'img_0001.jpg').errors.alt.en, /not repeat the file name/);
  assert.match(validateItem({ name: '海报', alt: '长'.repeat(201) }, 'gif').errors.alt.zh, /200/);
  assert.deepEqual(validateItem({ name: '表格', alt: '被忽略' }, 'xlsx'), { value: { name: '表格', alt: '' }, errors: {} });
});

test('the name defaults to the file name without its extension and is at most 100 characters', () => {
  assert.equal(validateItem({ name: '' }, 'pdf', '2020年工作要点.pdf').value.name, '2020年工作要点');
  assert.match(validateItem({ name: '' }, 'pdf', '').errors.name.zh, /请填写名称/);
  assert.match(validateItem({ name: '名'.repeat(101) }, 'pdf').errors.name.en, /100/);
});

test('kinds, limits, keys and download names', () => {
  assert.ok(isImage('webp') && !isImage('pdf'));
  assert.equal(kindFilter('image'), 'image');
  assert.equal(kindFilter('toString'), undefined, 'no prototype keys');
  assert.equal(kindFilter(['image']), undefined);
  assert.equal(maxBytesFor('png', 50), 5 * 1024 * 1024);
  assert.equal(maxBytesFor('png', 2), 2 * 1024 * 1024, 'never above the site limit');
  assert.equal(maxBytesFor('docx', 50), 50 * 1024 * 1024);
  assert.ok(KEY_RE.test('0123456789abcdef01234567.png'));
  assert.ok(!KEY_RE.test('0123456789abcdef01234567.html') && !KEY_RE.test('../0123456789abcdef0123.png'));
  assert.equal(downloadName('年度报告', 'pdf'), '年度报告.pdf');
  assert.equal(downloadName('a/b.pdf', 'pdf'), 'a_b.pdf');
});
