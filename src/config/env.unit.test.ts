import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError, settingsTable, SETTINGS } from './env.ts';

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
  assert.throws(() => loadConfig({ NODE_ENV: 'production', GONGKAI_DATA_DIR: tmp() }), (e: unknown) => e instanceof ConfigError && e.problems.length === 2);
  const c = loadConfig({ NODE_ENV: 'production', GONGKAI_DATA_DIR: tmp(), SESSION_SECRET: 'x'.repeat(40), GONGKAI_PII_KEY: Buffer.alloc(32, 1).toString('base64') });
  assert.equal(c.cookieSecure, true);
  assert.equal(c.demo, false);
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
