/**
 * The site footer every public page carries, and where its settings come from.
 *
 * 《政府网站发展指引》(国办发〔2017〕47号) asks every government website to show in its footer the
 * 党政机关网站标识, 网站标识码, the ICP 备案号 and 公安机关备案号, the 主办单位 and its contacts, a
 * 网站地图 and a way to report errors (the State Council's 我为政府网站找错 service). A system
 * admin edits these in the database (portal module, /admin/portal/settings); the holder below
 * keeps the current values in memory and re-reads them at most every `maxAgeMs`, so each app node
 * shows a change within seconds without a query per page.
 */
import type { Locale } from './i18n.ts';

export interface SiteFooter {
  /** 主办单位 */
  sponsor: string;
  contactAddress: string;
  contactPhone: string;
  contactEmail: string;
  /** ICP备案号, e.g. 辽ICP备00000000号 ('' = not shown) */
  icpNo: string;
  /** 公安机关备案号, e.g. 辽公网安备00000000000000号 ('' = not shown) */
  psbNo: string;
  /** the 我为政府网站找错 address ('' = not shown) */
  findErrorUrl: string;
  /** where the 党政机关网站标识 links (its registration page) ('' = the image is not shown) */
  conacUrl: string;
  /** same-site address of the 党政机关网站标识 image */
  conacImage: string;
}

/** Fictional defaults: a demo site must not claim somebody's real registration numbers. */
export function defaultFooter(siteName: string, siteIdCode = ''): SiteFooter {
  return {
    sponsor: `${siteName}办公室`,
    contactAddress: '朝阳市双塔区朝阳大街1号（演示地址）',
    contactPhone: '0421-0000000',
    contactEmail: 'webmaster@example.org',
    icpNo: '辽ICP备00000000号',
    psbNo: '辽公网安备00000000000000号',
    findErrorUrl: `https://zhaocuo.example.org/check?site=${encodeURIComponent(siteIdCode)}`,
    conacUrl: 'https://conac.example.org/site?id=0000000000',
    conacImage: '/static/conac-demo.svg',
  };
}

export class FooterSource {
  current: SiteFooter;
  private loadedAt = 0;
  private inflight: Promise<void> | null = null;
  loader: (() => Promise<SiteFooter>) | null = null;
  constructor(initial: SiteFooter, readonly maxAgeMs = 2000, private onError: (err: unknown) => void = () => {}) {
    this.current = initial;
  }

  /** Replaces the values at once (after this node saved them). */
  set(v: SiteFooter): void {
    this.current = v;
    this.loadedAt = Date.now();
  }

  /** Re-reads the settings if they are older than maxAgeMs; a failed read keeps the last values. */
  async fresh(): Promise<void> {
    if (!this.loader || Date.now() - this.loadedAt < this.maxAgeMs) return;
    this.inflight ??= this.loader()
      .then((v) => this.set(v))
      .catch((err) => {
        this.loadedAt = Date.now(); // do not hammer a failing database
        this.onError(err);
      })
      .finally(() => (this.inflight = null));
    await this.inflight;
  }
}

/** The 公安 record number's digits, for the 全国互联网安全管理服务平台 lookup link. */
export const psbDigits = (no: string) => /(\d{14})/.exec(no)?.[1] ?? '';

export function FooterLinks(p: { l: Locale; f: SiteFooter }) {
  const en = p.l === 'en';
  const items: [string, string, boolean][] = [
    ['/sitemap', en ? 'Site map' : '网站地图', false],
    ['/contact', en ? 'Contact us' : '联系我们', false],
  ];
  if (p.f.findErrorUrl) items.push([p.f.findErrorUrl, en ? 'Report an error on this site' : '我为政府网站找错', true]);
  return (
    <ul class="footer-links">
      {items.map(([href, label, ext]) => <li><a href={href} rel={ext ? 'noopener' : undefined}>{label}</a></li>)}
    </ul>
  );
}
