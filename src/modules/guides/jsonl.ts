/**
 * JSON Lines of the 办事指南 and 一件事 bundles (docs/guides-agency-media-format.md): one record a line,
 *   {"type":"guide","unit":"<统一社会信用代码>","status":"published","kind":"licensing","code":"…","name":"…",
 *    "basis":"…", … the ten elements …, "time_limit":"…","online_url":"…"}
 *   {"type":"bundle","unit":"…","name":"…","description":"…","guides":[{"unit":"…","code":"…","name":"…"}]}
 * A guide is known within its unit by its code, or by its name when it has none; a bundle by its name.
 * Import checks every line first and writes nothing when one is bad; then each guide is saved through
 * `saveGuide` (new guides are drafts, existing ones keep their state) and, with `publish`, brought to
 * the line's status through `setGuideStatus` (published needs the ten elements, 条例 第二十条第五项).
 */
import type { Db } from '../../core/db/index.ts';
import type { CommandContext } from '../../core/commands/context.ts';
import { notFound } from '../../core/http/errors.ts';
import type { Msg } from '../../core/render/i18n.ts';
import { jsonLines, NOT_AN_OBJECT, type LineError } from '../../core/jsonl.ts';
import { unitByCode } from '../units/repository.ts';
import { saveBundle, saveGuide, setGuideStatus } from './commands.ts';
import { ELEMENTS, STATUSES, validateBundle, validateGuide, type Status } from './domain/rules.ts';
import { bundleById, listBundles, listGuides, type GuideRow } from './store/queries.ts';

export const GUIDE_FIELDS = ['kind', 'code', ...ELEMENTS, 'time_limit', 'online_url'] as const;

const keyOf = (unit: string, g: { code: string; name: string }) => `${unit}/${g.code ? `c:${g.code}` : `n:${g.name}`}`;

export async function exportGuideLines(db: Db, o: { unitCode?: string } = {}): Promise<string[]> {
  let unitId: number | undefined;
  if (o.unitCode) {
    const u = await unitByCode(db, o.unitCode.trim().toUpperCase());
    if (!u) throw notFound({ zh: '单位', en: 'unit' });
    unitId = u.id;
  }
  const out: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await listGuides(db, { unitId, limit: 500, offset });
    for (const g of page) out.push(JSON.stringify({ type: 'guide', unit: g.unit_code, status: g.status, ...Object.fromEntries(GUIDE_FIELDS.map((f) => [f, g[f]])) }));
    if (page.length < 500) break;
  }
  for (const b of await listBundles(db, { unitId })) {
    const full = (await bundleById(db, b.id))!;
    const unit = await db.selectFrom('units').select('code').where('id', '=', b.unit_id).executeTakeFirstOrThrow();
    out.push(JSON.stringify({ type: 'bundle', unit: unit.code, name: b.name, description: b.description, guides: full.guides.map((g) => ({ unit: g.unit_code, code: g.code, name: g.name })) }));
  }
  return out;
}

export interface GuidesImportResult { errors: LineError[]; created: number; updated: number; statusChanged: number; bundles: number }

interface GuideLine { line: number; unitId: number; unitPath: string; key: string; raw: Record<string, unknown>; status: Status; existing?: GuideRow }
interface BundleLine { line: number; unitId: number; unitPath: string; name: string; description: string; refs: string[]; existingId?: number }

