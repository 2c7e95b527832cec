/** Shared by the documents tests: command contexts for the fixture users, a valid document input, a published document. */
import type { Db } from '../../../core/db/index.ts';
import { actorContext, type CommandContext } from '../../../core/commands/context.ts';
import { loadGrants } from '../../../core/auth/sessions.ts';
import { createDocument, publishDocument, reviewDocument, submitDocument } from '../commands.ts';
import type { DocumentInput } from './write.ts';

export async function ctxFor(db: Db, username: string): Promise<CommandContext> {
  const u = await db.selectFrom('users').select(['id', 'display_name', 'unit_id']).where('username', '=', username).executeTakeFirstOrThrow();
  return actorContext({ userId: u.id, username, displayName: u.display_name, unitId: u.unit_id, grants: await loadGrants(db, u.id) }, null);
}

export function validInput(extra: Partial<DocumentInput> = {}): DocumentInput {
  return {
    title: '测试市司法局关于开展法治宣传月活动的通知',
    summary: '部署全市法治宣传月活动的时间安排和工作要求。',
    docNumber: '测司发〔2020〕12号',
    docType: 'notice',
    legalForm: 'none',
    writtenDate: '2020-08-25',
    topic: '1603',
    keywords: ['法治宣传', '普法'],
    source: '测试市司法局',
    disclosure: 'proactive',
    bodyHtml: '<p>各区县司法局：</p><p>现将有关事项通知如下。</p>',
    ...extra,
  };
}

/** A document created, submitted, reviewed (保密审查 and personal data checked) and published; its id. */
export async function publishedDocument(db: Db, ctx: CommandContext, unitId: number, input: DocumentInput): Promise<number> {
  const r = await createDocument(db, ctx, unitId, input);
  await submitDocument(db, ctx, r.document.id);
  await reviewDocument(db, ctx, r.document.id, { confidentialityChecked: true, personalInfoChecked: true });
  await publishDocument(db, ctx, r.document.id);
  return r.document.id;
}
