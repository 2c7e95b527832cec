/**
 * JSON Lines of the 政务新媒体 registry (docs/guides-agency-media-format.md): one account a line,
 *   {"unit":"<统一社会信用代码>","platform":"wechat","name":"…","account_id":"…","operator":"…",
 *    "opened_on":"2016-03-15","status":"open","closed_on":null,"qr":"data:image/png;base64,…",
 *    "inspections":[{"inspected_on":"…","last_post_on":"…","interaction_ok":true,"note":"…"}]}
 * An account is known within its unit by its platform and name. Import checks every line first and
 * writes nothing when one is bad; then each account is saved through `saveAccount` and each inspection
 * not yet recorded (same date, last update, interaction and note) through `recordInspection` — the
 * verdict is worked out again by the rules, never taken from the file. The registry has no drafts:
 * status is the account's own (运行中 / 已关停), as on the form.
 */
import type { Db } from '../../core/db/index.ts';
import type { CommandContext } from '../../core/commands/context.ts';
import { notFound } from '../../core/http/errors.ts';
import { shanghaiDate, type Msg } from '../../core/render/i18n.ts';
import { jsonLines, NOT_AN_OBJECT, type LineError } from '../../core/jsonl.ts';
import { unitByCode } from '../units/repository.ts';
import { photoError } from '../agency/domain/rules.ts';
import { recordInspection, saveAccount } from './commands.ts';
import { validateAccount, validateInspection, type InspectionInput } from './domain/rules.ts';
import { inspectionsOf, listAccounts, qrOf } from './store/queries.ts';

const dataUrl = (mime: string, data: Uint8Array) => `data:${mime};base64,${Buffer.from(data).toString('base64')}`;
const inspectionKey = (i: InspectionInput) => JSON.stringify([i.inspected_on, i.last_post_on, i.interaction_ok, i.note]);

export async function exportMediaLines(db: Db, o: { unitCode?: string } = {}): Promise<string[]> {
  let unitId: number | undefined;
  if (o.unitCode) {
    const u = await unitByCode(db, o.unitCode.trim().toUpperCase());
    if (!u) throw notFound({ zh: '单位', en: 'unit' });
    unitId = u.id;
  }
  const out: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await listAccounts(db, { unitId, limit: 1000, offset });
    for (const a of page) {
      const qr = a.has_qr ? await qrOf(db, a.id) : undefined;
      // oldest first, so that an import records them in the order they happened
      const inspections = (await inspectionsOf(db, a.id)).reverse().map((i) => ({ inspected_on: i.inspected_on, last_post_on: i.last_post_on, interaction_ok: i.interaction_ok, note: i.note }));
      out.push(JSON.stringify({ unit: a.unit_code, platform: a.platform, name: a.name, account_id: a.account_id, operator: a.operator, opened_on: a.opened_on, status: a.status, closed_on: a.closed_on, qr: qr ? dataUrl(qr.mime, new Uint8Array(qr.data)) : null, inspections }));
    }
    if (page.length < 1000) break;
  }
  return out;
}

export interface MediaImportResult { errors: LineError[]; created: number; updated: number; inspections: number }

const form = (v: unknown) => (v === null || v === undefined ? '' : v);

