/**
 * Demo 政务新媒体 accounts: the city's and each department's WeChat account, a few Weibo and Douyin
 * accounts, one closed account, inspections (one failing for no update in 2 weeks). Names and IDs
 * are fictional; the QR images are generated patterns that encode nothing.
 */
import { encodePng } from '../../../core/demo/png.ts';
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { listUnits } from '../../units/repository.ts';
import { recordInspection, saveAccount } from '../commands.ts';

/** A QR-like greyscale PNG (finder squares and seeded modules), 100 × 100 — decorative only. */
export function demoQr(seed: number): Uint8Array {
  const n = 25;
  const scale = 4;
  const size = n * scale;
  let x = seed * 2654435761 + 1;
  const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 16) & 1;
  const finder = (r: number, c: number) => [[0, 0], [0, n - 7], [n - 7, 0]].some(([fr, fc]) => {
    const i = r - fr, j = c - fc;
    if (i < 0 || j < 0 || i > 6 || j > 6) return false;
    return i === 0 || i === 6 || j === 0 || j === 6 || (i >= 2 && i <= 4 && j >= 2 && j <= 4) ? 1 : 0;
  }) as boolean;
  const inFinder = (r: number, c: number) => [[0, 0], [0, n - 7], [n - 7, 0]].some(([fr, fc]) => r >= fr - 1 && r <= fr + 7 && c >= fc - 1 && c <= fc + 7);
  const dark: boolean[][] = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => (inFinder(r, c) ? finder(r, c) : rnd() === 1)));
  const raw = Buffer.alloc((size + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size + 1)] = 0;
    for (let xx = 0; xx < size; xx++) raw[y * (size + 1) + 1 + xx] = dark[Math.floor(y / scale)][Math.floor(xx / scale)] ? 0 : 255;
  }
  return new Uint8Array(encodePng(size, size, 0, raw));
}

const minus = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export async function seedMedia(db: Db, ctx: CommandContext, log: (s: string) => void, today = shanghaiDate()): Promise<number> {
  const units = (await listUnits(db, { activeOnly: true })).filter((u) => u.type !== 'township');
  let made = 0;
  for (const [i, u] of units.entries()) {
    const short = u.short_name.replace(/^市/, '');
    const wechat = await saveAccount(db, ctx, { id: null, unitId: u.id }, { platform: 'wechat', name: u.type === 'city_government' ? '朝阳发布（演示）' : `朝阳${short}（演示）`, account_id: `gh_demo${String(1000 + i)}`, operator: u.name, opened_on: `${2014 + (i % 6)}-0${1 + (i % 9)}-15`, status: 'open' }, demoQr(i), today);
    made++;
    const check = minus(today, 20 + (i % 10));
    await recordInspection(db, ctx, wechat, { inspected_on: check, last_post_on: minus(check, i % 7 === 3 ? 21 : 1 + (i % 5)), interaction_ok: i % 11 === 5 ? '' : '1', note: '季度检查（演示）' }, today);
    if (i % 3 === 0) {
      await saveAccount(db, ctx, { id: null, unitId: u.id }, { platform: i % 2 ? 'douyin' : 'weibo', name: `${u.short_name}发布（演示）`, account_id: `demo-${u.slug}`, operator: u.name, opened_on: '2018-06-01', status: 'open' }, demoQr(i + 100), today);
      made++;
    }
    if (i === 4) {
      await saveAccount(db, ctx, { id: null, unitId: u.id }, { platform: 'toutiao', name: `${u.short_name}头条号（演示）`, account_id: '', operator: u.name, opened_on: '2017-03-01', status: 'closed', closed_on: '2020-06-30' }, null, today);
      made++;
    }
  }
  log(`media: ${made} accounts`);
  return made;
}

DEMO_SEEDERS.push({ name: 'media', run: async (db, ctx, log) => void (await seedMedia(db, ctx, log)) });
