/**
 * Demo seeders encrypt with the keys the process runs with (configured at start-up, or a test app's),
 * not with a second reading of the environment: on a test app's keys the seeded cases could not be
 * decrypted ("no configured key has id …").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { configurePiiKeys } from '../../core/pii/crypto.ts';
import { seedConfig } from './seed.ts';

test('seedConfig carries the configured PII keys, whatever the environment would generate', () => {
  process.env.GONGKAI_DATA_DIR = mkdtempSync(join(tmpdir(), 'gk-seedcfg-'));
  delete process.env.GONGKAI_PII_KEY;
  const fromEnv = seedConfig().piiKeys[0];
  const mine = randomBytes(32);
  assert.ok(!fromEnv.equals(mine));
  configurePiiKeys([mine]);
  assert.ok(seedConfig().piiKeys[0].equals(mine));
});
