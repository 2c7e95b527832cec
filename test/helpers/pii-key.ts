/**
 * One fixed PII key for every test process (the same as `testConfig`'s GONGKAI_PII_KEY), so cases
 * written through commands decrypt in the repository. Importing this configures it.
 */
import { configurePiiKeys } from '../../src/core/pii/crypto.ts';

export const TEST_PII_KEY = Buffer.alloc(32, 7).toString('base64');

configurePiiKeys([Buffer.from(TEST_PII_KEY, 'base64')]);
