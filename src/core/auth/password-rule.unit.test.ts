import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passwordProblems, weakKeyProblem, weakSecretProblem } from './password-rule.ts';

test('the audit’s weak passwords (they meet length and classes) are refused, with the reason in both languages', () => {
  const cases: [string, RegExp][] = [
    ['Password12', /常见密码/],
    ['Password123!', /常见密码/],
    ['Qwerty12345', /常见密码/],
    ['AAAAAAAAAa1', /重复/],
    ['ZAQ!2wsxCDE#', /太容易被猜中/],
    ['P@ssw0rd2024', /常见密码/],
    ['Admin@12345', /常见密码/],
  ];
  for (const [pw, why] of cases) {
    const p = passwordProblems(pw, 'someone');
    assert.ok(p, pw);
    assert.match(p.zh, why, pw);
    assert.match(p.en, /too easy to guess/, pw);
  }
});

test('the length/class rule stays, and the user’s own name or words are not a password', () => {
  assert.match(passwordProblems('Ab1!', 'u')!.zh, /至少需要 10 个字符/);
  assert.match(passwordProblems('alllowercaseletters', 'u')!.zh, /至少三类/);
  assert.match(passwordProblems('Zhangwei-Pass1!', 'zhangwei')!.zh, /不能包含用户名/);
  assert.match(passwordProblems('Wangfang-2024!', 'wf01', ['Wang Fang'])!.zh, /含有用户名、姓名或本站名称/);
  assert.equal(passwordProblems('Wangfang-2024!', 'wf01'), null, 'the same password for someone else');
});

test('strong passwords pass', () => {
  for (const pw of ['Lantern-Tea-47!', 'Hijacked-Pass-42!', 'Copper-Kettle-88#', 'Gk-' + 'x7Qp2LmZ9rT4vW8y' + '9']) assert.equal(passwordProblems(pw, 'someone'), null, pw);
});

test('secrets: regular or patterned values are weak, random ones are not', () => {
  assert.ok(weakSecretProblem('a'.repeat(32)));
  assert.ok(weakSecretProblem('abcdefghijklmnopqrstuvwxyz012345'));
  assert.equal(weakSecretProblem('Jq3v9KxP0zL7mN2sR8tW4yB6cD1fG5hA'), null);
  assert.ok(weakKeyProblem(Buffer.alloc(32)));
  assert.ok(weakKeyProblem(Buffer.from('01234567'.repeat(4))));
  assert.equal(weakKeyProblem(Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256))), null);
});
