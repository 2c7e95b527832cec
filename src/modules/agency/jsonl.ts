/**
 * JSON Lines of the agency information (docs/guides-agency-media-format.md): each unit's **draft**,
 *   {"type":"functions","unit":"<统一社会信用代码>","functions":"<p>…</p>"}
 *   {"type":"department","unit":"…","name":"…","functions":"…","phone":"…","sort_order":1}
 *   {"type":"leader","unit":"…","name":"…","title":"…","duties":"…","cv":"…","sort_order":1,"photo":"data:image/png;base64,…"}
 * Import checks every line first and writes nothing when one is bad; then the draft of each unit the
 * file names becomes what the file says, through the module's commands (saveFunctions, saveDepartment,
 * saveLeader, deleteDepartment, deleteLeader — each audited). With `publish`, each such unit's draft is
 * then published as its next version (publishAgency), unless it equals the last version.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../core/db/index.ts';
import type { CommandContext } from '../../core/commands/context.ts';
import { notFound } from '../../core/http/errors.ts';
import type { Msg } from '../../core/render/i18n.ts';
import { jsonLines, NOT_AN_OBJECT, type LineError } from '../../core/jsonl.ts';
import { listUnits, unitByCode } from '../units/repository.ts';
import { deleteDepartment, deleteLeader, publishAgency, saveDepartment, saveFunctions, saveLeader } from './commands.ts';
import { LIMITS, photoError, publishProblem, validateDepartment, validateLeader } from './domain/rules.ts';
import { draftOf, latestVersion, snapshotOf } from './store/queries.ts';

const dataUrl = (mime: string, data: Uint8Array) => `data:${mime};base64,${Buffer.from(data).toString('base64')}`;

/** Every unit's draft (or one unit's), units in registry order; units with an empty draft are left out. */
export async function exportAgencyLines(db: Db, o: { unitCode?: string } = {}): Promise<string[]> {
  let units: { id: number; code: string }[];
  if (o.unitCode) {
    const u = await unitByCode(db, o.unitCode.trim().toUpperCase());
    if (!u) throw notFound({ zh: '单位', en: 'unit' });
    units = [u];
  } else units = await listUnits(db, {});
  const out: string[] = [];
  for (const u of units) {
    const d = await draftOf(db, u.id);
    if (d.functions) out.push(JSON.stringify({ type: 'functions', unit: u.code, functions: d.functions }));
    for (const x of d.departments) out.push(JSON.stringify({ type: 'department', unit: u.code, name: x.name, functions: x.functions, phone: x.phone, sort_order: x.sort_order }));
    for (const x of d.leaders) {
      const p = x.photo_id === null ? undefined : await db.selectFrom('agency_photos').select(['mime', 'data']).where('id', '=', x.photo_id).executeTakeFirst();
      out.push(JSON.stringify({ type: 'leader', unit: u.code, name: x.name, title: x.title, duties: x.duties, cv: x.cv, sort_order: x.sort_order, photo: p ? dataUrl(p.mime, new Uint8Array(p.data)) : null }));
    }
  }
  return out;
}

interface UnitPlan {
  unitId: number; code: string; firstLine: number; functions: string;
  departments: Record<string, unknown>[];
  leaders: { raw: Record<string, unknown>; photo: Uint8Array | null }[];
}

export interface AgencyImportResult { errors: LineError[]; units: { unit: string; departments: number; leaders: number; version: number | null }[] }

/** A `data:image/…;base64,…` photo, or null for none; an error message when it is neither. */
function photoOf(v: unknown): { data: Uint8Array | null; error?: Msg } {
  if (v === undefined || v === null || v === '') return { data: null };
  const m = typeof v === 'string' ? /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(v) : null;
  if (!m) return { data: null, error: { zh: 'photo 须为 data:image/png;base64,… 或 data:image/jpeg;base64,…', en: 'photo must be a data:image/png;base64,… or data:image/jpeg;base64,… URL' } };
  const data = new Uint8Array(Buffer.from(m[1], 'base64'));
  const e = photoError(data);
  return e ? { data: null, error: e } : { data };
}

const asText = (raw: Record<string, unknown>, fields: readonly string[], err: (f: string, m: Msg) => void) => {
  for (const f of fields) if (raw[f] !== undefined && raw[f] !== null && typeof raw[f] !== 'string') err(f, { zh: '须为字符串', en: 'must be a string' });
};

