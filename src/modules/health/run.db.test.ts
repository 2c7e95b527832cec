/**
 * A check run against a real database: findings of each kind from published documents, a re-run
 * updates instead of duplicating, a fixed problem resolves, a work order cannot be verified while the
 * problem is still found, and a finding that comes back reopens its closed order.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase, type TestDb } from '../../../test/helpers/db.ts';
import { seedTree, CODES } from '../../../test/helpers/fixtures.ts';
import { systemContext } from '../../core/commands/context.ts';
import { importRecords } from '../documents/store/importer.ts';
import { validInput } from '../documents/store/fixtures.test-helper.ts';
import { runCheck } from './run.ts';
import { moveOrder } from './commands.ts';
import { AppError } from '../../core/http/errors.ts';

let d: TestDb;
const sys = systemContext('test');
const opts = { trigger: 'cli' as const, asOf: '2020-09-10', ownHosts: ['www.example.gov.cn'] };

before(async () => {
  d = await testDatabase();
  await seedTree(d.db);
  const r = await importRecords(d.db, sys, [
    { ...validInput({ title: '测试市司法局关于签定合作协议的通知', bodyHtml: '<p>截止目前已完成。<a href="/u/bureau/doc/999999">旧文件</a><img src="/static/x.png"></p><a href="https://www.example.gov.cn/u/bureau/latest">最新</a>' }), unit: CODES.bureau, status: 'published', publishDate: '2020-09-01', publishedAt: '2020-09-01T02:00:00Z' },
    { ...validInput({ title: '测试市司法局行政规范性文件', legalForm: 'normative', writtenDate: '2020-07-20', validity: 'effective', bodyHtml: '<p>正文</p>' }), unit: CODES.bureau, status: 'published', publishDate: '2020-08-01', publishedAt: '2020-08-01T02:00:00Z' },
  ], { dataDir: mkdtempSync(join(tmpdir(), 'gk-health-')), maxUploadMb: 5 });
  assert.equal(r.errors.length, 0, JSON.stringify(r.errors));
  // an import refuses incomplete metadata, so an older record's gap is made by hand
  await d.db.updateTable('documents').set({ topic_code: null }).where('legal_form', '=', 'normative').execute();
});
after(async () => d?.cleanup());

test('findings by kind, a stable key per finding, a score per site; a re-run updates instead of duplicating', async () => {
  const r1 = await runCheck(d.db, sys, { ...opts, unitCode: CODES.bureau });
  const kinds = new Set(r1.findings.map((f) => f.kind));
  for (const k of ['typo', 'link', 'a11y', 'metadata', 'interpretation', 'column_empty']) assert.ok(kinds.has(k as never), `${k} in ${[...kinds]}`);
  const typo = r1.findings.filter((f) => f.kind === 'typo').map((f) => f.detail.word).sort();
  assert.deepEqual(typo, ['截止目前', '签定']);
  const link = r1.findings.find((f) => f.kind === 'link')!;
  assert.equal(link.detail.href, '/u/bureau/doc/999999');
  assert.equal(r1.findings.filter((f) => f.kind === 'link').length, 1, 'the own-host link to /u/bureau/latest resolves (no route table recorded: only ids and slugs are checked)');
  assert.equal(r1.created, r1.findings.length);
  const n = Number((await d.db.selectFrom('health_findings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const r2 = await runCheck(d.db, sys, { ...opts, unitCode: CODES.bureau });
  assert.equal(r2.created, 0);
  assert.equal(Number((await d.db.selectFrom('health_findings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), n);
  assert.equal(Number((await d.db.selectFrom('health_orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), n, 'one work order per finding');
  const scores = await d.db.selectFrom('health_scores').select(['run_id', 'verdict', 'vetoes']).where('unit_id', '=', r1.sites[0].unit_id).orderBy('run_id').execute();
  assert.equal(scores.length, 2, 'score history: one row a run');
});

test('work order: verify refused while still found; fixed problems resolve; a problem that comes back reopens the order', async () => {
  const typo = await d.db.selectFrom('health_findings as f').innerJoin('health_orders as o', 'o.finding_id', 'f.id').select(['o.id', 'f.id as fid']).where('f.key', 'like', 'typo:%').where('f.detail', '@>', JSON.stringify({ word: '签定' }) as never).executeTakeFirstOrThrow();
  await moveOrder(d.db, sys, typo.id, 'fix', {});
  await assert.rejects(moveOrder(d.db, sys, typo.id, 'verify', {}), (e: unknown) => e instanceof AppError && e.status === 422 && !!e.fields?.note);
  await d.db.updateTable('documents').set({ title: '测试市司法局关于签订合作协议的通知' }).where('title', 'like', '%签定%').execute();
  const r = await runCheck(d.db, sys, { ...opts, unitCode: CODES.bureau });
  assert.ok(r.resolved >= 1);
  assert.ok((await d.db.selectFrom('health_findings').select('resolved_at').where('id', '=', typo.fid).executeTakeFirstOrThrow()).resolved_at);
  await moveOrder(d.db, sys, typo.id, 'verify', {});
  await moveOrder(d.db, sys, typo.id, 'close', {});
  await d.db.updateTable('documents').set({ title: '测试市司法局关于签定合作协议的通知' }).where('title', 'like', '%签订%').execute();
  await runCheck(d.db, sys, { ...opts, unitCode: CODES.bureau });
  assert.equal((await d.db.selectFrom('health_orders').select('state').where('id', '=', typo.id).executeTakeFirstOrThrow()).state, 'open');
  await assert.rejects(moveOrder(d.db, sys, typo.id, 'close', {}), (e: unknown) => e instanceof AppError && e.status === 409);
});

test('runs at the same moment (two admins, the scheduler) do not collide: every run is recorded, each finding once', async () => {
  // the CI's authorization matrix posts /admin/health/run from several roles at once; on PostgreSQL the
  // second run inserted the same finding keys and failed with a unique violation (a 500)
  const runs = await Promise.all([1, 2, 3].map(() => runCheck(d.db, sys, { ...opts, unitCode: CODES.county })));
  assert.equal(new Set(runs.map((r) => r.runId)).size, 3);
  assert.ok(runs[0].findings.length > 0, 'the county has findings (empty columns)');
  assert.equal(runs.reduce((s, r) => s + r.created, 0), runs[0].findings.length, 'each finding created by one run only');
  const dup = await d.db.selectFrom('health_findings').select(['key']).groupBy('key').having((eb) => eb.fn.countAll(), '>', 1).execute();
  assert.deepEqual(dup, []);
});

test('an empty 政府信息公开制度 column is a finding; the guide, which the portal fills, is not', async () => {
  const r = await runCheck(d.db, sys, { ...opts, unitCode: CODES.bureau });
  const empty = r.findings.filter((f) => f.kind === 'column_empty').map((f) => f.detail.slug);
  assert.ok(empty.includes('rules'), `制度 in ${empty.join(', ')}`);
  assert.ok(!empty.includes('guide'), 'the guide is the portal\'s page');
});