/** Imports JSON Lines of guides and bundles; with `publish`, each guide takes the status its line gives. */
export async function importGuideLines(db: Db, ctx: CommandContext, text: string, o: { publish?: boolean } = {}): Promise<GuidesImportResult> {
  const errors: LineError[] = [];
  const err = (line: number, field: string, message: Msg) => errors.push({ line, field, message });
  const units = new Map<string, { id: number; path: string } | null>();
  const unitOf = async (code: unknown) => {
    const c = String(code ?? '').trim().toUpperCase();
    if (!units.has(c)) {
      const u = /^[0-9A-Z]{18}$/.test(c) ? await unitByCode(db, c) : undefined;
      units.set(c, u ? { id: u.id, path: u.path } : null);
    }
    return { code: c, unit: units.get(c)! };
  };
  const existing = new Map<number, GuideRow[]>();
  const guidesOfUnit = async (unitId: number) => {
    if (!existing.has(unitId)) existing.set(unitId, await listGuides(db, { unitId, limit: 100000 }));
    return existing.get(unitId)!;
  };
  const guides: GuideLine[] = [];
  const bundles: BundleLine[] = [];
  const keys = new Map<string, string>(); // key → unit path, for the guides the file defines
  const bundleKeys = new Set<string>();
  const pending: { line: number; bundle: BundleLine; refs: { unit: string; code: string; name: string; field: string }[] }[] = [];
  for (const { line, obj: raw } of jsonLines(text)) {
    if (!raw) {
      err(line, '-', NOT_AN_OBJECT);
      continue;
    }
    const { code: unitCode, unit } = await unitOf(raw.unit);
    if (!unit) err(line, 'unit', { zh: `未找到单位代码"${unitCode}"`, en: `no unit with the code "${unitCode}"` });
    if (raw.type === 'guide') {
      const status = (raw.status === undefined ? 'draft' : raw.status) as Status;
      if (!STATUSES.includes(status)) err(line, 'status', { zh: 'status 须为 draft、published 或 withdrawn', en: 'status must be draft, published or withdrawn' });
      const fields = Object.fromEntries(GUIDE_FIELDS.filter((f) => raw[f] !== undefined).map((f) => [f, raw[f]]));
      for (const f of GUIDE_FIELDS) if (raw[f] !== undefined && typeof raw[f] !== 'string') err(line, f, { zh: '须为字符串', en: 'must be a string' });
      const { value, errors: e } = validateGuide(fields, o.publish === true && status === 'published');
      for (const [f, m] of Object.entries(e)) err(line, f, m);
      if (!unit) continue;
      const key = keyOf(unitCode, value);
      if (keys.has(key)) err(line, value.code ? 'code' : 'name', { zh: '同一单位的办事指南重复（编码或无编码时的名称相同）', en: 'the guide repeats within the unit (same code, or same name without a code)' });
      keys.set(key, unit.path);
      const found = (await guidesOfUnit(unit.id)).find((g) => keyOf(unitCode, g) === key);
      // a published guide stays complete: its update needs the ten elements (commands.ts saveGuide)
      if (found?.status === 'published' && !o.publish) for (const [f, m] of Object.entries(validateGuide(fields, true).errors)) if (!e[f]) err(line, f, m);
      guides.push({ line, unitId: unit.id, unitPath: unit.path, key, raw: fields, status, existing: found });
    } else if (raw.type === 'bundle') {
      const list = Array.isArray(raw.guides) ? raw.guides : null;
      if (!list) err(line, 'guides', { zh: 'guides 须为数组', en: 'guides must be an array' });
      const refs = (list ?? []).map((r, i) => {
        const o2 = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
        return { unit: String(o2.unit ?? raw.unit ?? '').trim().toUpperCase(), code: typeof o2.code === 'string' ? o2.code.trim() : '', name: typeof o2.name === 'string' ? o2.name.trim() : '', field: `guides[${i}]` };
      });
      const { value, errors: e } = validateBundle({ name: raw.name, description: raw.description, guides: refs.map((_, i) => String(i + 1)) });
      for (const [f, m] of Object.entries(e)) err(line, f, m);
      if (!unit) continue;
      const bk = `${unitCode}/${value.name}`;
      if (bundleKeys.has(bk)) err(line, 'name', { zh: '同一单位的"一件事"名称重复', en: 'the bundle name repeats within the unit' });
      bundleKeys.add(bk);
      const bundle: BundleLine = { line, unitId: unit.id, unitPath: unit.path, name: value.name, description: value.description, refs: [] };
      bundles.push(bundle);
      pending.push({ line, bundle, refs });
    } else err(line, 'type', { zh: 'type 须为 "guide" 或 "bundle"', en: 'type must be "guide" or "bundle"' });
  }
  // bundles name guides of this file or already stored, of the bundle's unit or the units below it
  for (const { line, bundle, refs } of pending) {
    for (const r of refs) {
      const { unit } = await unitOf(r.unit);
      const key = keyOf(r.unit, r);
      const path = keys.get(key) ?? (unit && (await guidesOfUnit(unit.id)).some((g) => keyOf(r.unit, g) === key) ? unit.path : undefined);
      if (!unit || path === undefined) err(line, r.field, { zh: `未找到办事指南"${r.code || r.name}"`, en: `no guide "${r.code || r.name}"` });
      else if (!path.startsWith(bundle.unitPath)) err(line, r.field, { zh: '只能包含本单位及下级单位的办事指南', en: 'a bundle joins guides of its unit or the units below it' });
      else bundle.refs.push(key);
    }
    if (new Set(bundle.refs).size !== bundle.refs.length) err(line, 'guides', { zh: '所列办事指南重复', en: 'a guide is listed twice' });
    bundle.existingId = (await listBundles(db, { unitId: bundle.unitId })).find((b) => b.name === bundle.name)?.id;
  }
  const result: GuidesImportResult = { errors: errors.sort((a, b) => a.line - b.line), created: 0, updated: 0, statusChanged: 0, bundles: 0 };
  if (errors.length) return result;

  const ids = new Map<string, number>();
  for (const g of guides) {
    // a published guide the file returns to draft or withdraws is taken down before it is edited
    if (o.publish && g.existing && g.existing.status === 'published' && g.status !== 'published') {
      await setGuideStatus(db, ctx, g.existing.id, g.status);
      result.statusChanged++;
      g.existing = { ...g.existing, status: g.status };
    }
    const id = await saveGuide(db, ctx, { id: g.existing?.id ?? null, unitId: g.unitId }, g.raw);
    if (g.existing) result.updated++;
    else result.created++;
    ids.set(g.key, id);
    const now = g.existing?.status ?? 'draft';
    if (o.publish && g.status !== now) {
      await setGuideStatus(db, ctx, id, g.status);
      result.statusChanged++;
    }
  }
  for (const b of bundles) {
    const guideIds: string[] = [];
    for (const key of b.refs) {
      let id = ids.get(key);
      if (id === undefined) {
        const unitCode = key.slice(0, key.indexOf('/'));
        const { unit } = await unitOf(unitCode);
        id = (await guidesOfUnit(unit!.id)).find((g) => keyOf(unitCode, g) === key)!.id;
      }
      guideIds.push(String(id));
    }
    await saveBundle(db, ctx, { id: b.existingId ?? null, unitId: b.unitId }, { name: b.name, description: b.description, guides: guideIds });
    result.bundles++;
  }
  return result;
}
