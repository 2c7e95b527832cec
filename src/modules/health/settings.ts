/**
 * The administrator's settings of site health (health_meta key `settings`): the word lists
 * (domain/text.ts) and the external-link options (external.ts; off by default).
 */
import type { DbOrTx } from '../../core/db/index.ts';
import { DEFAULT_WORDS, type WordLists } from './domain/text.ts';
import { EXTERNAL_DEFAULTS } from './external.ts';
import { getMeta } from './store/facts.ts';

export interface HealthSettings { words: WordLists; external: boolean; externalOptions: typeof EXTERNAL_DEFAULTS }

export async function loadSettings(db: DbOrTx): Promise<HealthSettings> {
  const s = await getMeta<Partial<HealthSettings>>(db, 'settings');
  return {
    words: s?.words ?? DEFAULT_WORDS,
    external: s?.external === true,
    externalOptions: { ...EXTERNAL_DEFAULTS, ...(s?.externalOptions ?? {}) },
  };
}
