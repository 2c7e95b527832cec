import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig, ConfigError, settingsTable, SETTINGS, parseTrustProxy } from './env.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'gk-cfg-'));

test('defaults: port 3000, dual-stack host, embedded database, demo on', () => {
  const c = loadConfig({ GONGKAI_DATA_DIR: tmp() });
  assert.equal(c.port, 3000);
  assert.equal(c.host, '::');
  assert.equal(c.databaseUrl, null);
  assert.equal(c.demo, true);
  assert.equal(c.cookieSecure, false);
  assert.equal(c.piiKeys[0].length, 32);
});

test('development secrets are generated once into the data dir and reused', () => {
  const dir = tmp();
  const a = loadConfig({ GONGKAI_DATA_DIR: dir });
  const b = loadConfig({ GONGKAI_DATA_DIR: dir });
  assert.ok(existsSync(join(dir, '.session-secret')));
  assert.equal(a.sessionSecret, b.sessionSecret);
  assert.deepEqual(a.piiKeys[0], b.piiKeys[0]);
});

test('every bad variable is reported at once', () => {
  try {
    loadConfig({ GONGKAI_DATA_DIR: tmp(), PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', GONGKAI_SITE_ID_CODE: '12', GONGKAI_DEMO: 'maybe', GONGKAI_PII_KEY: 'short' });
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    const names = e.problems.map((p) => p.split('=')[0]);
    assert.deepEqual(names.sort(), ['DATABASE_URL', 'GONGKAI_DEMO', 'GONGKAI_PII_KEY', 'GONGKAI_SITE_ID_CODE', 'LOG_LEVEL', 'PORT'].sort());
    assert.match(e.message, /PORT="eighty": must be an integer/);
  }
});

test('production requires explicit secrets and turns on secure cookies', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production', GONGKAI_DATA_DIR: tmp() }), (e: unknown) => e instanceof ConfigError && e.problems.length === 3);
  const c = loadConfig({ NODE_ENV: 'production', GONGKAI_DATA_DIR: tmp(), SESSION_SECRET: randomBytes(36).toString('base64'), GONGKAI_PII_KEY: randomBytes(32).toString('base64'), GONGKAI_AUDIT_KEY: randomBytes(32).toString('base64') });
  assert.equal(c.cookieSecure, true);
  assert.equal(c.demo, false);
  assert.equal(c.hstsIncludeSubDomains, false, 'HSTS stays on this host unless asked');
  assert.equal(loadConfig({ GONGKAI_DATA_DIR: tmp(), HSTS_INCLUDE_SUBDOMAINS: 'true' }).hstsIncludeSubDomains, true);
});

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig({ GONGKAI_DATA_DIR: tmp(), ...env });
    return [];
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.problems;
  }
};

test('production refuses weak secrets (audit F12), listing every problem; development does not judge them', () => {
  const zeros = Buffer.alloc(32, 0).toString('base64');
  const p = problemsOf({ NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(32), GONGKAI_PII_KEY: zeros, GONGKAI_AUDIT_KEY: randomBytes(32).toString('base64') });
  assert.equal(p.length, 2, p.join('\n'));
  assert.match(p[0], /^SESSION_SECRET: looks too regular/);
  assert.match(p[1], /^GONGKAI_PII_KEY: the current \(first\) key is not random/);
  for (const weak of ['test-secret-test-secret-test-secret-0123', 'abcdefghijklmnopqrstuvwxyz012345', 'changeme-changeme-changeme-changeme']) {
    assert.match(problemsOf({ NODE_ENV: 'production', SESSION_SECRET: weak, GONGKAI_PII_KEY: randomBytes(32).toString('base64'), GONGKAI_AUDIT_KEY: randomBytes(32).toString('base64') }).join(), /SESSION_SECRET/, weak);
  }
  const pattern = Buffer.from(Array.from({ length: 32 }, (_, i) => i % 4)).toString('base64');
  assert.match(problemsOf({ NODE_ENV: 'production', SESSION_SECRET: randomBytes(36).toString('base64'), GONGKAI_PII_KEY: pattern, GONGKAI_AUDIT_KEY: randomBytes(32).toString('base64') }).join(), /GONGKAI_PII_KEY/);
  // random values pass: 32 hex digits, base64 of 24+ bytes; an old weak key may follow the current one
  for (let i = 0; i < 20; i++) {
    assert.deepEqual(problemsOf({ NODE_ENV: 'production', SESSION_SECRET: randomBytes(16).toString('hex'), GONGKAI_PII_KEY: `${randomBytes(32).toString('base64')},${zeros}`, GONGKAI_AUDIT_KEY: randomBytes(32).toString('base64') }), []);
  }
  assert.deepEqual(problemsOf({ NODE_ENV: 'development', SESSION_SECRET: 'a'.repeat(32), GONGKAI_PII_KEY: zeros }), []);
  // the audit key is judged like the PII key: an all-zero current key is refused in production
  assert.match(problemsOf({ NODE_ENV: 'production', SESSION_SECRET: randomBytes(36).toString('base64'), GONGKAI_PII_KEY: randomBytes(32).toString('base64'), GONGKAI_AUDIT_KEY: zeros }).join(), /GONGKAI_AUDIT_KEY: the current \(first\) key is not random/);
});

