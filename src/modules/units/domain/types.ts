/**
 * Kinds of unit in the site cluster and where each may sit in the tree.
 *
 * The type decides the statutory catalogue (条例 第二十条、第二十一条) and which annual report a unit
 * owes (条例 第四十九条: a government publishes the report of its area, every other organ its own), so a
 * type in the wrong place changes legal duties — the tree must follow the real organisation:
 *
 * - 宪法 第三十条: the city (设区的市) is divided into districts and counties; counties into townships
 *   (乡、民族乡、镇). The city government is the root; county/district governments sit under it;
 *   township governments under their county/district government.
 * - 《地方各级人民代表大会和地方各级人民政府组织法》: each local government sets up its working
 *   departments (工作部门), and a district or county-level city may set up 街道办事处 as its 派出机关 —
 *   so departments and other bodies hang under the government of their own level, streets under a
 *   county/district government (typed 'township' here, as the catalogue of 条例 第二十一条 treats them
 *   alike).
 * - Development zones and scenic areas (开发区、园区管委会) are 派出机构 of the city or county government
 *   that set them up (国办发〔2017〕7号), so a park sits under the city or a county government.
 * A unit may disclose in its own name when it acts externally in its own name (条例 第十条第二款).
 */
import type { Msg } from '../../../core/render/i18n.ts';

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

/** The label of one unit's type in a form or a row (singular, level-neutral). */
export const UNIT_TYPE_NAMES: Record<UnitType, Msg> = {
  city_government: { zh: '市人民政府', en: 'City government' },
  county_government: { zh: '县（市）区人民政府', en: 'County / district government' },
  department: { zh: '政府工作部门', en: 'Government department' },
  office: { zh: '其他直属单位', en: 'Other directly affiliated body' },
  township: { zh: '乡镇人民政府（街道办事处）', en: 'Township government / subdistrict office' },
  park: { zh: '园（景）区管委会', en: 'Park or scenic-area committee' },
};

export function isUnitType(s: string): s is UnitType {
  return (UNIT_TYPES as readonly string[]).includes(s);
}

/** For each type, the types its parent may have; `null` stands for "no parent" (the root). */
export const ALLOWED_PARENTS: Record<UnitType, readonly (UnitType | null)[]> = {
  city_government: [null],
  county_government: ['city_government'],
  township: ['county_government'],
  department: ['city_government', 'county_government'],
  office: ['city_government', 'county_government'],
  park: ['city_government', 'county_government'],
};

/** Whether a unit of `type` may sit under a parent of `parentType` (null = at the root). */
export function typeAllowedUnder(type: string, parentType: string | null): boolean {
  if (!isUnitType(type)) return false;
  if (parentType !== null && !isUnitType(parentType)) return false;
  return ALLOWED_PARENTS[type].includes(parentType as UnitType | null);
}

/** The types a new or edited unit may take under a parent of `parentType` (null = the root), in list order. */
export function allowedChildTypes(parentType: string | null): UnitType[] {
  return UNIT_TYPES.filter((t) => typeAllowedUnder(t, parentType));
}

/** The message for a type that may not sit where it was put, naming what may. */
export function placementError(type: string, parentType: string | null): Msg {
  const t = isUnitType(type) ? UNIT_TYPE_NAMES[type] : { zh: type, en: type };
  const allowed = allowedChildTypes(parentType);
  const under = parentType === null ? { zh: '最上级（根）', en: 'the root' } : isUnitType(parentType) ? UNIT_TYPE_NAMES[parentType] : { zh: parentType, en: parentType };
  const list = allowed.length
    ? { zh: `只能设立：${allowed.map((a) => UNIT_TYPE_NAMES[a].zh).join('、')}`, en: `only these may: ${allowed.map((a) => UNIT_TYPE_NAMES[a].en).join(', ')}` }
    : { zh: '其下不能设立下级单位', en: 'no unit may sit under it' };
  return {
    zh: `“${t.zh}”不能设在${parentType === null ? '' : '“'}${under.zh}${parentType === null ? '' : '”之下'}；${list.zh}`,
    en: `A ${t.en.toLowerCase()} cannot sit ${parentType === null ? 'at' : 'under a'} ${under.en.toLowerCase()}; ${list.en}`,
  };
}
