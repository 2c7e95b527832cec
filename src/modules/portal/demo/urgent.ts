/**
 * Demo only: the 疫情防控 专题 is flagged urgent (issue #11 item 6: "a 专题 can be flagged urgent and
 * shown on every home page"), so the demo's home pages carry the banner and its 发布时间线 — the
 * 疫情通报 and 防控通告 of the corpus in date order — is one click from every home page. Runs after the
 * documents' seeder (which makes the 专题): imported here first, so it is registered first.
 */
import '../../documents/demo/seed.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { setTopicUrgent } from '../commands.ts';

export const DEMO_URGENT_TOPIC = 'epidemic-prevention';
export const DEMO_URGENT_NOTE = '冬春季疫情防控：请关注每日疫情通报和防控措施调整（演示数据）';

DEMO_SEEDERS.push({
  name: 'portal',
  run: async (db, ctx, log) => {
    const t = await db.selectFrom('doc_topics').select('id').where('key', '=', DEMO_URGENT_TOPIC).where('parent_id', 'is', null).executeTakeFirst();
    if (!t) return;
    await setTopicUrgent(db, ctx, t.id, { urgent: true, note: DEMO_URGENT_NOTE });
    log(`portal: 专题 ${DEMO_URGENT_TOPIC} flagged urgent`);
  },
});
