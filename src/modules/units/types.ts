import type { Msg } from '../../core/render/i18n.ts';

/** Kinds of unit in the site cluster. The type decides the statutory catalog (条例 第二十条、第二十一条). */
export const UNIT_TYPES = ['city_government', 'county_government', 'department', 'office', 'township', 'park'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UNIT_TYPE_LABELS: Record<UnitType, Msg> = {
  city_government: { zh: '市人民政府', en: 'City government' },
  county_government: { zh: '县（市）区人民政府', en: 'County / district governments' },
  department: { zh: '市政府部门', en: 'Government departments' },
  office: { zh: '市直单位', en: 'Other municipal bodies' },
  township: { zh: '乡镇（街道）', en: 'Townships and subdistricts' },
  park: { zh: '园（景）区管委会', en: 'Park and scenic-area committees' },
};

export function isUnitType(s: string): s is UnitType {
  return (UNIT_TYPES as readonly string[]).includes(s);
}
