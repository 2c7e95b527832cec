/**
 * Demo: the real 2020 plan of the seed (work-plan-2020.zh-Hans.txt, copied here from shared/seed) read
 * by the text parser and imported under the city government with its real lead units (every one is a
 * unit of the demo city), then a mix of progress reports dated in 2020: task 6 (9月15日前) done by every
 * unit with evidence; task 4 (11月底前) done but by two counties, so overdue; task 1 and others partly
 * reported, some without evidence, some with an external (unverified) link; many units silent.
 * Evidence links point at each unit's own published demo documents where it has any.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { loadConfig } from '../../../config/env.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { addReport, importPlan } from '../commands.ts';
import { parsePlanText } from '../domain/text.ts';
import type { Status } from '../domain/plan.ts';
import { assignmentsOf, tasksOf } from '../store/queries.ts';

export const DEMO_TITLE = '朝阳市2020年政务公开工作要点';

export function demoPlanInput(unit: string) {
  const text = readFileSync(join(import.meta.dirname, 'work-plan-2020.zh-Hans.txt'), 'utf8');
  return parsePlanText(text, { unit, title: DEMO_TITLE }).plan;
}

type R = { status: Status; body: string; on: string; evidence?: 'doc' | 'page' | 'external' | 'none' };
/** Which units of a task report what: by slug, or '*' for every other assigned unit, 'counties-but' for the exceptions. */
const PLAN: Record<number, { all?: R; except?: Record<string, R | null>; only?: Record<string, R> }> = {
  6: { all: { status: 'done', body: '已在部门网站开设“六稳”“六保”专栏，本部门已出台、可公开的政策文件已全部上传并报送市政府门户网站集中公开。', on: '2020-09-14', evidence: 'doc' } },
  4: {
    all: { status: 'done', body: '已制定基层政务公开标准化规范化工作实施方案，编制完成本领域基层政务公开事项标准目录并公开。', on: '2020-11-27', evidence: 'page' },
    except: {
      kazuo: { status: 'in_progress', body: '实施方案已印发，26个试点领域事项标准目录尚有9个领域在编制中。', on: '2020-11-25', evidence: 'none' },
      lingyuan: null,
    },
  },
  1: {
    only: {
      szfb: { status: 'done', body: '依托市政府网站群平台统一设置市政府门户网站及各部门政府信息公开平台，印发信息发布标准。', on: '2020-12-28', evidence: 'doc' },
      shuangta: { status: 'in_progress', body: '区政府门户网站政府信息公开平台已按新标准改版，法定主动公开内容正在逐项补齐。', on: '2020-12-20', evidence: 'none' },
      sfj: { status: 'done', body: '部门政府信息公开平台已按标准设置，法定主动公开内容已全部公开到位。', on: '2020-12-15', evidence: 'page' },
      chaoyangxian: { status: 'in_progress', body: '县政府门户网站信息公开专栏完成改版，乡镇栏目建设推进中。', on: '2020-12-18', evidence: 'external' },
    },
  },
  2: {
    only: {
      szfb: { status: 'done', body: '已通过政府信息公开平台集中公开市本级及各部门最新版权责清单。', on: '2020-10-30', evidence: 'page' },
      bianban: { status: 'done', body: '已公开市政府各部门机构职能、内设机构等信息。', on: '2020-10-20', evidence: 'page' },
      scjgj: { status: 'done', body: '本局2020年度权责清单已发布。', on: '2020-10-15', evidence: 'page' },
    },
  },
  8: { only: { scjgj: { status: 'in_progress', body: '市场监管规则和标准已在门户网站和政务新媒体公开，8890平台咨询知识库更新中。', on: '2020-11-10', evidence: 'external' }, yshj: { status: 'in_progress', body: '完善8890平台政策咨询知识库。', on: '2020-11-12', evidence: 'none' } } },
  11: { only: { wjw: { status: 'done', body: '常态化疫情防控信息发布机制运行，每日发布疫情信息并同步解读防控政策。', on: '2020-12-30', evidence: 'doc' } } },
  12: { only: { yjj: { status: 'in_progress', body: '各类突发事件应急预案脱敏脱密审查进行中，已公开市级专项预案6项。', on: '2020-12-10', evidence: 'none' } } },
  18: { only: { szfb: { status: 'in_progress', body: '统一依申请公开答复文书格式，办理流程已梳理。', on: '2020-11-30', evidence: 'doc' }, sfj: { status: 'in_progress', body: '已按统一格式答复申请。', on: '2020-11-20', evidence: 'none' } } },
  21: { only: { szfb: { status: 'done', body: '各单位已确定一名负责同志并向市政府办公室备案。', on: '2020-09-30', evidence: 'page' } } },
};

export async function seedWorkplan(db: Db, ctx: CommandContext, log: (s: string) => void): Promise<number> {
  const city = await db.selectFrom('units').select(['id', 'slug']).where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
  if (!city) return 0;
  const r = await importPlan(db, ctx, demoPlanInput(city.slug), 'demo');
  const publicUrl = loadConfig().publicUrl;
  const assigned = await assignmentsOf(db, { planId: r.planId });
  const idOf = new Map((await tasksOf(db, r.planId)).map((t) => [t.no, t.id]));
  const docOf = new Map<number, string>();
  for (const d of await db.selectFrom('documents as d').innerJoin('units as u', 'u.id', 'd.unit_id').select(['d.id', 'd.unit_id', 'u.slug'])
    .where('d.status', '=', 'published').where('d.disclosure', '=', 'proactive').orderBy('d.published_at', 'asc').execute()) {
    if (!docOf.has(d.unit_id)) docOf.set(d.unit_id, `/u/${d.slug}/doc/${d.id}`);
  }
  let n = 0;
  for (const [no, spec] of Object.entries(PLAN)) {
    for (const a of assigned.filter((x) => x.task_id === idOf.get(Number(no)))) {
      const rep = spec.only ? spec.only[a.unit_slug] : spec.except && a.unit_slug in spec.except ? spec.except[a.unit_slug] : spec.all;
      if (!rep) continue;
      const ev = rep.evidence === 'doc' ? docOf.get(a.unit_id) ?? `/u/${a.unit_slug}/xxgk` : rep.evidence === 'page' ? (no === '2' ? `/u/${a.unit_slug === 'bianban' ? 'bianban' : 'scjgj'}/powers` : `/u/${a.unit_slug}/xxgk`) : rep.evidence === 'external' ? 'https://www.gov.cn/zhengce/zhengceku/2020-07/03/content_5523916.htm' : '';
      if (no === '4' && rep.status === 'done') await addReport(db, ctx, a.task_id, { unit: a.unit_id, status: 'in_progress', body: '实施方案已于8月底前印发，标准目录编制中。', reported_on: '2020-08-28', evidence: '' }, { publicUrl });
      await addReport(db, ctx, a.task_id, { unit: a.unit_id, status: rep.status, body: rep.body, reported_on: rep.on, evidence: ev }, { publicUrl });
      n++;
    }
  }
  log(`  工作要点 2020：${r.tasks} 项任务，${n} 条进展报送（演示）`);
  return n;
}

DEMO_SEEDERS.push({ name: 'workplan', run: async (db, ctx, log) => void (await seedWorkplan(db, ctx, log)) });
