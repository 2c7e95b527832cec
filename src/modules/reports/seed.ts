/**
 * Demo data of the annual report: the figures the platform does not hold (fictional, each marked as
 * demo data in its source note) for every unit for the last two report years, and one published
 * report — 市司法局's report on the year before last, with a complete narrative — so the
 * 政府信息公开年报 column has something to show. Built through the same commands as real use.
 */
import type { Db } from '../../core/db/index.ts';
import type { CommandContext } from '../../core/commands/context.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { DEMO_SEEDERS } from '../system/seed.ts';
import { currentReportYear } from './domain/deadlines.ts';
import { formatForYear, manualCells } from './domain/formats.ts';
import { draftNarrative } from './domain/narrative.ts';
import { importManualFigures, publishReport, saveNarrative } from './commands.ts';
import { loadUnitReport } from './assemble.ts';
import { reportUnitBySlug } from './repository.ts';

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

export async function seedReports(db: Db, ctx: CommandContext, log: (s: string) => void, today = shanghaiDate(), slug = 'sfj') {
  const year = currentReportYear(today);
  const units = await db.selectFrom('units').select(['id']).where('active', '=', true).execute();
  for (const y of [year - 1, year]) {
    for (const u of units) await importManualFigures(db, ctx, u.id, y, demoFigures(u.id, y));
  }
  log(`reports: demo figures for ${units.length} units, ${year - 1}–${year}`);

  const sfj = await reportUnitBySlug(db, slug);
  if (!sfj) return;
  const y = year - 1;
  const current = await loadUnitReport(db, sfj, y);
  const n = draftNarrative({
    unitName: sfj.name, year: y, report: current.report,
    proactive: { documentsPublished: 126, policyDocuments: 9, interpretations: 7, pressConferences: 2, onlineInterviews: 3 },
    management: { normativeCleanedUp: 14, itemsReviewed: 126 },
    platform: { websiteName: '朝阳市人民政府门户网站', newMediaAccounts: 2, columnsUpdated: 18 },
    supervision: { trainingSessions: 3, trainedPeople: 85, assessments: '本局政务公开工作纳入年度绩效考核，接受社会评议。', accountability: '本年度未发生责任追究情况。' },
    problems: ['政策解读形式较为单一，图解、视频解读数量偏少。', '依申请公开答复文书的说理还需加强。'],
    improvements: ['丰富政策解读形式，重要政策同步发布图解。', '开展答复文书评查，统一说理要求。'],
    fees: { notices: 0, notifiedYuan: '0', collectedYuan: '0' },
    proposals: { npcSuggestions: 6, cppccProposals: 4 },
    keyPoints: '认真落实市政府办公室年度政务公开工作要点，按期完成各项任务。',
  });
  await saveNarrative(db, ctx, sfj.id, y, 'unit', { preface: n.preface, part1: n.part1.map((s) => s.paragraphs.join('\n')), part5: n.part5.map((s) => s.paragraphs.join('\n')), part6: n.part6.join('\n') });
  try {
    await publishReport(db, ctx, sfj.id, y, 'unit', `${y + 1}-01-20`);
    log(`reports: published ${sfj.name} ${y}`);
  } catch (e) {
    // The demo cases decide whether every check passes; a failing check leaves the draft for the admin to see.
    log(`reports: ${sfj.name} ${y} left as a draft (${(e as Error).message})`);
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
