/**
 * Scopes of calendar entries: 'national' (the State Council's notice, 全国年节及纪念日放假办法 第二条、
 * 第六条、第七条) or 'county:<division code>' (a county's local ethnic holidays, 第四条 — e.g. 喀左县,
 * 211324). Shown to people as "全国" or "喀左县（211324）", never as the stored key.
 */
import type { Msg } from '../../../core/render/i18n.ts';

export const SCOPE_PATTERN = /^(national|county:\d{6})$/;

/** A county the calendar can be scoped to: its government unit's division code and short place name. */
export interface CountyOption {
  code: string;
  place: string;
  path: string;
}

/** "喀左县政府" → "喀左县"; "朝阳市双塔区人民政府" → "朝阳市双塔区". */
export function placeName(unit: { short_name: string; name: string }): string {
  const s = unit.short_name.replace(/(人民)?政府$/, '');
  return s || unit.name.replace(/人民政府$/, '');
}

export function scopeLabel(scope: string, counties: readonly CountyOption[]): Msg {
  if (scope === 'national') return { zh: '全国', en: 'National' };
  const code = scope.startsWith('county:') ? scope.slice('county:'.length) : scope;
  const c = counties.find((x) => x.code === code);
  return c ? { zh: `${c.place}（${code}）`, en: `${c.place} (${code})` } : { zh: `县级（${code}）`, en: `County (${code})` };
}
