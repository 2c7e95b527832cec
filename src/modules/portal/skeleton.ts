/**
 * The standard 政府信息公开 column skeleton (国办公开办函〔2019〕61号), the same at every unit.
 * The statutory sub-columns of 法定主动公开内容 come from the documents catalog.
 */
import type { Msg } from '../../core/render/i18n.ts';

export interface StandardColumn {
  slug: string;
  name: Msg;
  children?: StandardColumn[];
}

export function standardColumns(_unitType: string): StandardColumn[] {
  return [
    { slug: 'zn', name: { zh: '政府信息公开指南', en: 'Guide to government information' } },
    { slug: 'zd', name: { zh: '政府信息公开制度', en: 'Disclosure rules' } },
    { slug: 'fdzdgknr', name: { zh: '法定主动公开内容', en: 'Statutory proactive disclosure' } },
    { slug: 'nb', name: { zh: '政府信息公开年报', en: 'Annual reports' } },
    { slug: 'ysqgk', name: { zh: '依申请公开', en: 'Disclosure on request' } },
  ];
}
