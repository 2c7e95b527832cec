/**
 * A unit's life through 机构改革: deactivate (撤销), reactivate, move to another parent (调整隶属关系)
 * and merge into another unit (合并). Each checks the policy at both ends, writes in one transaction —
 * the materialised paths of a whole subtree included — and records its audit event with before/after.
 *
 * What happens to a unit's records (the choices, see README):
 * - Documents, 栏目 and annual reports stay under the unit that made them (条例 第十条: the organ that
 *   made the information is the one that disclosed it; the 索引号 carries its code). Its portal pages
 *   stay reachable with a notice; it leaves the portal lists, the /apply list and the unit selects,
 *   and — from the year after it was deactivated — the required-report lists.
 * - Merge A into B: A becomes an inactive child of B marked `merged_into_id = B`, so B's staff (whose
 *   roles reach B's subtree) can keep A's documents, closed cases and reports in order — withdraw,
 *   repeal, answer an appeal against an old reply — and search under B finds A's documents. A's active
 *   sub-units move to B. Role grants on A are kept and reach only A's history: merging never gives
 *   anyone rights over B they did not have.
 * - Open 依申请公开 cases must be finished or transferred (转办) first: the deadline runs against the
 *   organ that received the application (条例 第三十三条), and its letters go out in that organ's name.
 */
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { defineRules } from '../../../core/auth/policy.ts';
import { conflict, invalid, notFound } from '../../../core/http/errors.ts';
import { isIsoDate } from '../../../core/calendar/index.ts';
import { shanghaiDate, type Msg } from '../../../core/render/i18n.ts';
import { OPEN_DB_STATUSES } from '../../requests/store/repository.ts';
import { placementError, typeAllowedUnder } from '../domain/types.ts';
import { unitByCodeOrSlug, unitById, type UnitRow } from '../store/repository.ts';
import { UNIT } from './units.ts';

// Checked on the parent (deactivate, move: both parents) and on the receiving unit (merge).
defineRules({
  'unit.deactivate': ['system_admin', 'unit_admin'],
  'unit.move': ['system_admin', 'unit_admin'],
  'unit.merge': ['system_admin', 'unit_admin'],
});

/** Cases still owing the applicant something: a decision, or the delivery of the answer. */
const UNFINISHED = [...OPEN_DB_STATUSES, 'answered' as const];

export interface LifecycleInput {
  /** YYYY-MM-DD; defaults to today (Asia/Shanghai). */
  date?: string;
  reason?: string;
  parent_code?: string;
  target_code?: string;
}

function dateAndReason(raw: LifecycleInput, today: string): { date: string; reason: string } {
  const e: Record<string, Msg> = {};
  const date = (raw.date ?? '').trim() || today;
  const reason = (raw.reason ?? '').trim();
  if (!isIsoDate(date)) e.date = { zh: '日期格式应为 YYYY-MM-DD', en: 'Use YYYY-MM-DD' };
  else if (date > today) e.date = { zh: '日期不能晚于今天', en: 'The date cannot be in the future' };
  if (!reason) e.reason = { zh: '请填写依据（如机构改革方案、批复文号）', en: 'Enter the basis (e.g. the reform plan or approval number)' };
  else if (reason.length > 200) e.reason = { zh: '依据最多 200 字', en: 'At most 200 characters' };
  if (Object.keys(e).length) throw invalid(e);
  return { date, reason };
}

/** The unit, locked for the rest of the transaction (two moves at once cannot make a cycle). */
async function lockUnit(tx: Tx, id: number): Promise<UnitRow> {
  await sql`select id from units where id = ${id} for update`.execute(tx);
  const u = await unitById(tx, id);
  if (!u) throw notFound(UNIT);
  return u;
}

async function parentOf(tx: Tx, u: UnitRow): Promise<UnitRow> {
  if (u.parent_id === null) throw conflict({ zh: '根单位不能停用、迁移或合并', en: 'The root unit cannot be deactivated, moved or merged' });
  return lockUnit(tx, u.parent_id);
}

async function unfinishedCases(tx: Tx, unitId: number): Promise<number> {
  const r = await tx.selectFrom('request_cases').select((eb) => eb.fn.countAll<string>().as('n')).where('unit_id', '=', unitId).where('status', 'in', UNFINISHED).executeTakeFirstOrThrow();
  return Number(r.n);
}

function refuseOpenCases(n: number): void {
  if (n > 0) {
    throw conflict({
      zh: `该单位还有 ${n} 件未办结的政府信息公开申请，请先办结或转办后再操作（条例第三十三条，答复期限对收到申请的机关计算）`,
      en: `The unit still has ${n} unfinished application(s); finish or transfer them first (Art. 33)`,
    });
  }
}

/**
 * Re-hangs `unit` (and its whole subtree) under `parent`: parent_id, and path and depth of every
 * unit below, in one statement each — inside the caller's transaction.
 */