export async function importAgencyLines(db: Db, ctx: CommandContext, text: string, o: { publish?: boolean } = {}): Promise<AgencyImportResult> {
  const errors: LineError[] = [];
  const plans = new Map<string, UnitPlan | null>();
  for (const { line, obj: raw } of jsonLines(text)) {
    const err = (field: string, message: Msg) => errors.push({ line, field, message });
    if (!raw) {
      err('-', NOT_AN_OBJECT);
      continue;
    }
    const code = String(raw.unit ?? '').trim().toUpperCase();
    if (!plans.has(code)) {
      const u = /^[0-9A-Z]{18}$/.test(code) ? await unitByCode(db, code) : undefined;
      plans.set(code, u?.active ? { unitId: u.id, code, firstLine: line, functions: '', departments: [], leaders: [] } : null);
    }
    const plan = plans.get(code);
    if (!plan) err('unit', { zh: `未找到单位代码"${code}"（或该单位已停用）`, en: `no active unit with the code "${code}"` });
    // sort_order is a number in the file; the rules read the form's text
    const fields = { ...raw, sort_order: raw.sort_order === undefined || raw.sort_order === null ? '' : String(raw.sort_order) };
    if (raw.sort_order !== undefined && raw.sort_order !== null && typeof raw.sort_order !== 'number') err('sort_order', { zh: 'sort_order 须为整数', en: 'sort_order must be a whole number' });
    if (raw.type === 'functions') {
      if (typeof raw.functions !== 'string') err('functions', { zh: 'functions 须为字符串（HTML）', en: 'functions must be a string (HTML)' });
      else if (raw.functions.length > LIMITS.functions) err('functions', { zh: `机关职能过长（不超过 ${LIMITS.functions} 字）`, en: 'The functions text is too long' });
      if (plan && plan.functions) err('type', { zh: '同一单位只能有一行机关职能', en: 'one functions line per unit' });
      if (plan && typeof raw.functions === 'string') plan.functions = raw.functions;
    } else if (raw.type === 'department') {
      asText(raw, ['name', 'functions', 'phone'], err);
      const { value, errors: e } = validateDepartment(fields);
      for (const [f, m] of Object.entries(e)) err(f, m);
      if (plan?.departments.some((d) => String(d.name).trim() === value.name)) err('name', { zh: '同一单位的内设机构名称重复', en: 'the department repeats within the unit' });
      plan?.departments.push(fields);
    } else if (raw.type === 'leader') {
      asText(raw, ['name', 'title', 'duties', 'cv'], err);
      const { value, errors: e } = validateLeader(fields);
      for (const [f, m] of Object.entries(e)) err(f, m);
      const p = photoOf(raw.photo);
      if (p.error) err('photo', p.error);
      if (plan?.leaders.some((l) => String(l.raw.name).trim() === value.name && String(l.raw.title).trim() === value.title)) err('name', { zh: '同一单位的领导（姓名和职务）重复', en: 'the leader (name and position) repeats within the unit' });
      plan?.leaders.push({ raw: fields, photo: p.data });
    } else err('type', { zh: 'type 须为 "functions"、"department" 或 "leader"', en: 'type must be "functions", "department" or "leader"' });
  }
  if (o.publish) {
    for (const p of plans.values()) if (p && !p.functions.trim()) errors.push({ line: p.firstLine, field: 'functions', message: { zh: '发布前须有机关职能（条例第二十条第（二）项）', en: 'publishing needs the functions (Regulations Art. 20(2))' } });
  }
  if (errors.length) return { errors: errors.sort((a, b) => a.line - b.line), units: [] };

  const units: AgencyImportResult['units'] = [];
  for (const p of plans.values()) {
    if (!p) continue;
    const d = await draftOf(db, p.unitId);
    if (d.functions !== p.functions) await saveFunctions(db, ctx, p.unitId, { functions: p.functions });
    // departments are matched by name, leaders by name and position: kept rows keep their ids
    const deptLeft = new Map(d.departments.map((x) => [x.name, x.id]));
    for (const raw of p.departments) {
      const name = String(raw.name).trim();
      await saveDepartment(db, ctx, p.unitId, deptLeft.get(name) ?? null, raw);
      deptLeft.delete(name);
    }
    for (const id of deptLeft.values()) await deleteDepartment(db, ctx, p.unitId, id);
    const leaderLeft = new Map(d.leaders.map((x) => [`${x.name}\n${x.title}`, x]));
    for (const l of p.leaders) {
      const key = `${String(l.raw.name).trim()}\n${String(l.raw.title).trim()}`;
      const old = leaderLeft.get(key);
      leaderLeft.delete(key);
      let photo: { data: Uint8Array } | null = l.photo ? { data: l.photo } : null;
      if (old && l.photo && old.photo_id !== null) {
        const had = await db.selectFrom('agency_photos').select('sha256').where('id', '=', old.photo_id).executeTakeFirst();
        if (had?.sha256 === createHash('sha256').update(l.photo).digest('hex')) photo = null; // the same photo: kept
      }
      await saveLeader(db, ctx, p.unitId, old?.id ?? null, { ...l.raw, remove_photo: l.photo ? '' : '1' }, photo);
    }
    for (const x of leaderLeft.values()) await deleteLeader(db, ctx, p.unitId, x.id);
    let version: number | null = null;
    if (o.publish) {
      const last = await latestVersion(db, p.unitId);
      if (!publishProblem(snapshotOf(await draftOf(db, p.unitId)), last?.snapshot ?? null)) version = await publishAgency(db, ctx, p.unitId, { note: '导入 / import' });
      else version = last?.version ?? null;
    }
    units.push({ unit: p.code, departments: p.departments.length, leaders: p.leaders.length, version });
  }
  return { errors, units };
}
