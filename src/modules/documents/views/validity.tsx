/**
 * The validity notice above a document that is not (or not yet) in force. 规范性文件 carry their
 * 有效性 (国办发〔2018〕37号 《关于加强行政规范性文件制定和监督管理工作的通知》: 有效期, 定期清理,
 * 及时公布失效、废止的文件); a citizen must not take a repealed or expired rule for the law — the
 * metadata value alone is easy to miss.
 */
import type { ComponentChildren } from 'preact';
import { t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate, type Msg } from '../../../core/render/i18n.ts';

const TEXT: Record<string, Msg> = {
  repealed: { zh: '本文件已废止，不再执行，内容仅供查阅。', en: 'This document has been repealed and no longer applies; it is kept for reference.' },
  expired: { zh: '本文件已失效，不再执行，内容仅供查阅。', en: 'This document has expired and no longer applies; it is kept for reference.' },
  amended: { zh: '本文件已被修改，请以修改后的规定为准。', en: 'This document has been amended; the amended text applies.' },
  not_yet_effective: { zh: '本文件尚未施行。', en: 'This document is not yet in force.' },
};

export function ValidityNotice(p: { c: ViewContext; validity: string | null; effectiveDate: string | null; expiryDate: string | null; link?: ComponentChildren }) {
  const text = p.validity ? TEXT[p.validity] : undefined;
  if (!text) return null;
  const T = t(p.c);
  return (
    <p class="warn validity-banner" role="note">
      <strong>{T(text)}</strong>
      {p.validity === 'expired' && p.expiryDate ? T({ zh: '失效日期：{d}。', en: ' Expired on {d}.' }, { d: formatDate(p.c.l, p.expiryDate) }) : null}
      {p.validity === 'not_yet_effective' && p.effectiveDate ? T({ zh: '施行日期：{d}。', en: ' In force from {d}.' }, { d: formatDate(p.c.l, p.effectiveDate) }) : null}
      {p.link ? <>{T({ zh: '见：', en: ' See: ' })}{p.link}</> : null}
    </p>
  );
}
