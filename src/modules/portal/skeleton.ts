/**
 * The standard 政府信息公开 column skeleton (国办公开办函〔2019〕61号), the same at every unit.
 * It comes from the documents catalog (documents/domain/catalog.ts); the portal keeps its short
 * pinyin URL slugs for the five first-level columns (zn 指南, zd 制度, fdzdgknr 法定主动公开内容,
 * nb 年报, ysqgk 依申请公开) — the initials many government sites use — and the catalog's own
 * slugs below them (/u/<unit>/xxgk/fdzdgknr/plans). Optional columns (第二十一条 items of a
 * department, 基层标准目录) are left out here: a unit enables them in its column settings, and the
 * documents pages read them from the database.
 */
import type { Msg } from '../../core/render/i18n.ts';
import { catalogForUnit, UNIT_TYPES, type CatalogColumn, type UnitType } from '../documents/domain/catalog.ts';

export interface StandardColumn {
  slug: string;
  name: Msg;
  children?: StandardColumn[];
}

/** Catalog slug → portal URL slug for the first-level columns (the rest keep the catalog slug). */
export const URL_SLUG_OF: Readonly<Record<string, string>> = {
  guide: 'zn',
  rules: 'zd',
  statutory: 'fdzdgknr',
  'annual-reports': 'nb',
  'on-request': 'ysqgk',
};
export const CATALOG_SLUG_OF: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(URL_SLUG_OF).map(([k, v]) => [v, k]));

/** The catalog root ('zfxxgk') is the /u/<unit>/xxgk/ index itself. */
export const CATALOG_ROOT = 'zfxxgk';

export const urlSlug = (catalogSlug: string): string => URL_SLUG_OF[catalogSlug] ?? catalogSlug;
export const catalogSlug = (urlSlugValue: string): string => CATALOG_SLUG_OF[urlSlugValue] ?? urlSlugValue;

function toStandard(c: CatalogColumn): StandardColumn {
  const children = (c.children ?? []).filter((ch) => !ch.optional).map(toStandard);
  return { slug: urlSlug(c.slug), name: { zh: c.name.zh, en: c.name.en }, ...(children.length ? { children } : {}) };
}

export function standardColumns(unitType: string): StandardColumn[] {
  // Unknown types (none today) get a department's skeleton rather than an error page.
  const type: UnitType = (UNIT_TYPES as readonly string[]).includes(unitType) ? (unitType as UnitType) : 'department';
  return (catalogForUnit(type).children ?? []).filter((c) => !c.optional).map(toStandard);
}
