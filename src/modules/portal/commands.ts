/**
 * Commands of the portal module.
 *   savePortalSettings(db, ctx, raw, image?) → SiteFooter   rule portal.settings (system admin);
 *     422 invalid with fields on bad input (nothing written); audit 'settings.portal.update'
 *     naming the fields that changed. An image replaces the 党政机关网站标识; remove_image=1 returns
 *     to the default.
 */
import { createHash } from 'node:crypto';
import { inTransaction, type Db } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { invalid, notFound } from '../../core/http/errors.ts';
import type { Msg } from '../../core/render/i18n.ts';
import type { SiteFooter } from '../../core/render/site-footer.tsx';
import './policy.ts';
import { FORM_FIELDS, imageError, imageType, validateSettings } from './domain/settings.ts';
import { loadFooter } from './store/settings.ts';

export async function savePortalSettings(db: Db, ctx: CommandContext, site: { siteName: string; siteIdCode: string }, raw: Record<string, unknown>, image?: Uint8Array | null): Promise<SiteFooter> {
  authorize(ctx, 'portal.settings', null);
  const { value, errors } = validateSettings(raw);
  const imgErr: Msg | null = image?.length ? imageError(image) : null;
  if (imgErr) errors.conac_image = imgErr;
  if (Object.keys(errors).length) throw invalid(errors);
  const removeImage = raw.remove_image === '1' && !image?.length;
  return inTransaction(db, async (tx) => {
    const before = await loadFooter(tx, site);
    const img = image?.length ? { conac_mime: imageType(image)!, conac_data: image, conac_sha256: createHash('sha256').update(image).digest('hex') } : removeImage ? { conac_mime: null, conac_data: null, conac_sha256: null } : {};
    const row = { ...value, ...img, updated_at: new Date(), updated_by: ctx.audit.name };
    await tx.insertInto('portal_settings').values({ id: 1, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    const after = await loadFooter(tx, site);
    const changed = (Object.entries(FORM_FIELDS) as [string, keyof SiteFooter][]).filter(([, k]) => before[k] !== after[k]).map(([f]) => f);
    if (img.conac_mime !== undefined) changed.push('conac_image');
    await recordAudit(tx, ctx.audit, { action: 'settings.portal.update', unitId: null, subjectType: 'setting', subjectId: null, summary: { fields: changed.join(', ') || '—' } });
    return after;
  });
}

export const URGENT_NOTE_MAX = 200;

/**
 * setTopicUrgent(db, ctx, topicId, { urgent, note }) — rule document.topics.manage (system admin);
 * top-level 专题 only (404 otherwise); note at most 200 characters (422 naming `note`, nothing
 * written); audit 'document.topic.urgent'. The caller clears the public page cache after commit
 * (every home page shows the banner).
 */
export async function setTopicUrgent(db: Db, ctx: CommandContext, topicId: number, input: { urgent: boolean; note?: string | null }): Promise<void> {
  authorize(ctx, 'document.topics.manage', null);
  const note = (input.note ?? '').trim();
  if ([...note].length > URGENT_NOTE_MAX) {
    throw invalid({ note: { zh: `说明不能超过 ${URGENT_NOTE_MAX} 个字`, en: `Note: at most ${URGENT_NOTE_MAX} characters` } });
  }
  await inTransaction(db, async (tx) => {
    const topic = await tx.selectFrom('doc_topics').select(['id', 'key', 'urgent', 'urgent_since']).where('id', '=', topicId).where('parent_id', 'is', null).forUpdate().executeTakeFirst();
    if (!topic) throw notFound({ zh: '专题', en: 'topic' });
    const since = input.urgent ? (topic.urgent && topic.urgent_since ? topic.urgent_since : new Date()) : null;
    await tx.updateTable('doc_topics').set({ urgent: input.urgent, urgent_note: input.urgent && note ? note : null, urgent_since: since }).where('id', '=', topicId).execute();
    await recordAudit(tx, ctx.audit, { action: 'document.topic.urgent', unitId: null, subjectType: 'doc_topic', subjectId: topicId, summary: { key: topic.key, state: input.urgent ? '紧急关注' : '取消紧急关注', note: note || '—' } });
  });
}