async function reparent(tx: Tx, unit: UnitRow, parent: UnitRow): Promise<string> {
  const oldPath = unit.path;
  const newPath = `${parent.path}${unit.id}/`;
  const delta = parent.depth + 1 - unit.depth;
  await tx.updateTable('units').set({ parent_id: parent.id, updated_at: sql`now()` }).where('id', '=', unit.id).execute();
  await sql`
    update units set path = ${newPath} || substr(path, ${oldPath.length + 1}), depth = depth + ${delta}
    where path like ${oldPath.replace(/[%_\\]/g, '\\$&') + '%'}`.execute(tx);
  return newPath;
}

export async function deactivateUnit(db: Db, ctx: CommandContext, id: number, raw: LifecycleInput, today = shanghaiDate()): Promise<void> {
  const { date, reason } = dateAndReason(raw, today);
  await inTransaction(db, async (tx) => {
    const u = await lockUnit(tx, id);
    const parent = await parentOf(tx, u);
    // Abolishing a unit is decided above it, as creating one is (unit.create on the parent).
    authorize(ctx, 'unit.deactivate', parent.path);
    if (!u.active) throw conflict({ zh: '该单位已停用', en: 'The unit is already inactive' });
    const kids = await tx.selectFrom('units').select('name').where('parent_id', '=', id).where('active', '=', true).execute();
    if (kids.length) {
      throw conflict({ zh: `该单位还有 ${kids.length} 个在用的下级单位（${kids.slice(0, 3).map((k) => k.name).join('、')}${kids.length > 3 ? '等' : ''}），请先迁移或停用`, en: `The unit still has ${kids.length} active sub-unit(s); move or deactivate them first` });
    }
    refuseOpenCases(await unfinishedCases(tx, id));
    await tx.updateTable('units').set({ active: false, deactivated_on: date, updated_at: sql`now()` }).where('id', '=', id).execute();
    await recordAudit(tx, ctx.audit, { action: 'unit.deactivate', unitId: id, subjectType: 'unit', subjectId: id, summary: { before: { active: true, deactivated_on: null }, after: { active: false, deactivated_on: date }, reason } });
  });
}

export async function activateUnit(db: Db, ctx: CommandContext, id: number, raw: LifecycleInput = {}): Promise<void> {
  await inTransaction(db, async (tx) => {
    const u = await lockUnit(tx, id);
    const parent = await parentOf(tx, u);
    authorize(ctx, 'unit.deactivate', parent.path);
    if (u.active) throw conflict({ zh: '该单位在用，无需恢复', en: 'The unit is already active' });
    if (u.merged_into_id !== null) throw conflict({ zh: '已合并的单位不能恢复；如需重新设立，请新建单位', en: 'A merged unit cannot be reactivated; create a new unit instead' });
    if (!parent.active) throw conflict({ zh: '上级单位已停用，请先恢复上级单位或迁移本单位', en: 'The parent unit is inactive' });
    if (!typeAllowedUnder(u.type, parent.type)) throw invalid({ type: placementError(u.type, parent.type) });
    await tx.updateTable('units').set({ active: true, deactivated_on: null, updated_at: sql`now()` }).where('id', '=', id).execute();
    await recordAudit(tx, ctx.audit, { action: 'unit.activate', unitId: id, subjectType: 'unit', subjectId: id, summary: { before: { active: false, deactivated_on: u.deactivated_on }, after: { active: true, deactivated_on: null }, reason: raw.reason?.trim() || null } });
  });
}

/** Moves a unit and its subtree under another parent; the actor needs authority over both parents. */
export async function moveUnit(db: Db, ctx: CommandContext, id: number, raw: LifecycleInput): Promise<void> {
  const code = (raw.parent_code ?? '').trim();
  if (!code) throw invalid({ parent_code: { zh: '请选择新的上级单位', en: 'Choose the new parent unit' } });
  await inTransaction(db, async (tx) => {
    const u = await lockUnit(tx, id);
    const from = await parentOf(tx, u);
    const found = await unitByCodeOrSlug(tx, code);
    if (!found) throw invalid({ parent_code: { zh: '上级单位代码不存在', en: 'No unit has this code' } });
    const to = await lockUnit(tx, found.id);
    authorize(ctx, 'unit.move', from.path);
    authorize(ctx, 'unit.move', to.path);
    if (!u.active) throw conflict({ zh: '已停用的单位不能迁移', en: 'An inactive unit cannot be moved' });
    if (!to.active) throw invalid({ parent_code: { zh: '新的上级单位已停用', en: 'The new parent unit is inactive' } });
    if (to.path.startsWith(u.path)) throw invalid({ parent_code: { zh: '不能迁移到本单位或其下级单位之下', en: 'A unit cannot move under itself or its own sub-unit' } });
    if (to.id === from.id) throw invalid({ parent_code: { zh: '该单位已在此上级单位之下', en: 'The unit already sits under this parent' } });
    if (!typeAllowedUnder(u.type, to.type)) throw invalid({ parent_code: placementError(u.type, to.type) });
    const size = await tx.selectFrom('units').select((eb) => eb.fn.countAll<string>().as('n')).where('path', 'like', u.path.replace(/[%_\\]/g, '\\$&') + '%').executeTakeFirstOrThrow();
    const path = await reparent(tx, u, to);
    await recordAudit(tx, ctx.audit, {
      action: 'unit.move', unitId: id, subjectType: 'unit', subjectId: id,
      summary: { before: { parent: from.code, path: u.path }, after: { parent: to.code, path }, subtree: Number(size.n) },
    });
  });
}

