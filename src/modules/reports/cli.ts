/**
 * `gongkai report …` — the annual report from the command line, as the admin pages give it:
 *   report annual --unit CODE --year 2024 --format json|html|docx|pdf [--summary] [--out FILE]
 *   report import FILE.json [--summary]            a year before the platform (for the carry-over check)
 *   report figures FILE.json --unit CODE --year Y  unit-entered figures of table 2, each with its source
 * Exit codes: 0 done; 1 done but the report's checks fail (listed on stderr); 2 bad input.
 * Every output of a draft carries what is unresolved (`checks` in the JSON, a box in the others); the
 * exit code counts only the failing checks of the figures (severity `error`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CLI_EXTENSIONS } from '../../cli/extensions.ts';
import { invalid, notFound } from '../../core/http/errors.ts';
import type { CheckFailure } from './domain/checks.ts';
import { checkLine } from './domain/report-checks.ts';
import { loadReport } from './store/assemble.ts';
import { importManualFigures, importReport, checkYear } from './commands.ts';
import { isGovernment, reportUnitByCode } from './store/repository.ts';
import { isOutputFormat, OUTPUT_FORMATS, renderReport } from './export/export.ts';

function printFailures(failures: CheckFailure[], out: (s: string) => void) {
  for (const f of failures) {
    const exp = f.expected !== null && f.actual !== null ? `（应为 ${f.expected}，实为 ${f.actual} / expected ${f.expected}, found ${f.actual}）` : '';
    out(`  ${f.cell}: ${f.message.zh}${exp}`);
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw invalid({ file: { zh: `无法读取文件 ${file}`, en: `cannot read ${file}: ${(e as Error).message}` } });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw invalid({ file: { zh: `${file} 不是有效的 JSON：${(e as Error).message}`, en: `${file} is not valid JSON: ${(e as Error).message}` } });
  }
}

const parseYear = (s: string): number => {
  if (!/^\d{4}$/.test(s)) throw invalid({ year: { zh: '年度应为四位数字，如 2024', en: 'year must be four digits, e.g. 2024' } });
  return Number(s);
};

CLI_EXTENSIONS.push((program: Command, kit) => {
  const report = program.command('report').description('annual reports on government information disclosure / 政府信息公开工作年度报告');

  report
    .command('annual')
    .description("a unit's report (or a government's summary with --summary) / 输出年度报告")
    .requiredOption('--unit <code>', 'unit code / 单位代码')
    .requiredOption('--year <year>', 'report year, e.g. 2024 / 报告年度')
    .option('--format <fmt>', `one of ${OUTPUT_FORMATS.join(', ')}`, 'json')
    .option('--summary', "the government's summary for its area / 本行政区域汇总报告")
    .option('--out <file>', 'write to a file instead of standard output')
    .action(
      kit.withDb(async ({ database }, o: { unit: string; year: string; format: string; summary?: boolean; out?: string }) => {
        if (!isOutputFormat(o.format)) throw invalid({ format: { zh: `格式应为 ${OUTPUT_FORMATS.join('、')} 之一`, en: `format must be one of ${OUTPUT_FORMATS.join(', ')}` } });
        const year = parseYear(o.year);
        checkYear(year);
        const unit = await reportUnitByCode(database.db, o.unit);
        if (!unit) throw notFound({ zh: `单位 ${o.unit}`, en: `unit ${o.unit}` });
        if (o.summary && !isGovernment(unit)) throw invalid({ summary: { zh: '只有人民政府才有本行政区域的汇总报告', en: 'only a government has a summary report' } });
        const r = await loadReport(database.db, unit, year, o.summary ? 'summary' : 'unit');
        const bytes = await renderReport(r, o.format);
        if (o.out) writeFileSync(o.out, bytes);
        else process.stdout.write(bytes);
        const state = r.row?.status === 'published' ? `已发布 published ${r.row.published_on}` : r.frozen ? '导入数据 imported (draft)' : '草稿（按平台数据实时计算）/ live draft';
        process.stderr.write(`${unit.name} ${year}: ${state}${o.out ? ` → ${o.out}` : ''}\n`);
        const others = r.checks.filter((c) => c.severity !== 'error');
        if (others.length) {
          process.stderr.write(`其他未解决的问题 ${others.length} 项 / ${others.length} other matter(s) to resolve:\n`);
          for (const c of others) process.stderr.write(`  ${c.id}: ${checkLine(c)}${c.blocking ? '（发布前须解决 / blocks publishing）' : ''}\n`);
        }
        if (r.failures.length) {
          process.stderr.write(`数据检查未通过 ${r.failures.length} 项 / ${r.failures.length} check(s) fail:\n`);
          printFailures(r.failures, (s) => process.stderr.write(s + '\n'));
          return 1;
        }
        return 0;
      }),
    );

  report
    .command('import')
    .description('load the figures of a year that predates the platform (JSON of annual-report.md) / 导入往年年报数据')
    .argument('<file>', 'JSON file')
    .option('--summary', "the figures are a government's summary for its area")
    .action(
      kit.withDb(async ({ database }, file: string, o: { summary?: boolean }) => {
        const r = await importReport(database.db, kit.operator(), readJson(file), { kind: o.summary ? 'summary' : 'unit' });
        console.log(`已导入 imported: ${r.unit.name} ${r.year}${o.summary ? ' (summary)' : ''}`);
        const all = [...r.failures, ...r.nextYearFailures];
        if (!all.length) {
          console.log('数据检查通过 / all checks pass');
          return 0;
        }
        console.error(`已保存为草稿，但数据检查未通过 ${all.length} 项，修正前不能发布 / saved as a draft; ${all.length} check(s) fail:`);
        printFailures(r.failures, (s) => console.error(s));
        if (r.nextYearFailures.length) {
          console.error(`${r.year + 1}年度报告的“上年结转”与本次导入的“结转下年度”不一致 / the ${r.year + 1} report's carry-over disagrees:`);
          printFailures(r.nextYearFailures, (s) => console.error(s));
        }
        return 1;
      }),
    );

  report
    .command('figures')
    .description('import unit-entered figures of table 2, each with its source / 导入本单位填报数据')
    .argument('<file>', 'JSON: {"table2.licensing.decisions": {"value": 120, "source": "…"}}')
    .requiredOption('--unit <code>', 'unit code')
    .requiredOption('--year <year>', 'report year')
    .action(
      kit.withDb(async ({ database }, file: string, o: { unit: string; year: string }) => {
        const year = parseYear(o.year);
        const unit = await reportUnitByCode(database.db, o.unit);
        if (!unit) throw notFound({ zh: `单位 ${o.unit}`, en: `unit ${o.unit}` });
        const saved = await importManualFigures(database.db, kit.operator(), unit.id, year, readJson(file));
        console.log(`已导入 ${Object.keys(saved).length} 项填报数据 / ${Object.keys(saved).length} figure(s) saved: ${unit.name} ${year}`);
        return 0;
      }),
    );
});
