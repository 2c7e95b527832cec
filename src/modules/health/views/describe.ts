/** A finding in words (zh-CN / English), from its kind and detail. */
import type { Msg } from '../../../core/render/i18n.ts';

export const KIND_NAMES: Record<string, Msg> = {
  link: { zh: '站内链接失效', en: 'Broken internal link' },
  link_external: { zh: '外部链接失效', en: 'Broken external link' },
  column_stale: { zh: '栏目未按期更新', en: 'Column not updated in time' },
  column_empty: { zh: '空白栏目', en: 'Empty column' },
  home_stale: { zh: '首页两周未更新', en: 'Home page not updated for 2 weeks' },
  metadata: { zh: '元数据不全', en: 'Metadata missing' },
  interpretation: { zh: '政策文件未发布解读', en: 'Policy without interpretation' },
  message_overdue: { zh: '留言超期未答复', en: 'Message past its answer deadline' },
  typo: { zh: '疑似错别字', en: 'Possible typo' },
  sensitive: { zh: '敏感词或占位文字', en: 'Sensitive word or placeholder' },
  a11y: { zh: '无障碍问题', en: 'Accessibility issue' },
};

const A11Y: Record<string, Msg> = {
  'img-alt': { zh: '图片缺少替代文字（alt）', en: 'image without alt text' },
  'empty-link': { zh: '链接没有文字', en: 'link without text' },
  'heading-order': { zh: '标题层级跳级', en: 'heading levels skipped' },
  'empty-heading': { zh: '空标题', en: 'empty heading' },
  'table-header': { zh: '表格没有表头', en: 'table without header cells' },
};
const FIELDS: Record<string, string> = { index_no: '索引号', title: '标题', publish_date: '发布日期', issuer: '发文机关', topic_code: '主题分类', doc_number: '文号', written_date: '成文日期', validity: '有效性' };

export function describe(kind: string, d: Record<string, unknown>): Msg {
  const s = (k: string) => String(d[k] ?? '');
  switch (kind) {
    case 'link': case 'link_external': return { zh: `《${s('title')}》中的链接 ${s('href')} 无法打开（${s('verdict')}）`, en: `“${s('title')}” links to ${s('href')}, which does not open (${s('verdict')})` };
    case 'column_stale': return { zh: `栏目“${s('column')}”自 ${s('since') || '开设以来'} 未更新（要求 ${s('days')} 天内）`, en: `Column “${s('column')}” not updated since ${s('since') || 'it opened'} (period ${s('days')} days)` };
    case 'column_empty': return { zh: `栏目“${s('column')}”没有信息`, en: `Column “${s('column')}” is empty` };
    case 'home_stale': return { zh: `本单位网站最近发布：${s('since') || '无'}`, en: `Last publication on the unit’s site: ${s('since') || 'none'}` };
    case 'metadata': return { zh: `《${s('title')}》缺少：${(d.fields as string[]).map((f) => FIELDS[f] ?? f).join('、')}`, en: `“${s('title')}” lacks: ${(d.fields as string[]).join(', ')}` };
    case 'interpretation': return { zh: `《${s('title')}》应于 ${s('due')} 前发布解读`, en: `“${s('title')}”: interpretation due by ${s('due')}` };
    case 'message_overdue': return { zh: `留言 ${s('tracking_no')} 应于 ${s('due')} 前答复`, en: `Message ${s('tracking_no')} was due on ${s('due')}` };
    case 'typo': return { zh: `《${s('title')}》中“${s('word')}”应为“${s('right')}”（${s('count')} 处）：…${s('context')}…`, en: `“${s('title')}”: “${s('word')}” should be “${s('right')}” (${s('count')}×)` };
    case 'sensitive': return { zh: `《${s('title')}》含“${s('word')}”（${s('count')} 处）：…${s('context')}…`, en: `“${s('title')}” contains “${s('word')}” (${s('count')}×)` };
    case 'a11y': { const m = A11Y[s('issue')] ?? { zh: s('issue'), en: s('issue') }; return { zh: `《${s('title')}》：${m.zh}（${s('count')} 处）`, en: `“${s('title')}”: ${m.en} (${s('count')}×)` }; }
    default: return { zh: kind, en: kind };
  }
}

/** Where staff fix it. */
export function fixHref(subjectType: string, id: number | null): string | null {
  if (id === null) return null;
  if (subjectType === 'document') return `/admin/documents/${id}`;
  if (subjectType === 'message') return `/admin/messages/${id}`;
  return null;
}
