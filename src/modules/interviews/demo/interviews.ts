/**
 * Demo 在线访谈 / 新闻发布会 of the demo city (work plan points 7 and 19): a past interview on the
 * “六稳”“六保” policies with its transcript and answered citizen questions, a press conference with
 * its 发布人 and 发布词, and an upcoming interview taking questions (some approved, one awaiting
 * moderation). Every name, phone and text is fictional.
 */
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import type { Config } from '../../../config/env.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { DEMO_SEEDERS, seedConfig } from '../../system/seed.ts';
import { listUnits } from '../../units/repository.ts';
import { addEntry, moderateQuestion, moveEvent, saveEvent } from '../commands/editorial.ts';
import { askQuestion } from '../commands/public.ts';

const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

export async function seedInterviews(db: Db, cfg: Pick<Config, 'piiKeys' | 'sessionSecret'>, ctx: CommandContext, log: (s: string) => void, today = shanghaiDate()): Promise<number> {
  const units = await listUnits(db, { activeOnly: true });
  const city = units.find((u) => u.type === 'city_government');
  if (!city) return 0;
  // related policies: published city documents that have a published 解读, when the demo corpus has them
  const docs = await db.selectFrom('documents as d').select('d.index_no').where('d.unit_id', '=', city.id).where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive')
    .where('d.interprets_id', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('documents as j').select('j.id').whereRef('j.interprets_id', '=', 'd.id').where('j.status', '=', 'published')))
    .orderBy('d.id').limit(2).execute();
  const related = docs.map((d) => d.index_no).join('\n');

  // 1. a past interview with its transcript
  const past = addDays(today, -20);
  const i1 = await saveEvent(db, ctx, { id: null, unitId: city.id }, {
    kind: 'interview', title: '做好“六稳”工作、落实“六保”任务——市发展改革委负责同志在线访谈', topic: '“六稳”“六保”政策落实情况及企业关心的减税降费、稳岗就业问题',
    starts_at: `${past}T15:00`, place: '朝阳市人民政府网站“利民热线”直播间', related,
    guests: '孙立群|副主任|朝阳市发展和改革委员会\n周晓燕|副局长|朝阳市人力资源和社会保障局',
    intro_html: '<p>围绕“六稳”“六保”政策落实，邀请市发展改革委、市人社局负责同志在线访谈，解读政策、回应网友关切。（演示）</p>',
    videos: '访谈视频回放|https://video.example.cn/chaoyang/liuwen-2026.mp4',
  });
  await moveEvent(db, ctx, i1, { to: 'scheduled' }, at(addDays(past, -7)));
  const q1 = await askQuestion(db, cfg, i1, { name: '小企业主老陈', contact: '13800000501', body: '小微企业稳岗返还政策今年还有吗？怎么申请？' }, { ip: null, now: at(addDays(past, -3)) });
  const q2 = await askQuestion(db, cfg, i1, { name: '', contact: 'demo.grad@example.cn', body: '应届高校毕业生到基层就业有哪些补贴？' }, { ip: null, now: at(addDays(past, -2)) });
  const q3 = await askQuestion(db, cfg, i1, { name: '', contact: '13800000503', body: '代开发票加微信 xxxx' }, { ip: null, now: at(addDays(past, -1)) });
  await moderateQuestion(db, ctx, q1.id, { action: 'approve' });
  await moderateQuestion(db, ctx, q2.id, { action: 'approve' });
  await moderateQuestion(db, ctx, q3.id, { action: 'reject', reason: 'advertising' });
  await moveEvent(db, ctx, i1, { to: 'live' }, at(past, '15:00'));
  const entries = [
    { entry_kind: 'speech', speaker: '主持人', entry_html: '<p>各位网友，大家好！欢迎收看本期在线访谈。今天我们邀请到市发展改革委孙立群副主任、市人社局周晓燕副局长。（演示）</p>' },
    { entry_kind: 'answer', speaker: '孙立群', entry_html: '<p>今年以来，我市出台稳就业、保市场主体等一系列政策措施，截至目前已为企业减负约 12 亿元。（演示数字）</p>' },
    { entry_kind: 'question', speaker: '主持人', entry_html: '<p>网友“小企业主老陈”问：小微企业稳岗返还政策今年还有吗？怎么申请？</p>', question_id: String(q1.id) },
    { entry_kind: 'answer', speaker: '周晓燕', entry_html: '<p>今年继续实施稳岗返还，符合条件的小微企业无需申请，由系统比对后直接返还到企业账户。（演示）</p>', question_id: String(q1.id) },
    { entry_kind: 'answer', speaker: '周晓燕', entry_html: '<p>高校毕业生到乡镇、街道基层岗位就业，按规定给予一次性补贴，具体标准见市人社局网站。（演示）</p>', question_id: String(q2.id) },
  ];
  for (const x of entries) await addEntry(db, ctx, i1, x);
  await moveEvent(db, ctx, i1, { to: 'ended' }, at(past, '16:30'));

  // 2. a press conference with its releasing officials and the 发布词
  const pc = addDays(today, -10);
  const i2 = await saveEvent(db, ctx, { id: null, unitId: city.id }, {
    kind: 'press', title: '朝阳市优化营商环境政策措施新闻发布会', topic: '发布《朝阳市进一步优化营商环境若干措施》并答记者问', starts_at: `${pc}T10:00`, place: '朝阳市人民政府新闻发布厅', related,
    officials: '刘志宏|市政府副秘书长|朝阳市人民政府办公室\n韩雪|局长|朝阳市营商环境建设局',
    statement_html: '<p>各位记者朋友：今天发布《朝阳市进一步优化营商环境若干措施》，共 5 个方面 20 条，重点压缩审批时限、降低企业成本、提升政务服务便利度。</p><p>一是企业开办全流程一个工作日内办结；二是工程建设项目审批时限压减至 60 个工作日以内。（演示）</p>',
    videos: '发布会视频|https://video.example.cn/chaoyang/yingshang-fabuhui.mp4',
  });
  await moveEvent(db, ctx, i2, { to: 'scheduled' }, at(addDays(pc, -3)));
  await moveEvent(db, ctx, i2, { to: 'live' }, at(pc));
  await addEntry(db, ctx, i2, { entry_kind: 'speech', speaker: '刘志宏', entry_html: '<p>发布词全文见上。下面请韩雪局长介绍具体措施。（演示）</p>' });
  await addEntry(db, ctx, i2, { entry_kind: 'question', speaker: '朝阳日报记者', entry_html: '<p>“一个工作日内办结”如何保证？</p>' });
  await addEntry(db, ctx, i2, { entry_kind: 'answer', speaker: '韩雪', entry_html: '<p>通过“一网通办”平台将登记、刻章、申领发票合并为一个环节，数据共享、并联办理。（演示）</p>' });
  await moveEvent(db, ctx, i2, { to: 'ended' }, at(pc, '11:00'));

  // 3. an upcoming interview taking questions
  const next = addDays(today, 7);
  const i3 = await saveEvent(db, ctx, { id: null, unitId: city.id }, {
    kind: 'interview', title: '稳就业保民生——市人社局负责同志谈高校毕业生就业服务', topic: '2026 年高校毕业生就业创业政策和服务举措', starts_at: `${next}T15:00`,
    place: '朝阳市人民政府网站“利民热线”直播间', guests: '周晓燕|副局长|朝阳市人力资源和社会保障局', intro_html: '<p>欢迎网友在访谈前留言提问，问题经审核后公开，访谈中将择要回答。（演示）</p>',
  });
  await moveEvent(db, ctx, i3, { to: 'scheduled' }, at(addDays(today, -2)));
  const a = await askQuestion(db, cfg, i3, { name: '王同学', contact: '13800000601', body: '毕业两年内还能享受创业担保贷款吗？' }, { ip: null, now: at(addDays(today, -1)) });
  await moderateQuestion(db, ctx, a.id, { action: 'approve' });
  await askQuestion(db, cfg, i3, { name: '', contact: '13800000602', body: '见习补贴什么时候发放？' }, { ip: null, now: at(today, '09:00') });
  log('interviews: 2 past events with transcripts (an interview and a press conference), 1 upcoming interview taking questions');
  return 3;
}

DEMO_SEEDERS.push({ name: 'interviews', run: async (db, ctx, log) => void (await seedInterviews(db, seedConfig(), ctx, log)) });
