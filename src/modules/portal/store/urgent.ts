/** Reads of the urgent 专题 (migration 0965_topics_urgent): what every home page's banner shows. */
import type { DbOrTx } from '../../../core/db/index.ts';

export interface UrgentTopic {
  id: number;
  slug: string;
  name_zh: string;
  name_en: string;
  urgent: boolean;
  urgent_note: string | null;
  urgent_since: Date | null;
}

const COLS = ['id', 'slug', 'name_zh', 'name_en', 'urgent', 'urgent_note', 'urgent_since'] as const;

/** Active top-level topics flagged urgent, the most recently flagged first. */
export async function urgentTopics(db: DbOrTx): Promise<UrgentTopic[]> {
  return db.selectFrom('doc_topics').select([...COLS]).where('parent_id', 'is', null).where('active', '=', true).where('urgent', '=', true)
    .orderBy('urgent_since', 'desc').orderBy('id').execute();
}

/** Every top-level topic (the admin list), in the order of the 专题 index. */
export async function topLevelTopics(db: DbOrTx): Promise<(UrgentTopic & { active: boolean })[]> {
  return db.selectFrom('doc_topics').select([...COLS, 'active']).where('parent_id', 'is', null).orderBy('sort').orderBy('id').execute();
}
