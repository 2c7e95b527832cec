import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { bytesKeyId, decryptPii, decryptPiiBytes, encryptPii, encryptPiiBytes, hmacIdNumber, hmacName, idNumberHmacs, keyId, nameHmacs, normalizeName, PiiKeyError, tokenKeyId } from './crypto.ts';
import { maskName } from '../../modules/requests/domain/index.ts';
import { checkFormToken, guardSubmission, INTAKE_GUARD, makeQueryCode, makeTrackingNo, normalizeCode, signFormToken } from '../../modules/requests/http/guard.ts';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const ID = '110101199003078515';

test('AES-256-GCM at rest: the token names its key; any configured key decrypts; the field is bound in', () => {
  const tok = encryptPii([K1], 'id_number', ID);
  assert.ok(!tok.includes(ID));
  assert.equal(tokenKeyId(tok), keyId(K1));
  assert.notEqual(encryptPii([K1], 'id_number', ID), tok, 'a fresh IV each time');
  assert.equal(decryptPii([K1], 'id_number', tok), ID);
  assert.equal(decryptPii([K2, K1], 'id_number', tok), ID, 'an old key still listed decrypts (rotation)');
  assert.throws(() => decryptPii([K2], 'id_number', tok), PiiKeyError, 'a removed key cannot');
  assert.throws(() => decryptPii([K1], 'phone', tok), 'a ciphertext moved to another column does not decrypt');
  // change one fully-used base64 character (not the last, whose low bits may be padding)
  const i = tok.length - 2;
  const tampered = tok.slice(0, i) + (tok[i] === 'A' ? 'B' : 'A') + tok.slice(i + 1);
  assert.throws(() => decryptPii([K1], 'id_number', tampered), 'GCM detects tampering');
  assert.throws(() => encryptPii([Buffer.alloc(16)], 'phone', 'x'), PiiKeyError);
});

test('keyed hashes of identity numbers: stable per key, case-insensitive check character, one per configured key', () => {
  const x = '11010119900307851X';
  assert.equal(hmacIdNumber(K1, x), hmacIdNumber(K1, x.toLowerCase()));
  assert.notEqual(hmacIdNumber(K1, ID), hmacIdNumber(K2, ID));
  assert.deepEqual(idNumberHmacs([K2, K1], ID), [hmacIdNumber(K2, ID), hmacIdNumber(K1, ID)]);
  assert.ok(!hmacIdNumber(K1, ID).includes(ID));
});

test('the form token: signed, not before the minimum fill time, not after the maximum age', () => {
  const secret = 's'.repeat(40);
  const now = 1_700_000_000_000;
  const min = INTAKE_GUARD.minFillMs;
  INTAKE_GUARD.minFillMs = 3000;
  try {
    const rows: [string, unknown, string | null][] = [
      ['a person, 10 s later', signFormToken(secret, now - 10_000), null],
      ['a robot, at once', signFormToken(secret, now - 500), 'too_fast'],
      ['a day-old form', signFormToken(secret, now - 25 * 3600_000), 'expired'],
      ['signed with another secret', signFormToken('t'.repeat(40), now - 10_000), 'bad_token'],
      ['forged', `${now - 10_000}.AAAAAAAAAAAAAAAAAAAAAA`, 'bad_token'],
      ['missing', undefined, 'bad_token'],
      ['not a string', 42, 'bad_token'],
    ];
    for (const [what, tok, want] of rows) assert.equal(checkFormToken(secret, tok, now), want, what);
    assert.equal(guardSubmission(secret, { homepage: 'http://x', form_token: signFormToken(secret, now - 10_000) }, now), 'honeypot');
    assert.equal(guardSubmission(secret, { homepage: '', form_token: signFormToken(secret, now - 10_000) }, now), null);
  } finally {
    INTAKE_GUARD.minFillMs = min;
  }
});

test('tracking numbers carry the date; query codes avoid look-alike characters and normalise', () => {
  assert.match(makeTrackingNo('2024-10-08'), /^20241008-\d{6}$/);
  const codes = new Set(Array.from({ length: 200 }, makeQueryCode));
  assert.ok(codes.size > 195);
  for (const c of codes) assert.match(c, /^[A-HJKMNP-Z2-9]{10}$/);
  assert.equal(normalizeCode(' abcd-efgh 23 '), 'ABCDEFGH23');
});

test('bytes (uploaded files) under AES-256-GCM: key id in the header, field bound in, tampering detected', () => {
  const scan = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(500)]);
  const enc = encryptPiiBytes([K1], 'attachment', scan);
  assert.equal(enc.indexOf(scan.subarray(0, 8)), -1);
  assert.equal(bytesKeyId(enc), keyId(K1));
  assert.equal(Buffer.compare(decryptPiiBytes([K2, K1], 'attachment', enc), scan), 0);
  assert.throws(() => decryptPiiBytes([K1], 'description', enc), 'bound to its field');
  assert.throws(() => decryptPiiBytes([K2], 'attachment', enc), PiiKeyError);
  const bad = Buffer.from(enc);
  bad[bad.length - 1] ^= 1;
  assert.throws(() => decryptPiiBytes([K1], 'attachment', bad), 'GCM detects tampering');
  assert.equal(bytesKeyId(scan), null, 'plain bytes are not taken for ciphertext');
});

test('names: normalised for an exact search (spaces, full-width letters, separator dots, case), hashed per key', () => {
  assert.equal(normalizeName(' 王 小明 '), '王小明');
  assert.equal(normalizeName('阿卜杜·热合曼'), normalizeName('阿卜杜热合曼'));
  assert.equal(normalizeName('ＪＯＨＮ Smith'), 'johnsmith');
  assert.equal(hmacName(K1, '王小明'), hmacName(K1, '王 小明'));
  assert.notEqual(hmacName(K1, '王小明'), hmacName(K1, '王小'));
  assert.notEqual(hmacName(K1, '王小明'), hmacName(K2, '王小明'));
  assert.notEqual(hmacName(K1, '110101199003078515'), hmacIdNumber(K1, '110101199003078515'), 'its own derived key');
  assert.deepEqual(nameHmacs([K1, K2], '王小明'), [hmacName(K1, '王小明'), hmacName(K2, '王小明')]);
  assert.deepEqual(nameHmacs([K1], '  '), []);
});

test('masked names for lists: a person keeps the first character, a long organisation name its kind', () => {
  assert.equal(maskName('王小明', 'natural'), '王**');
  assert.equal(maskName('李四', 'natural'), '李*');
  assert.equal(maskName('王', 'natural'), '王*');
  assert.equal(maskName('朝阳市某某科技有限公司', 'commercial'), '朝阳****有限公司');
  assert.equal(maskName('某研究所', 'research'), '某***');
});