/** What a merge would touch, for the confirmation page. */
export async function mergeImpact(db: Db | Tx, id: number) {
  const [docs, cases, open, kids, grants] = await Promise.all([
    db.selectFrom('documents').select((eb) => eb.fn.countAll<string>().as('n')).where('unit_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('request_cases').select((eb) => eb.fn.countAll<string>().as('n')).where('unit_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('request_cases').select((eb) => eb.fn.countAll<string>().as('n')).where('unit_id', '=', id).where('status', 'in', UNFINISHED).executeTakeFirstOrThrow(),
    db.selectFrom('units').select(['id', 'code', 'name', 'type']).where('parent_id', '=', id).where('active', '=', true).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('role_assignments as r').innerJoin('users as x', 'x.id', 'r.user_id').select(['x.username', 'x.display_name', 'r.role']).where('r.unit_id', '=', id).orderBy('x.username').execute(),
  ]);
  return { documents: Number(docs.n), cases: Number(cases.n), openCases: Number(open.n), children: kids, grants };
}

/**
 * Merges unit A (`id`) into unit B (`target_code`): A's active sub-units move under B, A itself becomes
 * an inactive child of B marked as merged, its history staying with it. Needs authority over A's parent
 * (abolishing A) and over B (receiving it).
 */
export async function mergeUnit(db: Db, ctx: CommandContext, id: number, raw: LifecycleInput, today = shanghaiDate()): Promise<void> {
  const code = (raw.target_code ?? '').trim();
  if (!code) throw invalid({ target_code: { zh: '请选择并入的单位', en: 'Choose the unit to merge into' } });
  const { date, reason } = dateAndReason(raw, today);
  await inTransaction(db, async (tx) => {
    const a = await lockUnit(tx, id);
    const parent = await parentOf(tx, a);
    const found = await unitByCodeOrSlug(tx, code);
    if (!found) throw invalid({ target_code: { zh: '该单位代码不存在', en: 'No unit has this code' } });
    const b = await lockUnit(tx, found.id);
    authorize(ctx, 'unit.merge', parent.path);
    authorize(ctx, 'unit.merge', b.path);
    if (!a.active) throw conflict({ zh: '该单位已停用', en: 'The unit is already inactive' });
    if (b.id === a.id) throw invalid({ target_code: { zh: '不能并入本单位', en: 'A unit cannot merge into itself' } });
    if (!b.active) throw invalid({ target_code: { zh: '并入的单位已停用', en: 'The receiving unit is inactive' } });
    if (b.path.startsWith(a.path)) throw invalid({ target_code: { zh: '不能并入本单位的下级单位', en: 'A unit cannot merge into its own sub-unit' } });
    refuseOpenCases(await unfinishedCases(tx, id));
    const kids = await tx.selectFrom('units').select('id').where('parent_id', '=', id).where('active', '=', true).orderBy('sort_order').orderBy('id').execute();
    const moved: string[] = [];
    for (const k of kids) {
      const child = await lockUnit(tx, k.id);
      if (!typeAllowedUnder(child.type, b.type)) throw invalid({ target_code: { zh: `下级单位“${child.name}”不能设在并入单位之下（${placementError(child.type, b.type).zh}），请先迁移`, en: `The sub-unit “${child.name}” cannot sit under the receiving unit; move it first` } });
      const before = child.path;
      const path = await reparent(tx, child, b);
      moved.push(child.code);
      await recordAudit(tx, ctx.audit, { action: 'unit.move', unitId: child.id, subjectType: 'unit', subjectId: child.id, summary: { before: { parent: a.code, path: before }, after: { parent: b.code, path }, because: { merge: a.code } } });
    }
    const path = await reparent(tx, a, b);
    await tx.updateTable('units').set({ active: false, deactivated_on: date, merged_into_id: b.id }).where('id', '=', id).execute();
    await recordAudit(tx, ctx.audit, {
      action: 'unit.merge', unitId: id, subjectType: 'unit', subjectId: id,
      summary: {
        before: { parent: parent.code, path: a.path, active: true, merged_into: null },
        after: { parent: b.code, path, active: false, merged_into: b.code, deactivated_on: date },
        children_moved: moved, reason,
      },
    });
    await recordAudit(tx, ctx.audit, { action: 'unit.merge.receive', unitId: b.id, subjectType: 'unit', subjectId: b.id, summary: { merged: a.code, children_moved: moved, deactivated_on: date } });
  });
}
