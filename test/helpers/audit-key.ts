/**
 * One fixed audit key for every test process and the CLI children they start, so rows written
 * in-process verify in `gongkai audit verify` and the other way round. Importing this configures it.
 */
import { configureAudit } from '../../src/core/audit/index.ts';

export const TEST_AUDIT_KEY = Buffer.alloc(32, 11).toString('base64');

configureAudit({ keys: [Buffer.from(TEST_AUDIT_KEY, 'base64')], anchorDir: null });
