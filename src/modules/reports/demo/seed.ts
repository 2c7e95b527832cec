/**
 * Demo data of the annual report: the figures the platform does not hold (fictional, each marked as
 * demo data in its source note) for every unit for the last two report years, and one published
 * reports — 市司法局's report on the year before last and the city government's summary report
 * for its area, each with a complete narrative — so the 政府信息公开年报 columns have something to show. Built through the same commands as real use.
 */
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { currentReportYear } from '../domain/deadlines.ts';
import { formatForYear, manualCells } from '../domain/formats.ts';
import { draftNarrative } from '../domain/narrative.ts';
import { importManualFigures, publishReport, saveNarrative } from '../commands.ts';
import { loadReport, reportUnitName } from '../store/assemble.ts';
import { reportUnitBySlug } from '../store/repository.ts';
import type { ReportUnit } from '../store/sources.ts';
import type { ReportKind } from '../store/tables.ts';

/** Fictional figures, varied by unit and cell so the summary is not a multiple of one unit. */
function demoFigures(unitId: number, year: number) {
  const out: Record<string, { value: number | string; source: string }> = {};
  manualCells(formatForYear(year)).forEach((d, i) => {
    const n = ((unitId * 37 + i * 11 + year) % 90) + 3;
    const value = d.kind === 'decimal' ? `${n}.${(unitId * 7 + i) % 100}` : d.kind === 'signed' ? (n % 5) - 2 : n * (d.row === 'licensing' ? 12 : 1);
    out[d.path] = { value, source: `${d.rowLabel}统计（演示数据）` };
  });
  return out;
}

export async function seedReports(db: Db, ctx: CommandContext, log: (s: string) => void, today = shanghaiDate(), slug = 'sfj', citySlug = 'chaoyang') {
  const year = currentReportYear(today);
  const units = await db.selectFrom('units').select(['id']).where('active', '=', true).execute();
  for (const y of [year - 1, year]) {
    for (const u of units) await importManualFigures(db, ctx, u.id, y, demoFigures(u.id, y));
  }
  log(`reports: demo figures for ${units.length} units, ${year - 1}–${year}`);

  const y = year - 1;
  const sfj = await reportUnitBySlug(db, slug);
  if (sfj) await publishDemo(db, ctx, log, sfj, y, 'unit', 126);
  // 条例 第五十条: the city government publishes its report for its area (汇总); the demo city's 年报 column is not empty.
  const city = await reportUnitBySlug(db, citySlug);
  if (city) await publishDemo(db, ctx, log, city, y, 'summary', 1100);
}

async function publishDemo(db: Db, ctx: CommandContext, log: (s: string) => void, unit: ReportUnit, y: number, kind: ReportKind, documents: number) {
  const current = await loadReport(db, unit, y, kind);
  const own = kind === 'unit' ? '本局' : '市政府';
  const n = draftNarrative({
    unitName: reportUnitName(unit, kind), year: y, report: current.report,
    proactive: { documentsPublished: documents, policyDocuments: kind === 'unit' ? 9 : 64, interpretations: kind === 'unit' ? 7 : 51, pressConferences: 2, onlineInterviews: 3 },
    management: { normativeCleanedUp: 14, itemsReviewed: documents },
    platform: { websiteName: '朝阳市人民政府门户网站', newMediaAccounts: 2, columnsUpdated: 18 },
    supervision: { trainingSessions: 3, trainedPeople: 85, assessments: `${own}政务公开工作纳入年度绩效考核，接受社会评议。`, accountability: '本年度未发生责任追究情况。' },
    problems: ['政策解读形式较为单一，图解、视频解读数量偏少。', '依申请公开答复文书的说理还需加强。'],
    improvements: ['丰富政策解读形式，重要政策同步发布图解。', '开展答复文书评查，统一说理要求。'],
    fees: { notices: 0, notifiedYuan: '0', collectedYuan: '0' },
    proposals: { npcSuggestions: 6, cppccProposals: 4 },
    keyPoints: '认真落实年度政务公开工作要点，按期完成各项任务。',
  });
  await saveNarrative(db, ctx, unit.id, y, kind, { preface: n.preface, part1: n.part1.map((s) => s.paragraphs.join('\n')), part5: n.part5.map((s) => s.paragraphs.join('\n')), part6: n.part6.join('\n') });
  try {
    await publishReport(db, ctx, unit.id, y, kind, `${y + 1}-${kind === 'unit' ? '01-20' : '03-20'}`);
    log(`reports: published ${unit.name} ${y}${kind === 'summary' ? ' (summary)' : ''}`);
  } catch (e) {
    // The demo cases decide whether every check passes; a failing check leaves the draft for the admin to see.
    log(`reports: ${unit.name} ${y} left as a draft (${(e as Error).message})`);
  }
}

DEMO_SEEDERS.push({
  name: 'reports',
  run: async (db, ctx, log) => {
    // Demo data must never stop the demo site from starting: report the problem and go on.
    try {
      await seedReports(db, ctx, log);
    } catch (e) {
      log(`reports: demo data skipped (${(e as Error).message})`);
    }
  },
});
