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
import { invalid } from '../../core/http/errors.ts';
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
