/**
 * Demo 重大行政决策 participation for the demo city: the city's 2026 catalogue (and a department's), one
 * closed consultation with moderated comments, a hearing with its record and the published feedback
 * (decision then marked decided), one consultation open now with a hearing taking sign-ups, one closed
 * with a shortened window (reason given) whose feedback is being prepared, and a listed decision not yet
 * out for comment. Every name, phone and text is fictional.
 */
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { DEMO_SEEDERS, seedConfig } from '../../system/seed.ts';
import { listUnits } from '../../units/repository.ts';
import type { Config } from '../../../config/env.ts';
import { moderateComment, publishConsultation, publishFeedback, publishHearingRecord, saveConsultation, saveDecision, saveHearing, selectSignup, setDecisionStatus } from '../commands/editorial.ts';
import { signUpForHearing, submitComment } from '../commands/public.ts';

const P = (s: string) => s.split('\n').map((x) => `<p>${x}</p>`).join('');
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

export async function seedConsultations(db: Db, cfg: Pick<Config, 'piiKeys' | 'sessionSecret'>, ctx: CommandContext, log: (s: string) => void, today = shanghaiDate()): Promise<number> {
  const units = await listUnits(db, { activeOnly: true });
  const city = units.find((u) => u.type === 'city_government');
  const dept = units.find((u) => u.type === 'department' && u.name.endsWith('民政局')) ?? units.find((u) => u.type === 'department');
  if (!city) return 0;
  const year = Number(today.slice(0, 4));
  // related documents: published ones of the city on the same subject, when the demo corpus has them
  const docs = await db.selectFrom('documents').select('index_no').where('unit_id', '=', city.id).where('status', '=', 'published').where('disclosure', '=', 'proactive')
    .where((eb) => eb.or([eb('title', 'like', '%垃圾%'), eb('title', 'like', '%环境卫生%')])).orderBy('id').limit(2).execute();
  const c = cfg as Config;
  let n = 0;

  // 1. closed, moderated, hearing held, feedback published, decided
  const d1 = await saveDecision(db, ctx, { id: null, unitId: city.id }, { year: String(year), title: '朝阳市生活垃圾分类管理办法', undertaker: '朝阳市城市管理局', summary: '规范居民小区、公共机构和经营场所的生活垃圾分类投放、收集、运输和处理（演示）。' }, today);
  const o1 = addDays(today, -80);
  const k1 = await saveConsultation(db, ctx, { id: null, decisionId: d1 }, {
    title: '关于《朝阳市生活垃圾分类管理办法（征求意见稿）》公开征求意见的公告',
    draft_html: P('第一条 为了推进生活垃圾分类，改善人居环境，结合本市实际，制定本办法。\n第二条 本市生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾。\n第三条 居民小区应当设置分类投放点，定时定点投放。（演示）'),
    explanation_html: P('一、起草背景：本市生活垃圾日均产生量逐年增加，现行规定未明确分类标准。\n二、主要内容：明确四分类标准、投放管理责任人制度和收运处理要求。\n三、征求意见情况：已征求各区政府和市直有关部门意见。（演示）'),
    opens_on: o1, closes_on: addDays(o1, 29), related: docs.map((x) => x.index_no).join('\n'),
  });
  await publishConsultation(db, ctx, k1, o1);
  const comments1 = [
    { name: '李先生', contact: '13800000101', body: '建议在老旧小区增设厨余垃圾破袋设施，方便老年人投放。' },
    { name: '', contact: 'demo.resident@example.cn', body: '定时定点投放的时间能否延长到晚上九点？上班族晚上七点前很难回家。' },
    { name: '张女士', contact: '13800000103', body: '建议对有害垃圾单独设立回收日，并公布回收点位。' },
    { name: '', contact: '13800000104', body: '加我微信领取优惠券 xxxx' },
  ];
  const ids1: number[] = [];
  for (const [i, x] of comments1.entries()) {
    const r = await submitComment(db, c, k1, x, { ip: null, now: at(addDays(o1, 3 + i * 5)) });
    ids1.push(r.id);
  }
  for (const id of ids1.slice(0, 3)) await moderateComment(db, ctx, id, { action: 'publish' });
  await moderateComment(db, ctx, ids1[3], { action: 'reject', reason: 'advertising' });
  const h1 = await saveHearing(db, ctx, { id: null, consultationId: k1 }, { held_on: addDays(o1, 20), held_time: '09:30', place: '朝阳市政务服务中心三楼会议室', signup_closes_on: addDays(o1, 12), seats: '12', selection_method: '按居民代表、企业代表、专家学者分类遴选，同类报名人数超过名额的抽签确定（演示）。' });
  const s1 = await signUpForHearing(db, c, h1, { name: '王建国', contact: '13800000111', statement: '小区物业代表，关注投放点设置成本。' }, { ip: null, now: at(addDays(o1, 5)) });
  const s2 = await signUpForHearing(db, c, h1, { name: '赵丽', contact: '13800000112', statement: '居民代表。' }, { ip: null, now: at(addDays(o1, 6)) });
  await selectSignup(db, ctx, s1, true);
  await selectSignup(db, ctx, s2, true);
  await publishHearingRecord(db, ctx, h1, { record: '听证会于上午九时三十分开始，市城市管理局介绍了办法草案及起草依据。\n听证参加人王建国建议对老旧小区投放点改造给予补助；赵丽建议延长投放时间。\n听证参加人确认了本记录并签字。（演示）' }, addDays(o1, 21));
  await publishFeedback(db, ctx, k1, {
    summary_fb: '征求意见期间共收到意见 4 条，其中 1 条为广告内容未予公开。经研究，采纳 2 条，部分采纳 1 条，已据此修改办法草案第三条、第十二条。（演示）',
    [`adoption_${ids1[0]}`]: 'adopted', [`adoption_${ids1[1]}`]: 'partly', [`response_${ids1[1]}`]: '投放时间由各小区结合实际确定，但不得早于晚上八点结束。',
    [`adoption_${ids1[2]}`]: 'adopted',
  }, addDays(o1, 35));
  await setDecisionStatus(db, ctx, d1, { status: 'adopted', decided_on: addDays(o1, 50) }, today);
  n++;

  // 2. open now, with a hearing taking sign-ups
  const d2 = await saveDecision(db, ctx, { id: null, unitId: city.id }, { year: String(year), title: '朝阳市中心城区停车设施专项规划（2026—2035年）', undertaker: '朝阳市自然资源局', summary: '确定中心城区公共停车场布局、配建标准和建设时序（演示）。' }, today);
  const o2 = addDays(today, -10);
  const k2 = await saveConsultation(db, ctx, { id: null, decisionId: d2 }, {
    title: '关于《朝阳市中心城区停车设施专项规划（2026—2035年）（草案）》公开征求意见的公告',
    draft_html: P('一、规划范围：中心城区，面积约 86 平方公里。\n二、规划目标：到 2035 年，基本建成配建为主、公共为辅、路内为补充的停车设施体系。\n三、近期建设：新建公共停车场 24 处，新增泊位约 6000 个。（演示）'),
    explanation_html: P('本规划依据城市总体规划编制，已完成专家论证和交通影响评估。现公开征求意见，欢迎社会各界提出意见建议。（演示）'),
    opens_on: o2, closes_on: addDays(o2, 34),
  });
  await publishConsultation(db, ctx, k2, o2);
  const comments2 = [
    { name: '周先生', contact: '13800000201', body: '建议在医院和学校周边优先建设公共停车场，缓解接送高峰拥堵。' },
    { name: '', contact: '13800000202', body: '希望新建停车场配置充电桩。' },
  ];
  for (const [i, x] of comments2.entries()) {
    const r = await submitComment(db, c, k2, x, { ip: null, now: at(addDays(o2, 1 + i)) });
    if (i === 0) await moderateComment(db, ctx, r.id, { action: 'publish' });
  }
  await saveHearing(db, ctx, { id: null, consultationId: k2 }, { held_on: addDays(today, 20), held_time: '14:30', place: '朝阳市自然资源局二楼听证室', signup_closes_on: addDays(today, 10), seats: '15', selection_method: '按报名先后并兼顾各区代表，名单于听证会 5 日前公布（演示）。' });
  n++;

  // 3. a department's consultation, shortened window with the reason, feedback being prepared
  if (dept) {
    const d3 = await saveDecision(db, ctx, { id: null, unitId: dept.id }, { year: String(year), title: `${dept.short_name}公共服务事项调整方案`, undertaker: dept.name, summary: '（演示）' }, today);
    const o3 = addDays(today, -30);
    const k3 = await saveConsultation(db, ctx, { id: null, decisionId: d3 }, {
      title: `关于《${dept.short_name}公共服务事项调整方案（征求意见稿）》公开征求意见的公告`,
      draft_html: P('一、调整事项：将部分窗口服务事项调整为网上办理。\n二、过渡安排：保留线下窗口六个月。（演示）'),
      explanation_html: P('为配合全市“一网通办”上线时间安排，本方案需在上线前完成审议。（演示）'),
      opens_on: o3, closes_on: addDays(o3, 19), short_reason: '配合全市“一网通办”平台上线时间，征求意见期限缩短为 20 日（演示）。',
    });
    await publishConsultation(db, ctx, k3, o3);
    const r = await submitComment(db, c, k3, { name: '', contact: '13800000301', body: '建议为不会使用手机的老年人保留线下窗口，不要设六个月期限。' }, { ip: null, now: at(addDays(o3, 4)) });
    await moderateComment(db, ctx, r.id, { action: 'publish' });
    n++;
  }

  // 4. listed, not yet out for comment
  await saveDecision(db, ctx, { id: null, unitId: city.id }, { year: String(year), title: '朝阳市养老服务设施布局规划', undertaker: '朝阳市民政局', summary: '计划于下半年公开征求意见（演示）。' }, today);
  log(`consultations: ${n} consultations, 4 catalogue entries`);
  return n;
}

DEMO_SEEDERS.push({ name: 'consultations', run: async (db, ctx, log) => void (await seedConsultations(db, seedConfig(), ctx, log)) });