test('a configuration error never repeats a secret: keys, passwords and URLs that may carry one are hidden', () => {
  // an operator's real key cut short in a copy and paste, a real password that fails the rule, URLs with passwords
  const key = randomBytes(32).toString('base64');
  const env = {
    NODE_ENV: 'production', SESSION_SECRET: 'Sh0rt-but-real-s3cret', GONGKAI_PII_KEY: key.slice(0, 40), GONGKAI_AUDIT_KEY: key.slice(0, 30),
    GONGKAI_ADMIN_PASSWORD: 'Password123!', DATABASE_URL: 'mysql://gk:Hunter2-db-pass@db/gk', SMTP_URL: 'ftp://mail:Smtp-pass-99@mx',
  };
  const p = problemsOf(env);
  for (const name of ['SESSION_SECRET', 'GONGKAI_PII_KEY', 'GONGKAI_AUDIT_KEY', 'GONGKAI_ADMIN_PASSWORD', 'DATABASE_URL', 'SMTP_URL']) {
    assert.ok(p.some((x) => x.startsWith(`${name}=(value hidden, `)), `${name} is reported without its value:\n${p.join('\n')}`);
  }
  const all = p.join('\n');
  for (const secret of [key.slice(0, 12), 'Sh0rt-but-real', 'Password123', 'Hunter2', 'Smtp-pass']) assert.ok(!all.includes(secret), `${secret} leaked:\n${all}`);
  // ordinary settings still show what was given
  assert.match(problemsOf({ PORT: 'eighty' }).join(), /PORT="eighty"/);
});

test('GONGKAI_ADMIN_PASSWORD must pass the password rule', () => {
  assert.match(problemsOf({ GONGKAI_ADMIN_PASSWORD: 'Password123!' }).join(), /GONGKAI_ADMIN_PASSWORD=.*too easy to guess/);
  assert.deepEqual(problemsOf({ GONGKAI_ADMIN_PASSWORD: 'Lantern-Tea-47!' }), []);
});

test('TRUST_PROXY: false, a hop count or proxy addresses/CIDRs; true is refused with what to use instead', () => {
  assert.equal(loadConfig({ GONGKAI_DATA_DIR: tmp() }).trustProxy, false);
  assert.equal(loadConfig({ GONGKAI_DATA_DIR: tmp(), TRUST_PROXY: '2' }).trustProxy, 2);
  assert.deepEqual(loadConfig({ GONGKAI_DATA_DIR: tmp(), TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1' }).trustProxy, ['10.0.0.5', '10.0.1.0/24', '::1']);
  const t = problemsOf({ TRUST_PROXY: 'true' });
  assert.equal(t.length, 1);
  assert.match(t[0], /^TRUST_PROXY="true": true would trust every X-Forwarded-For hop.*number of proxies.*\(e\.g\. 1\).*10\.0\.0\.0\/24/);
  for (const bad of ['0.5', '11', '10.0.0.300', '10.0.0.0/33', 'proxy.example', '10.0.0.1/24/1']) assert.ok('error' in parseTrustProxy(bad), bad);
  assert.deepEqual(parseTrustProxy('no'), { value: false });
});

test('the audit key: required in production, generated for development, kept outside the database', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production', GONGKAI_DATA_DIR: tmp(), SESSION_SECRET: randomBytes(36).toString('base64'), GONGKAI_PII_KEY: randomBytes(32).toString('base64') }),
    (e: unknown) => e instanceof ConfigError && e.problems.length === 1 && /GONGKAI_AUDIT_KEY: required in production/.test(e.problems[0]),
  );
  assert.throws(() => loadConfig({ GONGKAI_DATA_DIR: tmp(), GONGKAI_AUDIT_KEY: 'short' }), (e: unknown) => e instanceof ConfigError && /GONGKAI_AUDIT_KEY/.test(e.problems[0]));
  const dir = tmp();
  const a = loadConfig({ GONGKAI_DATA_DIR: dir });
  assert.ok(existsSync(join(dir, '.audit-key')));
  assert.deepEqual(loadConfig({ GONGKAI_DATA_DIR: dir }).auditKeys, a.auditKeys);
  assert.equal(a.auditAnchorDir, join(dir, 'audit'));
  const k1 = Buffer.alloc(32, 1).toString('base64');
  const k2 = Buffer.alloc(32, 2).toString('base64');
  const c = loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_AUDIT_KEY: `${k2},${k1}`, GONGKAI_AUDIT_ANCHOR_DIR: '/var/lib/gongkai-anchor' });
  assert.deepEqual(c.auditKeys.map((k) => k[0]), [2, 1]);
  assert.equal(c.auditAnchorDir, '/var/lib/gongkai-anchor');
});

test('PII keys rotate: a comma-separated list keeps old keys for decryption', () => {
  const k1 = Buffer.alloc(32, 1).toString('base64');
  const k2 = Buffer.alloc(32, 2).toString('base64');
  const c = loadConfig({ GONGKAI_DATA_DIR: tmp(), GONGKAI_PII_KEY: `${k2},${k1}` });
  assert.equal(c.piiKeys.length, 2);
  assert.equal(c.piiKeys[0][0], 2);
});

test('the settings table documents every variable', () => {
  const t = settingsTable();
  for (const s of SETTINGS) assert.ok(t.includes('`' + s.name + '`'), s.name);
});
