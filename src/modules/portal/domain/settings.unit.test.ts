import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageError, imageType, validateSettings } from './settings.ts';

const ok = { sponsor: '某市人民政府办公室', contact_address: '', contact_phone: '0421-1234567', contact_email: 'a@b.cn', icp_no: '辽ICP备12345678号-1', psb_no: '辽公网安备21130202000123号', find_error_url: 'https://x.example.org/a', conac_url: '' };

test('footer settings: valid values pass, trimmed', () => {
  const r = validateSettings({ ...ok, sponsor: '  某市人民政府办公室 ' });
  assert.deepEqual(r.errors, {});
  assert.equal(r.value.sponsor, '某市人民政府办公室');
});

test('footer settings: every malformed field is named', () => {
  const r = validateSettings({ sponsor: '', contact_phone: 'abc', contact_email: 'nope', icp_no: 'ICP 123', psb_no: '辽公网安备123号', find_error_url: 'javascript:alert(1)', conac_url: 'ftp://x' });
  assert.deepEqual(Object.keys(r.errors).sort(), ['conac_url', 'contact_email', 'contact_phone', 'find_error_url', 'icp_no', 'psb_no', 'sponsor']);
});

test('footer image: PNG, JPEG and GIF by their bytes; others and big files refused', () => {
  assert.equal(imageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), 'image/png');
  assert.equal(imageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.equal(imageType(new TextEncoder().encode('GIF89a....')), 'image/gif');
  assert.ok(imageError(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')));
  const big = new Uint8Array(300 * 1024);
  big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.match(imageError(big)!.zh, /200 KB/);
});
