/**
 * Demo 留言/咨询 for the demo city 朝阳市: answered and published questions (one merged into the FAQ,
 * and a policy question linked to a published document with its 解读 when the demo corpus has one), an answered
 * one whose asker did not agree to publication, one set aside as advertising, one pending, and two
 * overdue. Every name, phone and text is fictional and marked （演示）.
 */
import { sql, type Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import type { Config } from '../../../config/env.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { DEMO_SEEDERS, seedConfig } from '../../system/seed.ts';
import { listUnits } from '../../units/repository.ts';
import { submitMessage } from '../commands/public.ts';
import { answerMessage, mergeIntoFaq, publishMessage, rejectMessage } from '../commands/staff.ts';

const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

export async function seedMessages(db: Db, cfg: Pick<Config, 'piiKeys' | 'sessionSecret'>, ctx: CommandContext, log: (s: string) => void, today = shanghaiDate()): Promise<number> {
  const units = await listUnits(db, { activeOnly: true });
  const city = units.find((u) => u.type === 'city_government');
  const dept = units.find((u) => u.type === 'department' && u.name.endsWith('民政局')) ?? units.find((u) => u.type === 'department') ?? city;
  if (!city || !dept) return 0;
  const ask = (unitId: number, daysAgo: number, v: Record<string, string>) => submitMessage(db, cfg, unitId, v, { ip: null, now: at(addDays(today, -daysAgo)) });
  // a policy document that has a published 解读, preferably the city's, for the policy question
  const policy = await db.selectFrom('documents as d').innerJoin('documents as i', 'i.interprets_id', 'd.id').select(['d.unit_id', 'd.index_no', 'd.title'])
    .where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive').where('i.status', '=', 'published')
    .orderBy(sql`d.unit_id = ${city.id}`, 'desc').orderBy('d.id').limit(1).executeTakeFirst();
  let n = 0;

  // answered and published (consent), merged into the FAQ
  const a = await ask(dept.id, 30, { category: 'consultation', subject: '高龄津贴的申领条件是什么？', body: '我父亲今年满八十周岁，户籍在朝阳市，请问高龄津贴需要什么条件、到哪里申请？我的电话是13900000811。（演示）', name: '周建国', contact: '13900000811', consent: 'yes' });
  await answerMessage(db, ctx, a.id, { answer: '您好！年满八十周岁、具有本市户籍的老年人可申领高龄津贴。请携带身份证、户口簿到户籍所在地街道（乡镇）便民服务中心申请，审核通过后次月起按月发放。（演示）' }, addDays(today, -27));
  await publishMessage(db, cfg, ctx, a.id, {});
  await mergeIntoFaq(db, ctx, a.id, { question: '高龄津贴如何申领？', answer: '年满八十周岁、具有本市户籍的老年人，携带身份证、户口簿到户籍所在地街道（乡镇）便民服务中心申请。（演示）' });
  n++;
  // a policy question, answered with the policy document (and so its 解读) linked
  if (policy) {
    const p = await ask(policy.unit_id, 25, { category: 'policy', subject: `个体工商户是否适用《${policy.title.replace(/^关于/, '').slice(0, 40)}》？`, body: `我今年回乡开了一家小型农产品加工店，登记为个体工商户。请问《${policy.title}》的适用对象是否包括个体工商户？（演示）`, name: '', contact: '13900000817', consent: 'yes' });
    await answerMessage(db, ctx, p.id, { answer: '您好！个体工商户符合文件所列条件的可以享受相关政策，具体适用对象、办理条件和期限以文件正文为准，并请参阅本页所附的政策文件及其解读。如有疑问，可在工作日致电本单位咨询。（演示）', document_index_no: policy.index_no }, addDays(today, -22));
    await publishMessage(db, cfg, ctx, p.id, {});
    n++;
  }
  const b = await ask(city.id, 21, { category: 'consultation', subject: '政府信息公开申请可以网上提交吗？', body: '想了解市政府的信息公开申请能否在网上提交，提交后多久答复？（演示）', name: '', contact: 'demo-ask@example.cn', consent: 'yes' });
  await answerMessage(db, ctx, b.id, { answer: '可以。请在本网站“依申请公开”栏目在线填写申请。行政机关收到申请后，能够当场答复的当场答复，不能当场答复的自收到申请之日起20个工作日内答复。（演示）' }, addDays(today, -17));
  await publishMessage(db, cfg, ctx, b.id, {});
  n++;
  // answered, no consent: stays private
  const c = await ask(dept.id, 14, { category: 'suggestion', subject: '建议社区养老服务站延长开放时间', body: '社区养老服务站下午四点就关门，建议延长到六点。（演示）', name: '吴丽华', contact: '13900000812', consent: '' });
  await answerMessage(db, ctx, c.id, { answer: '感谢您的建议，我局已转请各街道结合实际研究调整开放时间。（演示）' }, addDays(today, -9));
  n++;
  // set aside as advertising
  const d = await ask(city.id, 6, { category: 'other', subject: '优惠推广', body: '专业代办各类证件，价格优惠，详询。（演示）', name: '', contact: '13900000813', consent: 'yes' });
  await rejectMessage(db, ctx, d.id, { reason: 'spam', note: '广告信息（演示）' });
  n++;
  // overdue (received long enough ago that 5 working days have passed) and pending (today)
  await ask(dept.id, 12, { category: 'consultation', subject: '低保申请需要多长时间审批？', body: '上个月提交了最低生活保障申请，想了解审批一般需要多长时间。（演示）', name: '郑海涛', contact: '13900000814', consent: 'yes' });
  await ask(city.id, 10, { category: 'complaint', subject: '政策文件链接打不开', body: '网站上“政策文件”栏目有个附件下载链接打不开，请核查。（演示）', name: '', contact: '13900000815', consent: 'yes' });
  await ask(city.id, 0, { category: 'consultation', subject: '年度报告在哪里查看？', body: '请问市政府信息公开工作年度报告在网站哪个栏目？（演示）', name: '', contact: '13900000816', consent: 'yes' });
  n += 3;
  log(`messages: ${n} (${policy ? 3 : 2} published, 1 FAQ entry, 2 overdue)`);
  return n;
}

DEMO_SEEDERS.push({ name: 'messages', run: async (db, ctx, log) => void (await seedMessages(db, seedConfig(), ctx, log)) });
