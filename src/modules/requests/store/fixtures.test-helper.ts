/**
 * Test fixtures for the module's DB, HTTP and browser tests: the small unit tree of test/helpers with
 * the bureau's registry filled in (letter prefix, reconsideration organ, court), signed-in command
 * contexts per user, and a valid application.
 */
import type { Db } from '../../../core/db/index.ts';
import { actorContext, systemContext, type CommandContext } from '../../../core/commands/context.ts';
import { loadGrants } from '../../../core/auth/sessions.ts';
import { updateUnit } from '../../units/commands.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import '../../../../test/helpers/pii-key.ts';
import { textColumns } from './case-store.ts';
import { piiKeys } from '../../../core/pii/crypto.ts';

export const ID = '110101199003078515';
export const PHONE = '13855501234';
export const ADDRESS = '辽宁省朝阳市双塔区示例路8号2单元501';

export async function requestsTree(db: Db) {
  const tree = await seedTree(db);
  const sys = systemContext('test');
  await updateUnit(db, sys, tree.bureau.id, { letter_prefix: '测司公复', reconsideration_organ: '测试市人民政府', court: '测试市某区人民法院', disclosure_body: '测试市司法局办公室' });
  await updateUnit(db, sys, tree.county.id, { reconsideration_organ: '测试市人民政府', court: '测试县人民法院' });
  return tree;
}

export async function ctxFor(db: Db, username: string): Promise<CommandContext> {
  const u = await db.selectFrom('users').select(['id', 'username', 'display_name', 'unit_id']).where('username', '=', username).executeTakeFirstOrThrow();
  const grants = await loadGrants(db, u.id);
  return actorContext({ userId: u.id, username: u.username, displayName: u.display_name, unitId: u.unit_id, grants }, '127.0.0.1');
}

/** The encrypted name and request columns for a row a test inserts directly (under the test key). */
export function caseTextColumns(name: string, description: string, category = 'natural') {
  return textColumns(piiKeys(), { category: category as never, name, contactPerson: null, postcode: null, infoTitle: null, infoNumber: null, description });
}

/** A complete natural-person application (条例 第二十九条). */
export function application(extra: Record<string, string> = {}): Record<string, string> {
  return {
    applicant_type: 'natural', name: '王小明', id_type: 'resident_id', id_number: ID, phone: PHONE, email: 'wang@example.com', address: ADDRESS,
    info_title: '2023年城市道路维修项目资金使用情况', info_number: '测政发〔2023〕5号', description: '包括项目清单和资金拨付明细', form: 'electronic', delivery: 'email',
    ...extra,
  };
}

/** The same, entered by staff for an application handed in on `date`. */
export function paperApplication(date: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...application(), channel: 'in_person', handed_in: date, ...extra };
}
