/**
 * Demo cases for the demo city: every result of 条例 第三十六条 (each annual-report row 3.3.1 … 3.3.6.3)
 * concluded in 2024 or 2025, open cases in each phase (one overdue, one due soon, paused ones), one
 * with a reconsideration and a lawsuit. All people are fictional: identity numbers have valid check
 * characters but birth dates in 1900, phones are in the 1xx-5550-xxxx block. Built through the same
 * commands as real cases, so events, letters, numbers and audit entries are all there.
 */
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import type { Config } from '../../../config/env.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { calendarFor } from '../../../core/calendar/store.ts';
import type { WorkCalendar } from '../../../core/calendar/index.ts';
import { DEMO_SEEDERS, seedConfig } from '../../system/seed.ts';
import { unitBySlug } from '../../units/repository.ts';
import type { CaseEventInput, Disposition, DispositionKey } from '../domain/index.ts';
import { applyStep, assignHandler, draftReply, recordDelivery, signReply } from '../commands.ts';
import { confirmSubmission, registerByStaff, submitOnline } from '../intake-commands.ts';
import { issueLetter, issueNoticesBeforeAnswer } from '../store/letters-store.ts';
import { lettersOf } from '../store/repository.ts';
import { recordAppeal, updateAppeal } from '../store/supervision.ts';
import { superviseCase } from '../store/supervision-orders.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A fictional identity number: 双塔区 region code, a birth date in 1900, a valid check character (GB 11643). */
export function demoIdNumber(n: number): string {
  const birth = new Date(Date.UTC(1900, 0, 1 + ((n * 7) % 364)));
  const body = `211302${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(100 + (n % 900)).padStart(3, '0')}`;
  const sum = WEIGHTS.reduce((a, w, i) => a + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

export const demoPhone = (n: number) => `13${n % 10}5550${String(1000 + n).slice(-4)}`;

const PEOPLE = ['陈一鸣', '林书涵', '周启航', '吴若溪', '郑雨桐', '孙浩然', '马思远', '胡可欣', '郭子墨', '何嘉怡', '高文博', '罗晓雯', '谢知远', '韩语嫣', '唐亦凡', '冯清扬'];
const ORGS: [string, string][] = [
  ['commercial', '朝阳示例商贸有限公司'], ['research', '辽西示例生态环境研究所'], ['public_interest', '朝阳示例公益环保协会'],
  ['legal_services', '辽宁示例律师事务所'], ['other_org', '示例小区业主委员会'],
];

const REQUESTS: [string, string][] = [
  ['2023年城市道路维修项目资金使用情况', '包括项目清单和资金拨付明细'],
  ['老旧小区改造实施方案', '2024年度双塔区老旧小区改造的实施方案及小区名单'],
  ['燕都大街拓宽工程环境影响评价文件', '环评报告及批复'],
  ['2024年度行政事业性收费项目目录', ''],
  ['凌河公园改造工程招标文件', '招标公告、中标结果及合同'],
  ['中心城区停车收费标准调整的依据', '价格听证材料'],
];

/** A sample result for each key, with what its reply must state (dispositions.ts `requires`). */
const DISPOSITIONS: Record<DispositionKey, Disposition> = {
  already_public: { key: 'already_public', access: '朝阳市人民政府门户网站“政府信息公开—法定主动公开内容—财政预决算”栏目' },
  release: { key: 'release', released: [{ description: '《朝阳市2023年城市道路维修项目资金使用情况表》' }], provision: '随本答复书以电子邮件发送' },
  partial: { key: 'partial', released: [{ description: '招标公告和中标结果公告' }], withheld: [{ description: '投标人报价明细', ground: 'refuse_third_party', reason: '经书面征求意见，投标人不同意公开且理由合理' }], provision: '随本答复书一并邮寄' },
  refuse_state_secret: { key: 'refuse_state_secret', reason: '该文件已依法定为秘密级国家秘密' },
  refuse_law_prohibited: { key: 'refuse_law_prohibited', reason: '所申请信息为统计调查中单个调查对象的资料', otherBasis: ['《中华人民共和国统计法》第三十九条'] },
  refuse_security_stability: { key: 'refuse_security_stability', reason: '该信息涉及供水设施的安全防范部署' },
  refuse_third_party: { key: 'refuse_third_party', reason: '该信息包含他人的家庭住址和收入情况，第三方不同意公开' },
  refuse_internal_affairs: { key: 'refuse_internal_affairs', reason: '所申请信息为本机关内部考勤管理记录' },
  refuse_process_info: { key: 'refuse_process_info', reason: '所申请信息为专题会议讨论记录' },
  refuse_enforcement_file: { key: 'refuse_enforcement_file', reason: '所申请信息为行政处罚案件的调查询问笔录' },
  refuse_admin_query: { key: 'refuse_admin_query', procedure: '持身份证明到朝阳市不动产登记中心依照《不动产登记资料查询暂行办法》申请查询' },
  not_held: { key: 'not_held' },
  not_responsible: { key: 'not_responsible', reason: '该信息由市住房和城乡建设部门制作并保存', holder: { name: '朝阳市住房和城乡建设局', contact: '0421-5559901' } },
  needs_creation: { key: 'needs_creation', reason: '所要求的汇总表需对多个年度的数据重新归集计算' },
  unclear_after_correction: { key: 'unclear_after_correction' },
  petition_complaint: { key: 'petition_complaint', procedure: '12345政务服务便民热线' },
  repeat_request: { key: 'repeat_request', previous: { date: '2024-03-15', number: '市政府办公复〔2024〕1号' } },
  publication: { key: 'publication', access: '朝阳市图书馆政府信息公开查阅点' },
  excessive_requests: { key: 'excessive_requests', reason: '申请人一个月内提出申请六十余件，经要求说明理由，所述理由与申请内容无关' },
  confirm_or_reissue: { key: 'confirm_or_reissue' },
  correction_lapsed: { key: 'correction_lapsed' },
  fee_unpaid: { key: 'fee_unpaid' },
  withdrawn: { key: 'withdrawn' },
  other: { key: 'other', reason: '申请人书面表示已通过其他途径获得所需信息，不再需要答复' },
};

type Keys = Pick<Config, 'piiKeys' | 'maxUploadMb'>;

interface Seeder {
  db: Db;
  ctx: CommandContext;
  cfg: Config;
  cal: WorkCalendar;
  n: number;
  /** unit id → the demo handler who takes its cases (szfb.handler, shuangta.admin) */
  handlers: Map<number, number>;
}

function applicant(s: Seeder, org = false): Record<string, string> {
  const i = s.n++;
  const r = REQUESTS[i % REQUESTS.length];
  const base = {
    id_number: demoIdNumber(i), phone: demoPhone(i), email: `applicant${i}@example.com`, address: `辽宁省朝阳市双塔区示例路${10 + i}号`,
    postcode: '122000', info_title: r[0], description: r[1], form: 'electronic', delivery: i % 2 ? 'email' : 'post',
  };
  if (!org) return { applicant_type: 'natural', name: PEOPLE[i % PEOPLE.length], id_type: 'resident_id', ...base };
  const [kind, name] = ORGS[i % ORGS.length];
  return { applicant_type: 'org', org_kind: kind, name, contact_person: PEOPLE[(i + 3) % PEOPLE.length], id_type: 'resident_id', ...base };
}

/** An application handed in on `date` at the unit (in person), registered by staff that day. */
async function paper(s: Seeder, unitId: number, date: string, org = false): Promise<number> {
  const r = await registerByStaff(s.db, s.cfg, s.ctx, unitId, { ...applicant(s, org), channel: 'in_person', handed_in: date }, { today: date });
  await assign(s, r.caseId, unitId);
  const receipt = (await lettersOf(s.db, r.caseId)).find((l) => l.kind === 'receipt');
  if (receipt) await issueLetter(s.db, s.ctx, receipt.id, { date, render: false, today: date });
  return r.caseId;
}

/** An online application submitted and confirmed on `date`. */
async function online(s: Seeder, unitId: number, date: string, org = false, confirm = true): Promise<number> {
  const unit = (await s.db.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirstOrThrow());
  const r = await submitOnline(s.db, s.cfg, unit, applicant(s, org), [], { ip: null, now: new Date(`${date}T09:30:00+08:00`) });
  if (r.kind !== 'created') throw new Error('demo submission not stored');
  if (confirm) {
    await confirmSubmission(s.db, s.ctx, r.caseId, { date }, { today: date });
    await assign(s, r.caseId, unitId);
  }
  return r.caseId;
}

async function assign(s: Seeder, caseId: number, unitId: number) {
  const h = s.handlers.get(unitId);
  if (h) await assignHandler(s.db, s.ctx, caseId, h);
}

const step = (s: Seeder, id: number, input: CaseEventInput, today: string) => applyStep(s.db, s.ctx, id, input, { today, render: false });

/** Replies and delivers: the usual end of a case. */
async function conclude(s: Seeder, id: number, d: Disposition, on: string, deliver = true) {
  await draftReply(s.db, s.ctx, id, d, { today: on });
  await issueNoticesBeforeAnswer(s.db, s.ctx, id, { today: on });
  await signReply(s.db, s.ctx, id, { date: on, today: on, render: false });
  if (!deliver) return;
  const next = s.cal.addWorkdays(on, 1);
  const reply = (await lettersOf(s.db, id)).find((l) => l.kind.startsWith('reply.') && l.status === 'issued')!;
  await recordDelivery(s.db, s.ctx, reply.id, { method: 'post', date: next }, { today: next });
  await step(s, id, { type: 'close', date: next }, next);
}

/** The n-th working day before today (today itself not counted). */
function workdaysBefore(cal: WorkCalendar, today: string, n: number): string {
  let d = today;
  while (cal.countWorkdays(d, today) < n) d = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  while (!cal.isWorkday(d)) d = new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return d;
}

export async function seedRequests(db: Db, ctx: CommandContext, cfg: Keys & Partial<Config>, log: (s: string) => void, today = shanghaiDate()): Promise<number> {
  const units = Object.fromEntries(await Promise.all(['szfb', 'sfj', 'shuangta', 'zrzyj', 'wjw'].map(async (slug) => [slug, (await unitBySlug(db, slug))?.id] as const)));
  if (!units.szfb || !units.sfj || !units.shuangta) return 0;
  // present in the demo city (checked above); zrzyj may be absent in a trimmed tree
  const U = units as Record<string, number>;
  const handlers = new Map<number, number>();
  for (const [slug, username] of [['szfb', 'szfb.handler'], ['shuangta', 'shuangta.admin']]) {
    const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    if (u && units[slug]) handlers.set(units[slug]!, u.id);
  }
  const s: Seeder = { db, ctx, cfg: cfg as Config, cal: await calendarFor(db), n: 0, handlers };
  const w = (d: string, k: number) => s.cal.addWorkdays(d, k);
  let made = 0;
  const run = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      made++;
    } catch (e) {
      log(`requests demo: ${what} failed: ${(e as Error).message}`);
    }
  };

  // Concluded cases, one per result, spread over 2024 and 2025 (received on working days).
  const answerKeys = (Object.keys(DISPOSITIONS) as DispositionKey[]).filter((k) => !['correction_lapsed', 'fee_unpaid', 'withdrawn', 'unclear_after_correction', 'partial', 'refuse_third_party', 'excessive_requests'].includes(k));
  for (const [i, key] of answerKeys.entries()) {
    const unit = [U.szfb, U.sfj, U.shuangta][i % 3];
    const received = w(i % 2 ? '2024-02-28' : '2025-01-06', i * 7);
    await run(key, async () => {
      const id = i % 2 ? await paper(s, unit, received, i % 4 === 1) : await online(s, unit, received, i % 4 === 0);
      await step(s, id, { type: 'accept', date: received }, received);
      await conclude(s, id, DISPOSITIONS[key], w(received, 8 + (i % 6)));
    });
  }
  // partial release and third-party refusal after consulting the third party (条例 第三十二条)
  for (const [i, key] of (['partial', 'refuse_third_party'] as const).entries()) {
    await run(key, async () => {
      const received = w('2024-05-06', i * 3);
      const id = await online(s, U.szfb, received, i === 0);
      await step(s, id, { type: 'accept', date: received }, received);
      const asked = w(received, 2);
      await step(s, id, { type: 'start_consultation', date: asked, parties: [{ kind: 'third_party', name: '朝阳示例建设工程有限公司' }] }, asked);
      const letters = (await lettersOf(db, id)).filter((l) => l.kind === 'consultation_letter' && l.status === 'draft');
      for (const l of letters) await issueLetter(db, ctx, l.id, { date: asked, render: false, today: asked });
      const back = w(asked, 9);
      await step(s, id, { type: 'end_consultation', date: back, outcome: 'objected', note: '第三方书面表示不同意公开报价明细' }, back);
      await conclude(s, id, DISPOSITIONS[key], w(back, 3));
    });
  }
  // still unclear after a correction (条例 第三十条)
  await run('unclear_after_correction', async () => {
    const received = '2024-09-02';
    const id = await paper(s, U.sfj, received);
    await step(s, id, { type: 'request_correction', date: w(received, 3), items: ['请写明所需文件的名称、文号或者形成时间'], correctBy: w(received, 13) }, w(received, 3));
    await step(s, id, { type: 'correct', date: w(received, 8) }, w(received, 8));
    await conclude(s, id, DISPOSITIONS.unclear_after_correction, w(received, 20));
  });
  // 条例 第三十五条: asked for reasons, found unreasonable → 不予处理 (3.3.5.4)
  await run('excessive_requests', async () => {
    const received = '2024-11-04';
    const id = await paper(s, U.szfb, received);
    await step(s, id, { type: 'accept', date: received }, received);
    const asked = w(received, 2);
    await step(s, id, { type: 'request_reasons', date: asked, facts: '自2024年10月1日至11月4日，您共向本机关提出政府信息公开申请六十余件', replyBy: w(asked, 5) }, asked);
    const notice = (await lettersOf(db, id)).find((l) => l.kind === 'reasons_request')!;
    await issueLetter(db, ctx, notice.id, { date: asked, render: false, today: asked });
    await conclude(s, id, DISPOSITIONS.excessive_requests, w(asked, 9));
  });
  // abandoned: no correction in time (3.3.6.1)
  await run('correction_lapsed', async () => {
    const received = '2024-10-14';
    const id = await online(s, U.shuangta, received);
    const by = w(received, 12);
    await step(s, id, { type: 'request_correction', date: w(received, 2), items: ['请提供身份证明'], correctBy: by }, w(received, 2));
    const after = w(by, 2);
    await step(s, id, { type: 'abandon', date: after }, after);
    const notice = (await lettersOf(db, id)).find((l) => l.kind === 'reply.correction_lapsed')!;
    await issueLetter(db, ctx, notice.id, { date: after, render: false, today: after });
  });
  // fee not paid (3.3.6.2, 国办函〔2020〕109号)
  await run('fee_unpaid', async () => {
    const received = '2025-03-03';
    const id = await paper(s, U.szfb, received, true);
    await step(s, id, { type: 'accept', date: received }, received);
    const sent = w(received, 5);
    await step(s, id, { type: 'send_fee_notice', date: sent, amountYuan: 200, method: 'per_request' }, sent);
    const lapse = w(sent, 22);
    await step(s, id, { type: 'fee_lapse', date: lapse }, lapse);
  });
  // withdrawn (3.3.6.3)
  await run('withdrawn', async () => {
    const received = '2025-04-07';
    const id = await online(s, U.sfj, received);
    await step(s, id, { type: 'accept', date: received }, received);
    await step(s, id, { type: 'withdraw', date: w(received, 4), reason: '申请人电话告知撤回' }, w(received, 4));
  });
  // an extension (条例 第三十三条第二款), then a release; and the refusal that was appealed
  await run('extended release', async () => {
    const received = '2025-05-12';
    const id = await online(s, U.szfb, received, true);
    await step(s, id, { type: 'accept', date: received }, received);
    const ext = w(received, 18);
    await step(s, id, { type: 'extend', date: ext, workdays: 15, reason: '所需信息涉及多个部门，需要协调核实', approvedBy: '刘晓东' }, ext);
    const notice = (await lettersOf(db, id)).find((l) => l.kind === 'extension_notice')!;
    await issueLetter(db, ctx, notice.id, { date: ext, render: false, today: ext });
    await conclude(s, id, DISPOSITIONS.release, w(ext, 10));
  });
  await run('appealed', async () => {
    const received = '2024-03-11';
    const id = await paper(s, U.shuangta, received);
    await step(s, id, { type: 'accept', date: received }, received);
    await conclude(s, id, DISPOSITIONS.refuse_process_info, w(received, 12));
    // one row per appeal, filed then decided (#14.4)
    const review = await recordAppeal(db, ctx, id, { kind: 'review', outcome: 'pending', filed_on: '2024-04-15', body: '朝阳市人民政府', note: '演示数据' }, { today });
    await updateAppeal(db, ctx, review, { outcome: 'upheld', decided_on: '2024-06-14', note: '演示数据：朝阳市人民政府维持原答复' }, { today });
    await recordAppeal(db, ctx, id, { kind: 'litigation_after_review', outcome: 'pending', filed_on: '2024-07-01', body: '朝阳市双塔区人民法院', note: '演示数据：法院已受理' }, { today });
  });

  // Open cases, dated back from today so the demo always has an overdue one, a due-soon one and paused ones.
  await run('submitted', () => online(s, U.szfb, today, false, false));
  await run('submitted org', () => online(s, U.sfj, today, true, false));
  await run('registered', async () => online(s, U.szfb, workdaysBefore(s.cal, today, 1)));
  await run('overdue', async () => {
    const received = workdaysBefore(s.cal, today, 23);
    const id = await paper(s, U.szfb, received);
    await step(s, id, { type: 'accept', date: received }, received);
  });
  await run('due soon', async () => {
    const received = workdaysBefore(s.cal, today, 17);
    const id = await online(s, U.szfb, received, true);
    await step(s, id, { type: 'accept', date: received }, received);
    // 督办 (#14.9): listed for the handler and the unit administrator until the case is answered
    await superviseCase(db, ctx, id, { instruction: '（演示）该申请即将到期，请抓紧办理并按期答复', reply_by: s.cal.addWorkdays(today, 2) }, { today });
  });
  await run('in consultation', async () => {
    const received = workdaysBefore(s.cal, today, 8);
    const id = await online(s, U.sfj, received);
    await step(s, id, { type: 'accept', date: received }, received);
    const asked = w(received, 3);
    await step(s, id, { type: 'start_consultation', date: asked, parties: [{ kind: 'third_party', name: '朝阳示例物业服务有限公司' }] }, asked);
  });
  // 条例 第三十五条: reasons found reasonable, a later due date set (open, due after the Art. 33 date)
  await run('reasonable later period', async () => {
    const received = workdaysBefore(s.cal, today, 12);
    const id = await online(s, U.szfb, received);
    await step(s, id, { type: 'accept', date: received }, received);
    const asked = w(received, 2);
    await step(s, id, { type: 'request_reasons', date: asked, facts: '自本月初以来，您共向本机关提出政府信息公开申请四十五件', replyBy: w(asked, 5) }, asked);
    const decided = w(asked, 7);
    await step(s, id, { type: 'set_reasonable_period', date: decided, dueDate: w(received, 45), reason: '所申请的四十五件信息分属多个科室，需逐件检索、审查', approvedBy: '刘晓东' }, decided);
  });
  await run('awaiting correction', async () => {
    const received = workdaysBefore(s.cal, today, 3);
    const id = await paper(s, U.shuangta, received);
    const on = w(received, 1);
    await step(s, id, { type: 'request_correction', date: on, items: ['请写明所需信息的名称或文号'], correctBy: w(on, 10) }, on);
  });
  await run('fee notice', async () => {
    const received = workdaysBefore(s.cal, today, 6);
    const id = await paper(s, U.szfb, received, true);
    await step(s, id, { type: 'accept', date: received }, received);
    const sent = w(received, 2);
    await step(s, id, { type: 'send_fee_notice', date: sent, amountYuan: 100, method: 'per_request' }, sent);
  });
  await run('answered, not delivered', async () => {
    const received = workdaysBefore(s.cal, today, 10);
    const id = await online(s, U.szfb, received);
    await step(s, id, { type: 'accept', date: received }, received);
    await conclude(s, id, DISPOSITIONS.already_public, w(received, 5), false);
  });
  if (U.zrzyj) {
    await run('transferred', async () => {
      const received = workdaysBefore(s.cal, today, 2);
      const id = await online(s, U.szfb, received);
      await step(s, id, { type: 'transfer', date: received, toUnitId: String(U.zrzyj), reason: '所需信息由市自然资源局制作并保存' }, received);
    });
  }
  log(`requests: ${made} demo cases`);
  return made;
}

DEMO_SEEDERS.push({
  name: 'requests',
  run: async (db, ctx, log) => {
    // The seeder interface carries no configuration: the environment's, with the process's PII keys.
    const cfg = seedConfig();
    await seedRequests(db, ctx, cfg, log);
  },
});
