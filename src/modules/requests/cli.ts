/**
 * CLI of the module:
 *   gongkai import requests FILE.jsonl [--json]   historical cases (importer.ts; format in docs/requests-import-format.md)
 *   gongkai pii rotate                            re-encrypt personal data under the current key (pii-rotate.ts)
 * Exit codes: 0 done; 2 some lines were refused (the good ones are imported) or bad input.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { CLI_EXTENSIONS } from '../../cli/extensions.ts';
import { invalid } from '../../core/http/errors.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { importRequests, type ImportResult } from './store/importer.ts';
import { rotatePii } from './store/pii-rotate.ts';

/** The `import` / `pii` parent command, shared with other modules that add subcommands to it. */
function parent(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

export function formatImportResult(r: ImportResult): string {
  const lines = [`导入完成：新建 ${r.created} 件，更新 ${r.updated} 件，错误 ${r.errors.length} 行 / imported: ${r.created} created, ${r.updated} updated, ${r.errors.length} bad lines`];
  for (const e of r.errors) lines.push(`  第 ${e.line} 行${e.ref ? `（${e.ref}）` : ''}：${e.reason.zh} / line ${e.line}${e.ref ? ` (${e.ref})` : ''}: ${e.reason.en}`);
  for (const w of r.warnings) lines.push(`  警告 第 ${w.line} 行（${w.ref}）：${w.reason.zh} / warning, line ${w.line}: ${w.reason.en}`);
  return lines.join('\n');
}

CLI_EXTENSIONS.push((program, kit) => {
  parent(program, 'import', 'import data from older systems / 导入历史数据')
    .command('requests')
    .description('historical applications, one JSON object a line; re-import updates by (unit, ref) / 导入历史依申请公开案件')
    .argument('<file>', 'JSON Lines file')
    .option('--json', 'print the result as JSON')
    .action(
      kit.withDb(async ({ database }, file: string, o: { json?: boolean }) => {
        if (!existsSync(file)) throw invalid({ file: { zh: `找不到文件 ${file}`, en: `no such file ${file}` } });
        const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
        const r = await importRequests(database.db, kit.operator(), lines, { today: shanghaiDate() });
        console.log(o.json ? JSON.stringify(r, null, 2) : formatImportResult(r));
        return r.errors.length ? 2 : 0;
      }),
    );

  parent(program, 'pii', 'personal data at rest / 个人信息加密')
    .command('rotate')
    .description('re-encrypt applicants’ personal data with the first key of GONGKAI_PII_KEY / 用当前密钥重新加密个人信息')
    .action(
      kit.withDb(async ({ database, cfg }) => {
        const r = await rotatePii(database.db, kit.operator(), cfg.piiKeys);
        console.log(`已用密钥 ${r.keyId} 重新加密：案件 ${r.cases} 件，附件 ${r.attachments} 个，暂存申请 ${r.submissions} 件，查询码 ${r.queryCodes} 个，幂等响应 ${r.idempotency} 条，文书 ${r.letters} 件，意见征集联系方式 ${r.consultations} 条，留言 ${r.messages} 条，访谈提问联系方式 ${r.interviews} 条 / re-encrypted under key ${r.keyId}: ${r.cases} cases, ${r.attachments} attachments, ${r.submissions} kept submissions, ${r.queryCodes} query codes, ${r.idempotency} idempotent responses, ${r.letters} letters, ${r.consultations} consultation contacts, ${r.messages} messages, ${r.interviews} interview question contacts`);
      }),
    );
});
