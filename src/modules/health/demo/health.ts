/**
 * Demo: a site check of the demo city as of the day after its latest publication (its documents are
 * from 2020, so a check as of today would find every column stale), one fictional typo planted in a
 * published demo notice so the 错别字 check has something real to show, and one work order in progress
 * (assigned to the 司法局 editor).
 */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { runCheck } from '../run.ts';
import { moveOrder } from '../commands.ts';

export async function seedHealth(db: Db, ctx: CommandContext, log: (s: string) => void): Promise<void> {
  const last = (await db.selectFrom('documents').where('status', '=', 'published').select(sql<string | null>`(max(publish_date) + 1)::text`.as('d')).executeTakeFirst())?.d;
  if (!last) return;
  const sfj = await db.selectFrom('units').where('slug', '=', 'sfj').select('id').executeTakeFirst();
  if (sfj) {
    const doc = await db.selectFrom('documents').where('unit_id', '=', sfj.id).where('status', '=', 'published').where('legal_form', '=', 'none').select(['id', 'body_html', 'body_text']).orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (doc) {
      const line = '<p>截止目前，全市已签定法律顾问服务协议126份（演示数据）。</p>';
      await db.updateTable('documents').set({ body_html: doc.body_html + line, body_text: doc.body_text + '\n截止目前，全市已签定法律顾问服务协议126份（演示数据）。' }).where('id', '=', doc.id).execute();
    }
  }
  const r = await runCheck(db, ctx, { trigger: 'demo', asOf: last, ownHosts: [] });
  const editor = await db.selectFrom('users').where('username', '=', 'sfj.editor').select('id').executeTakeFirst();
  const order = sfj ? await db.selectFrom('health_orders as o').innerJoin('health_findings as f', 'f.id', 'o.finding_id').where('o.unit_id', '=', sfj.id).where('f.kind', '=', 'typo').select('o.id').orderBy('o.id').limit(1).executeTakeFirst() : undefined;
  if (order && editor) await moveOrder(db, ctx, order.id, 'assign', { assignee: String(editor.id), note: '请核改错别字后标记已整改（演示）' });
  log(`  网站检查：${r.findings.length} 项问题，${r.sites.filter((s) => s.score.verdict === 'fail').length} 个网站不合格（检查日期 ${last}）`);
}

DEMO_SEEDERS.push({ name: 'health', run: seedHealth });
