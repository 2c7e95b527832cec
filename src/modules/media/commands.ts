/**
 * Write use-cases of the 政务新媒体 registry: a unit's editors and admins keep its accounts (开设,
 * changes, 关停 with a date); the unit's admins and the supervisors above inspect them (work point 17;
 * 国办发〔2018〕123号 asks for 开设整合、关停 records and regular checks). Each write is audited.
 */
import { inTransaction, type Db, type Tx } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { defineRules } from '../../core/auth/policy.ts';
import { invalid, notFound } from '../../core/http/errors.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { unitById } from '../units/repository.ts';
import { photoError, photoType } from '../agency/domain/rules.ts';
import { validateAccount, validateInspection, verdict } from './domain/rules.ts';

defineRules({
  'media.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'supervisor'],
  'media.edit': ['system_admin', 'unit_admin', 'editor'],
  'media.inspect': ['system_admin', 'unit_admin', 'supervisor'],
});

const ACCOUNT = { zh: '新媒体账号', en: 'account' };

async function unitFor(tx: Tx, ctx: CommandContext, unitId: number, action: string) {
  const unit = Number.isSafeInteger(unitId) && unitId > 0 && unitId < 2_147_483_648 ? await unitById(tx, unitId) : undefined;
  if (!unit) throw notFound({ zh: '单位', en: 'unit' });
  authorize(ctx, action, unit.path);
  return unit;
}

async function accountUnit(tx: Tx, ctx: CommandContext, id: number, action: string) {
  const a = Number.isSafeInteger(id) && id > 0 && id < 2_147_483_648 ? await tx.selectFrom('media_accounts').select(['id', 'unit_id', 'name']).where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!a) throw notFound(ACCOUNT);
  return { account: a, unit: await unitFor(tx, ctx, a.unit_id, action) };
}

/** Creates (id null) or updates an account; a QR image (JPEG/PNG by content, ≤ 1 MB) replaces the old one. */
export async function saveAccount(db: Db, ctx: CommandContext, o: { id: number | null; unitId: number }, raw: Record<string, unknown>, qr?: Uint8Array | null, today = shanghaiDate()): Promise<number> {
  const { value, errors } = validateAccount(raw, today);
  const qrErr = qr?.length ? photoError(qr) : null;
  if (qrErr) errors.qr = { zh: qrErr.zh.replace('照片', '二维码图片'), en: qrErr.en.replace('photo', 'QR image') };
  if (Object.keys(errors).length) throw invalid(errors);
  const image = qr?.length ? { qr_mime: photoType(qr)!, qr_data: qr } : {};
  return inTransaction(db, async (tx) => {
    let id: number;
    let unitId: number;
    if (o.id === null) {
      const unit = await unitFor(tx, ctx, o.unitId, 'media.edit');
      unitId = unit.id;
      id = (await tx.insertInto('media_accounts').values({ unit_id: unit.id, ...value, ...image }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const { unit } = await accountUnit(tx, ctx, o.id, 'media.edit');
      unitId = unit.id;
      id = o.id;
      await tx.updateTable('media_accounts').set({ ...value, ...image, updated_at: new Date() }).where('id', '=', id).execute();
    }
    await recordAudit(tx, ctx.audit, { action: o.id === null ? 'media.account.create' : 'media.account.update', unitId, subjectType: 'media_account', subjectId: id, summary: { name: value.name, platform: value.platform, status: value.status, closed_on: value.closed_on } });
    return id;
  });
}

/** Records an inspection with its verdict (the single-veto findings), kept as a history. */
export async function recordInspection(db: Db, ctx: CommandContext, accountId: number, raw: Record<string, unknown>, today = shanghaiDate()): Promise<{ pass: boolean }> {
  const { value, errors } = validateInspection(raw, today);
  if (Object.keys(errors).length) throw invalid(errors);
  const v = verdict(value);
  return inTransaction(db, async (tx) => {
    const { account, unit } = await accountUnit(tx, ctx, accountId, 'media.inspect');
    await tx.insertInto('media_inspections').values({ account_id: account.id, ...value, pass: v.pass, findings: JSON.stringify(v.findings), inspector: ctx.audit.name }).execute();
    await recordAudit(tx, ctx.audit, { action: 'media.inspect', unitId: unit.id, subjectType: 'media_account', subjectId: account.id, summary: { name: account.name, inspected_on: value.inspected_on, result: v.pass ? '合格' : '不合格' } });
    return { pass: v.pass };
  });
}
