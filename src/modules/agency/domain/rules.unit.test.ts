import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSnapshots, photoError, photoType, publishProblem, validateDepartment, validateLeader, type AgencySnapshot } from './rules.ts';

test('leaders need a name and a position; limits and the sort number are checked', () => {
  assert.deepEqual(Object.keys(validateLeader({}).errors).sort(), ['name', 'title']);
  const ok = validateLeader({ name: ' 王晓明 ', title: '局长', duties: '主持全面工作', cv: '1975年生', sort_order: '2' });
  assert.deepEqual(ok.errors, {});
  assert.equal(ok.value.name, '王晓明');
  assert.equal(ok.value.sort_order, 2);
  assert.ok(validateLeader({ name: 'x'.repeat(61), title: '局长' }).errors.name);
  assert.ok(validateLeader({ name: '甲', title: '局长', sort_order: '-1' }).errors.sort_order);
});

test('departments need a name; the telephone holds only telephone characters', () => {
  assert.ok(validateDepartment({}).errors.name);
  assert.deepEqual(validateDepartment({ name: '办公室', phone: '0421-2600001 转 8001' }).errors, {});
  assert.ok(validateDepartment({ name: '办公室', phone: '<script>' }).errors.phone);
});

test('a photo is a JPEG or PNG by its bytes, at most 1 MB', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
  assert.equal(photoType(png), 'image/png');
  assert.equal(photoType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.equal(photoType(new TextEncoder().encode('<svg onload=alert(1)>')), null);
  assert.ok(photoError(new TextEncoder().encode('GIF89a')));
  const big = new Uint8Array(1024 * 1024 + 1);
  big.set([0xff, 0xd8, 0xff]);
  assert.match(photoError(big)!.zh, /1 MB/);
  assert.equal(photoError(png), null);
});

const snap = (o: Partial<AgencySnapshot> = {}): AgencySnapshot => ({ functions: '<p>负责全市司法行政工作。</p>', departments: [], leaders: [], ...o });

test('publishing needs the functions and a change since the last version', () => {
  assert.match(publishProblem(snap({ functions: ' ' }), null)!.zh, /机关职能/);
  assert.equal(publishProblem(snap(), null), null);
  assert.match(publishProblem(snap(), snap())!.zh, /相同/);
  assert.equal(publishProblem(snap({ leaders: [{ name: '甲', title: '局长', duties: '', cv: '', photo_id: null }] }), snap()), null);
});

test('the diff between versions names added, removed and changed items', () => {
  const a = snap({ departments: [{ name: '办公室', functions: '', phone: '' }, { name: '法规科', functions: '', phone: '' }], leaders: [{ name: '甲', title: '局长', duties: '', cv: '', photo_id: null }] });
  const b = snap({ functions: '<p>新职能</p>', departments: [{ name: '办公室', functions: '文电', phone: '' }, { name: '公共法律服务科', functions: '', phone: '' }], leaders: [{ name: '甲', title: '局长', duties: '', cv: '', photo_id: null }] });
  const d = diffSnapshots(a, b);
  assert.equal(d.functions, true);
  assert.deepEqual(d.added, ['内设机构：公共法律服务科']);
  assert.deepEqual(d.removed, ['内设机构：法规科']);
  assert.deepEqual(d.changed, ['内设机构：办公室']);
  assert.deepEqual(diffSnapshots(null, a).added.length, 3);
});

test('snapshots compare by content whatever the key order (jsonb reorders keys)', () => {
  const a = snap({ leaders: [{ name: '甲', title: '局长', duties: '', cv: '', photo_id: 1 }] });
  const b = JSON.parse('{"leaders":[{"cv":"","name":"甲","duties":"","title":"局长","photo_id":1}],"functions":"<p>负责全市司法行政工作。</p>","departments":[]}') as AgencySnapshot;
  assert.match(publishProblem(a, b)!.zh, /相同/);
  assert.deepEqual(diffSnapshots(b, a).changed, []);
});
