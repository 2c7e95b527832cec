/** Reading the footer settings row (store/migrations.ts 0960); defaults where there is none. */
import type { DbOrTx } from '../../../core/db/index.ts';
import { defaultFooter, type SiteFooter } from '../../../core/render/site-footer.tsx';

/** The same-site address of an uploaded 党政机关网站标识 (a new upload gets a new address). */
export const conacImageHref = (sha256: string) => `/site-assets/conac?v=${sha256.slice(0, 16)}`;

export async function loadFooter(db: DbOrTx, site: { siteName: string; siteIdCode: string }): Promise<SiteFooter> {
  const d = defaultFooter(site.siteName, site.siteIdCode);
  const r = await db.selectFrom('portal_settings')
    .select(['sponsor', 'contact_address', 'contact_phone', 'contact_email', 'icp_no', 'psb_no', 'find_error_url', 'conac_url', 'conac_sha256'])
    .where('id', '=', 1).executeTakeFirst();
  if (!r) return d;
  return {
    sponsor: r.sponsor, contactAddress: r.contact_address, contactPhone: r.contact_phone, contactEmail: r.contact_email,
    icpNo: r.icp_no, psbNo: r.psb_no, findErrorUrl: r.find_error_url, conacUrl: r.conac_url,
    conacImage: r.conac_sha256 ? conacImageHref(r.conac_sha256) : d.conacImage,
  };
}

export async function conacImage(db: DbOrTx): Promise<{ mime: string; data: Uint8Array; sha256: string } | undefined> {
  const r = await db.selectFrom('portal_settings').select(['conac_mime', 'conac_data', 'conac_sha256']).where('id', '=', 1).executeTakeFirst();
  return r?.conac_mime && r.conac_data && r.conac_sha256 ? { mime: r.conac_mime, data: r.conac_data, sha256: r.conac_sha256 } : undefined;
}
