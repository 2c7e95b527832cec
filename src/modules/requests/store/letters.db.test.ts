/**
 * Letters as records: drafted from the domain templates, edited while drafts, issued with their own
 * number from a per-unit, per-year, per-prefix counter, frozen once issued, and rendered to DOCX and
 * PDF that say the right number, date and articles — and never the applicant's identity number or phone.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { AppError } from '../../../core/http/errors.ts';
import { extractDocxText, extractPdfText } from '../../../core/docs/index.ts';
import type { Config } from '../../../config/env.ts';
import { applyStep, draftReply, signReply } from '../commands.ts';
import { registerByStaff } from '../intake-commands.ts';
import { lettersOf, letterById } from './repository.ts';
import { issueLetter, issueNoticesBeforeAnswer, letterFile, updateDraft } from './letters-store.ts';
import { ctxFor, ID, PHONE, paperApplication, requestsTree } from './fixtures.test-helper.ts';

let d: TestDb;
let cfg: Config;
let tree: Awaited<ReturnType<typeof requestsTree>>;
let handler: CommandContext;
let reviewer: CommandContext;
const TODAY = '2025-12-31';

before(async () => {
  d = await testDatabase();
  cfg = testConfig();
  tree = await requestsTree(d.db);
  handler = await ctxFor(d.db, 'handler');
  reviewer = await ctxFor(d.db, 'reviewer');
});
after(async () => d.cleanup());

async function accepted(received: string) {
  const r = await registerByStaff(d.db, cfg, handler, tree.bureau.id, paperApplication(received), { today: TODAY });
  await applyStep(d.db, handler, r.caseId, { type: 'accept', date: received }, { today: TODAY });
  return r.caseId;
}

const kindOf = async (caseId: number, kind: string) => (await lettersOf(d.db, caseId)).filter((l) => l.kind === kind);

test('every letter kind has its own sequence per unit and year: 公收, 公补, 公征, 公延, 公复', async () => {
  const a = await accepted('2024-09-02');
  const b = await accepted('2024-09-03');
  for (const id of [a, b]) {
    const [receipt] = await kindOf(id, 'receipt');
    await issueLetter(d.db, handler, receipt.id, { date: '2024-09-04', render: false, today: TODAY });
  }
  assert.deepEqual((await kindOf(a, 'receipt')).map((l) => l.number), ['测司公收〔2024〕1号']);
  assert.deepEqual((await kindOf(b, 'receipt')).map((l) => l.number), ['测司公收〔2024〕2号']);

  await applyStep(d.db, handler, a, { type: 'request_correction', date: '2024-09-04', items: ['请写明文号'], correctBy: '2024-09-13' }, { today: TODAY });
  const [corr] = await kindOf(a, 'correction_notice');
  await issueLetter(d.db, handler, corr.id, { date: '2024-09-04', render: false, today: TODAY });
  await applyStep(d.db, handler, b, { type: 'start_consultation', date: '2024-09-05', parties: [{ kind: 'third_party', name: '甲公司' }, { kind: 'third_party', name: '乙公司' }] }, { today: TODAY });
  const cons = await kindOf(b, 'consultation_letter');
  assert.deepEqual(cons.map((l) => l.recipient), ['甲公司', '乙公司'], 'one consultation letter per third party');
  for (const l of cons) await issueLetter(d.db, handler, l.id, { date: '2024-09-05', render: false, today: TODAY });
  await applyStep(d.db, handler, b, { type: 'end_consultation', date: '2024-09-12', outcome: 'consented' }, { today: TODAY });
  await applyStep(d.db, reviewer, b, { type: 'extend', date: '2024-09-20', workdays: 10, reason: '需要协调多个部门', approvedBy: '张主任' }, { today: TODAY });
  const [ext] = await kindOf(b, 'extension_notice');
  await assert.rejects(issueLetter(d.db, handler, ext.id, { date: '2024-09-20', render: false, today: TODAY }), (e: AppError) => e.status === 403, 'the extension notice is signed by a reviewer');
  await issueLetter(d.db, reviewer, ext.id, { date: '2024-09-20', render: false, today: TODAY });

  await draftReply(d.db, handler, b, { key: 'release', released: [{ description: '《项目资金使用情况表》' }], provision: '电子邮件发送' }, { today: '2024-10-08' });
  await signReply(d.db, reviewer, b, { date: '2024-10-08', today: TODAY, render: false });
  const c2025 = await accepted('2025-01-06');
  await draftReply(d.db, handler, c2025, { key: 'not_held' }, { today: '2025-01-20' });
  await assert.rejects(signReply(d.db, reviewer, c2025, { date: '2025-01-20', today: TODAY, render: false }), (e: AppError) => e.status === 422 && e.code === 'notice_unissued' && /接收回执/.test(e.msg.zh));
  assert.equal((await kindOf(c2025, 'reply.not_held'))[0].status, 'draft', 'refused: nothing issued');
  await issueNoticesBeforeAnswer(d.db, handler, c2025, { today: TODAY });
  await signReply(d.db, reviewer, c2025, { date: '2025-01-20', today: TODAY, render: false });

  const numbers = await d.db.selectFrom('request_letters').select(['kind', 'number']).where('status', '=', 'issued').orderBy('id').execute();
  assert.deepEqual(numbers.map((n) => `${n.kind} ${n.number}`), [
    'receipt 测司公收〔2024〕1号',
    'receipt 测司公收〔2024〕2号',
    'correction_notice 测司公补〔2024〕1号',
    'consultation_letter 测司公征〔2024〕1号',
    'consultation_letter 测司公征〔2024〕2号',
    'extension_notice 测司公延〔2024〕1号',
    'reply.release 测司公复〔2024〕1号',
    'receipt 测司公收〔2025〕1号',
    'reply.not_held 测司公复〔2025〕1号',
  ]);

  // issued without rendering (as the demo seed does): rendered once on first download, then kept
  const [r0] = await kindOf(a, 'receipt');
  const stored = () => d.db.selectFrom('request_letters').select(['docx_enc as docx', 'pdf_enc as pdf']).where('id', '=', r0.id).executeTakeFirstOrThrow();
  assert.equal((await stored()).docx, null);
  const f = await letterFile(d.db, r0, 'docx');
  assert.ok(extractDocxText(f.bytes).includes('测司公收〔2024〕1号'));
  assert.equal(f.filename, '测司公收〔2024〕1号-政府信息公开申请接收回执.docx');
  assert.ok((await stored()).docx, 'kept after the first download');
  assert.equal((await stored()).pdf, null, 'the other format is rendered only when asked for');
});

test('a partial-release reply opens as DOCX and PDF with its number, date, articles and remedies — and no personal data', async () => {
  const id = await accepted('2024-09-09');
  await draftReply(d.db, handler, id, {
    key: 'partial', released: [{ description: '招标公告和中标结果' }], provision: '随本答复书以电子邮件发送',
    withheld: [{ description: '投标人报价明细', ground: 'refuse_third_party', reason: '经书面征求意见，第三方不同意公开且理由合理' }],
  }, { today: '2024-09-26' });
  await issueNoticesBeforeAnswer(d.db, handler, id, { today: TODAY });
  await signReply(d.db, reviewer, id, { date: '2024-09-26', today: TODAY });
  const [reply] = await kindOf(id, 'reply.partial');
  assert.equal(reply.status, 'issued');
  const stored = await d.db.selectFrom('request_letters').select(['docx_enc as docx', 'pdf_enc as pdf']).where('id', '=', reply.id).executeTakeFirstOrThrow();
  assert.ok(stored.docx && stored.pdf, 'the rendered files are stored when issued');
  const docx = extractDocxText((await letterFile(d.db, reply, 'docx')).bytes);
  const pdf = await extractPdfText((await letterFile(d.db, reply, 'pdf')).bytes);
  // in the PDF, the page number (— 1 —) falls between the lines at a page break
  for (const [what, text] of [['docx', docx], ['pdf', pdf.replace(/\s+/g, '').replace(/—\d+—/g, '')]] as const) {
    assert.match(reply.number!, /^测司公复〔2024〕\d+号$/);
    for (const must of [reply.number!, '测试市司法局', '政府信息公开申请答复书', '2024年9月26日', '2024年9月9日', '第三十七条', '第十五条', '投标人报价明细', '招标公告和中标结果', '测试市人民政府', '测试市某区人民法院', '60日', '6个月', '王小明']) {
      assert.ok(text.includes(must.replace(/\s+/g, '')), `${what} says ${must}`);
    }
    for (const never of [ID, PHONE, 'wang@example.com']) assert.ok(!text.includes(never), `${what} never contains ${never}`);
  }
});

test('drafts are edited (numbers masked); issued letters are frozen, even against direct SQL', async () => {
  const id = await accepted('2024-10-08');
  const [receipt] = await kindOf(id, 'receipt');
  const paragraphs = (receipt.model as { blocks: { type: string; runs: unknown }[] }).blocks.filter((b) => b.type === 'paragraph').map((b) => (typeof b.runs === 'string' ? b.runs : ''));
  paragraphs[paragraphs.length - 1] = `申请人身份证号${ID}，电话${PHONE}。\n\n特此回执。`;
  await updateDraft(d.db, handler, receipt.id, paragraphs);
  const edited = (await letterById(d.db, receipt.id))!;
  const text = JSON.stringify(edited.model);
  assert.ok(!text.includes(ID) && !text.includes(PHONE), 'identity and mobile numbers typed into a letter are masked');
  assert.match(text, /110\*+8515/);
  assert.match(text, /138\*\*\*\*1234/);
  await issueLetter(d.db, handler, receipt.id, { date: '2024-10-08', today: TODAY });
  await assert.rejects(updateDraft(d.db, handler, receipt.id, ['x']), (e: AppError) => e.status === 409);
  await assert.rejects(issueLetter(d.db, handler, receipt.id, { date: '2024-10-08', today: TODAY }), (e: AppError) => e.status === 409);
  await assert.rejects(sql`update request_letters set model_enc = 'x' where id = ${receipt.id}`.execute(d.db), /cannot be changed/);
  await assert.rejects(sql`update request_letters set number = 'X' where id = ${receipt.id}`.execute(d.db), /cannot be changed/);
});

test('a refusal (and a full release) needs the remedies clause: without a reconsideration organ and court configured the reply cannot be drafted', async () => {
  const town = await ctxFor(d.db, 'countyadmin');
  const r = await registerByStaff(d.db, cfg, town, tree.town.id, paperApplication('2024-11-04'), { today: TODAY });
  await applyStep(d.db, town, r.caseId, { type: 'accept', date: '2024-11-04' }, { today: TODAY });
  await assert.rejects(draftReply(d.db, town, r.caseId, { key: 'refuse_internal_affairs', reason: '内部考勤记录' }, { today: TODAY }), (e: AppError) => e.status === 422 && e.code === 'remedies_not_configured');
  // a full release states the remedies too (条例 第五十一条, #14.8), so it cannot be drafted either
  await assert.rejects(draftReply(d.db, town, r.caseId, { key: 'release', released: [{ description: '某文件' }], provision: '邮寄' }, { today: TODAY }), (e: AppError) => e.status === 422 && e.code === 'remedies_not_configured');
});