export async function importMediaLines(db: Db, ctx: CommandContext, text: string, o: { today?: string } = {}): Promise<MediaImportResult> {
  const today = o.today ?? shanghaiDate();
  const errors: LineError[] = [];
  const units = new Map<string, number | null>();
  const plans: { unitId: number; existingId: number | null; raw: Record<string, unknown>; qr: Uint8Array | null; inspections: Record<string, unknown>[]; known: Set<string> }[] = [];
  const seen = new Set<string>();
  for (const { line, obj: raw } of jsonLines(text)) {
    const err = (field: string, message: Msg) => errors.push({ line, field, message });
    if (!raw) {
      err('-', NOT_AN_OBJECT);
      continue;
    }
    const code = String(raw.unit ?? '').trim().toUpperCase();
    if (!units.has(code)) units.set(code, /^[0-9A-Z]{18}$/.test(code) ? (await unitByCode(db, code))?.id ?? null : null);
    const unitId = units.get(code);
    if (!unitId) err('unit', { zh: `未找到单位代码"${code}"`, en: `no unit with the code "${code}"` });
    for (const f of ['platform', 'name', 'account_id', 'operator', 'opened_on', 'status', 'closed_on']) if (raw[f] !== undefined && raw[f] !== null && typeof raw[f] !== 'string') err(f, { zh: '须为字符串', en: 'must be a string' });
    if (raw.status !== undefined && raw.status !== 'open' && raw.status !== 'closed') err('status', { zh: 'status 须为 open 或 closed', en: 'status must be open or closed' });
    const fields = { platform: raw.platform, name: raw.name, account_id: form(raw.account_id), operator: raw.operator, opened_on: form(raw.opened_on), status: raw.status ?? 'open', closed_on: form(raw.closed_on) };
    const { value, errors: e } = validateAccount(fields, today);
    for (const [f, m] of Object.entries(e)) err(f, m);
    let qr: Uint8Array | null = null;
    if (raw.qr !== undefined && raw.qr !== null && raw.qr !== '') {
      const m = typeof raw.qr === 'string' ? /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(raw.qr) : null;
      const data = m ? new Uint8Array(Buffer.from(m[1], 'base64')) : null;
      const pe = data ? photoError(data) : null;
      if (!data) err('qr', { zh: 'qr 须为 data:image/png;base64,… 或 data:image/jpeg;base64,…', en: 'qr must be a data:image/png;base64,… or data:image/jpeg;base64,… URL' });
      else if (pe) err('qr', { zh: pe.zh.replace('照片', '二维码图片'), en: pe.en.replace('photo', 'QR image') });
      else qr = data;
    }
    const list = raw.inspections === undefined ? [] : Array.isArray(raw.inspections) ? raw.inspections : null;
    if (!list) err('inspections', { zh: 'inspections 须为数组', en: 'inspections must be an array' });
    const inspections: Record<string, unknown>[] = [];
    (list ?? []).forEach((x, i) => {
      const r = (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
      if (r.interaction_ok !== undefined && typeof r.interaction_ok !== 'boolean') err(`inspections[${i}].interaction_ok`, { zh: 'interaction_ok 须为 true 或 false', en: 'interaction_ok must be true or false' });
      const f = { inspected_on: form(r.inspected_on), last_post_on: form(r.last_post_on), interaction_ok: r.interaction_ok === true, note: form(r.note) };
      for (const [k, m] of Object.entries(validateInspection(f, today).errors)) err(`inspections[${i}].${k}`, m);
      inspections.push(f);
    });
    if (!unitId) continue;
    const key = `${unitId}/${value.platform}/${value.name}`;
    if (seen.has(key)) err('name', { zh: '同一单位同一平台的账号名称重复', en: 'the account repeats within the unit and platform' });
    seen.add(key);
    const existing = (await listAccounts(db, { unitId, limit: 100000 })).find((a) => a.platform === value.platform && a.name === value.name);
    const known = new Set(existing ? (await inspectionsOf(db, existing.id)).map((i) => inspectionKey({ inspected_on: i.inspected_on, last_post_on: i.last_post_on, interaction_ok: i.interaction_ok, note: i.note })) : []);
    plans.push({ unitId, existingId: existing?.id ?? null, raw: fields, qr, inspections, known });
  }
  const result: MediaImportResult = { errors, created: 0, updated: 0, inspections: 0 };
  if (errors.length) return result;
  for (const p of plans) {
    const id = await saveAccount(db, ctx, { id: p.existingId, unitId: p.unitId }, p.raw, p.qr, today);
    if (p.existingId === null) result.created++;
    else result.updated++;
    for (const raw of p.inspections) {
      const key = inspectionKey(validateInspection(raw, today).value);
      if (p.known.has(key)) continue;
      p.known.add(key);
      await recordInspection(db, ctx, id, raw, today);
      result.inspections++;
    }
  }
  return result;
}
