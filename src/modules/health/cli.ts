/**
 * Command line of site health:
 *   gongkai health check [--unit CODE] [--json] [--as-of YYYY-MM-DD] [--external]
 * Exit code: 0 — nothing found (every site clean); 1 — findings (listed, or the JSON report);
 * 2 — bad input (unknown unit, bad date). Findings are stored as a run, as the scheduled job does.
 */
import type { Command } from 'commander';
import { CLI_EXTENSIONS, type CliKit } from '../../cli/extensions.ts';
import { invalid } from '../../core/http/errors.ts';
import { runCheck } from './run.ts';
import { ownHosts } from './hosts.ts';
import { VETO_NAMES } from './domain/score.ts';

function registerHealthCli(program: Command, kit: CliKit): void {
  const health = program.commands.find((c) => c.name() === 'health') ?? program.command('health').description('site health checks / 网站健康检查');
  health.command('check')
    .description('check links, columns, metadata, 解读, messages, words and accessibility; exit 0 clean, 1 findings / 执行网站检查')
    .option('--unit <code>', 'only this unit and the units below it / 仅检查该单位及下级')
    .option('--json', 'print the report as JSON / 以 JSON 输出')
    .option('--as-of <date>', 'the day of the check, YYYY-MM-DD (default today) / 检查日期')
    .option('--external', 'also check external links (bounded, per-host rate) / 同时检查外部链接')
    .action(kit.withDb(async ({ database, cfg }, o: { unit?: string; json?: boolean; asOf?: string; external?: boolean }) => {
      if (o.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf)) throw invalid({ 'as-of': { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates are YYYY-MM-DD' } });
      const r = await runCheck(database.db, kit.operator(), { trigger: 'cli', unitCode: o.unit, asOf: o.asOf, external: o.external ? true : undefined, ownHosts: ownHosts(cfg) });
      if (o.json) {
        process.stdout.write(JSON.stringify({
          run: r.runId, as_of: r.asOf, created: r.created, resolved: r.resolved, stats: r.stats,
          sites: r.sites.map((s) => ({ code: s.code, name: s.name, points: s.score.points, verdict: s.score.verdict, vetoes: s.score.vetoes, deductions: s.score.deductions, findings: s.open })),
          findings: r.findings.map((f) => ({ key: f.key, unit: r.sites.find((s) => s.unit_id === f.unit_id)?.code, kind: f.kind, severity: f.severity, subject_type: f.subject_type, subject_id: f.subject_id, detail: f.detail })),
        }, null, 2) + '\n');
      } else {
        for (const s of r.sites) {
          if (!s.open) continue;
          const veto = s.score.vetoes.map((v) => VETO_NAMES[v].zh).join('；');
          process.stdout.write(`${s.code} ${s.name}\t${s.score.points} 分\t${s.score.verdict === 'pass' ? '合格' : '不合格'}\t${s.open} 项问题${veto ? `\t单项否决：${veto}` : ''}\n`);
        }
        process.stdout.write(`run ${r.runId} as of ${r.asOf}: ${r.findings.length} finding(s) (${r.created} new, ${r.resolved} resolved), ${r.stats.documents} documents, ${r.stats.internalLinks} internal links, ${r.stats.totalMs} ms\n`);
      }
      return r.findings.length ? 1 : 0;
    }));
}

CLI_EXTENSIONS.push(registerHealthCli);
