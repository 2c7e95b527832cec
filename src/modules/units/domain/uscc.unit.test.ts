import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidUscc, makeUscc, orgCodeCheckChar, unitCodeProblem, usccCheckChar } from './uscc.ts';

test('check character of a known-good 统一社会信用代码 pattern', () => {
  // 91350100M000100Y43 is the worked example printed in GB 32100-2015 explanations.
  assert.equal(usccCheckChar('91350100M000100Y4'), '3');
  assert.equal(isValidUscc('91350100M000100Y43'), true);
  assert.equal(isValidUscc('91350100M000100Y44'), false);
});

test('GB 11714 organisation-code check', () => {
  // D2143569-? : 13*3+2*7+1*9+4*10+3*5+5*8+6*4+9*2 = 39+14+9+40+15+40+24+18 = 199; 199 % 11 = 1; 11-1 = 10 → X
  assert.equal(orgCodeCheckChar('D2143569'), 'X');
});

test('makeUscc builds codes that validate, for every division of the demo city', () => {
  for (const div of ['211300', '211302', '211303', '211321', '211322', '211324', '211381', '211382']) {
    const c = makeUscc(div, 'MB0012' + div.slice(4));
    assert.equal(c.length, 18);
    assert.ok(isValidUscc(c), c);
  }
});

test('unit code problems', () => {
  assert.equal(unitCodeProblem('ZYZX01'), null);
  assert.equal(unitCodeProblem('ab'), 'format');
  assert.equal(unitCodeProblem('朝阳市'), 'format');
  assert.equal(unitCodeProblem('91350100M000100Y44'), 'checksum');
  assert.equal(unitCodeProblem('91350100M000100Y43'), null);
});
