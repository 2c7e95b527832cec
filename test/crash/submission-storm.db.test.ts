/**
 * Crash safety (issue #10): the real server in a child process on a fresh data dir (PGlite), or a
 * fresh schema when TEST_DATABASE_URL is set; concurrent citizens submit applications through the
 * public API; the server is killed with SIGKILL mid-storm (as a power cut of the process or the OOM
 * killer would), started again, and then every application whose submission was acknowledged
 * (201 with a tracking number, or 202 kept in the inbox) must be in the database, and the audit
 * chain must verify (`gongkai audit verify`). The figures of each run are printed (docs/security.md,
 * "Crash safety").
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliSandbox } from '../helpers/cli.ts';
import { startServer, type ServerProc } from '../helpers/server.ts';
import { newTally, prepareStormData, someone, stormClient, stormEnv, type StormTally } from '../helpers/storm.ts';
import { openDatabase } from '../../src/core/db/index.ts';
import { makeUscc } from '../../src/modules/units/uscc.ts';
import { systemContext } from '../../src/core/commands/context.ts';
import { createUnit } from '../../src/modules/units/commands.ts';
import { readCheckpoints, verifyAudit } from '../../src/core/audit/index.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const CLIENTS = 8;
/** the kill comes after this many acknowledgements, or after STORM_MS on a slow machine */
const KILL_AFTER = 24;
const STORM_MS = 12_000;
const UNIT = makeUscc('211300', 'KB000001');

const cli = cliSandbox('storm', { timeoutMs: 120_000 });
let server: ServerProc | null = null;
let t0 = 0;
// each simulated citizen has its own address (the per-address submission limit, 20 an hour, is the
// abuse guard and not what this test is about): test/helpers/storm.ts
const serverEnv = () => stormEnv(cli);

before(async () => {
  t0 = Date.now();
  await prepareStormData(cli, (db) => createUnit(db, systemContext('test'), { code: UNIT, name: '风暴测试市人民政府', type: 'city_government', slug: 'storm' }));
  server = await startServer(serverEnv());
});
after(async () => {
  await server?.stop();
  await cli.cleanup();
});

const application = (n: number) => ({
  unit: 'storm', applicant_type: 'natural', name: `风暴申请人${n}`, id_type: 'resident_id', id_number: '110101199003078515', phone: '13800138000',
  email: `storm${n}@example.com`, address: '测试市测试路1号', info_title: `第${n}号申请：道路维修资金使用情况`, description: '包括项目清单和资金拨付明细',
  form: 'electronic', delivery: 'email',
});

/** One application through the public API: 201 with a tracking number, or 202 kept in the inbox. */
const submit = (url: string, token: string) => async (n: number) => {
  const r = await fetch(`${url}/api/v1/requests`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': someone() },
    body: JSON.stringify({ ...application(n), form_token: token }),
  });
  const body = (await r.json()) as { trackingNo?: string; kept?: number };
  if (r.status === 201 && body.trackingNo) return { ack: body.trackingNo };
  if (r.status === 202 && body.kept) return { kept: String(body.kept) };
  return null;
};

test('kill -9 during a submission storm loses no acknowledged application and leaves a verifying audit chain', { timeout: 240_000 }, async () => {
  const s = server!;
  const setupMs = Date.now() - t0;
  const tally: StormTally = newTally();
  const token = ((await (await fetch(`${s.url}/api/v1/requests/form-token`)).json()) as { token: string; minFillSeconds: number });
  // the abuse guard wants a form open for a few seconds
  await new Promise((r) => setTimeout(r, token.minFillSeconds * 1000 + 200));
  let killed = false;
  const seq = { n: 0 };
  const started = Date.now();
  const clients = Array.from({ length: CLIENTS }, () => stormClient(submit(s.url, token.token), () => killed, tally, seq));
  while (tally.acknowledged.length < KILL_AFTER && Date.now() - started < STORM_MS) await new Promise((r) => setTimeout(r, 10));
  const beforeKill = tally.acknowledged.length;
  await s.kill9();
  killed = true;
  await Promise.all(clients);
  const stormMs = Date.now() - started;
  assert.ok(beforeKill >= 1, 'acknowledged submissions before the kill');
  assert.ok(tally.failed >= 1, 'submissions in flight at the kill');

  // the next start opens the data dir a crash left behind
  const restartAt = Date.now();
  server = await startServer(serverEnv());
  const restartMs = Date.now() - restartAt;
  assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
  assert.equal(await server.stop(), 0);
  server = null;

  const d = await openDatabase({ databaseUrl: cli.databaseUrl, dataDir: cli.dir });
  try {
    const stored = new Set((await d.db.selectFrom('request_cases').select('tracking_no').where('tracking_no', 'is not', null).execute()).map((r) => r.tracking_no));
    const lost = tally.acknowledged.filter((t) => !stored.has(t));
    assert.deepEqual(lost, [], `${lost.length} of ${tally.acknowledged.length} acknowledged applications lost`);
    if (tally.kept.length) {
      const kept = new Set((await d.db.selectFrom('request_submissions_inbox').select('id').execute()).map((r) => String(r.id)));
      assert.deepEqual(tally.kept.filter((id) => !kept.has(id)), [], 'inbox entries lost');
    }
    // what `gongkai audit verify` runs (against signed checkpoints when the server wrote any: its
    // background jobs, off here, write them)
    const anchors = join(cli.dir, 'audit', 'audit-checkpoints.jsonl');
    const verified = await verifyAudit(d.db, existsSync(anchors) ? { checkpoints: readCheckpoints(anchors) } : {});
    assert.deepEqual(verified.problems, []);
    assert.equal(verified.ok, true);
    assert.ok(verified.count > tally.acknowledged.length);
    // each acknowledged application's submission is in the audit log too
    const audited = Number((await d.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'request.%').executeTakeFirstOrThrow()).n);
    assert.ok(audited >= tally.acknowledged.length, `${audited} request audit rows for ${tally.acknowledged.length} acknowledged`);
    console.log(`# crash safety (${cli.databaseUrl ? 'PostgreSQL' : 'PGlite'}): ${CLIENTS} clients, ${stormMs} ms storm, ${tally.acknowledged.length} acknowledged`
      + ` (+${tally.kept.length} inbox), ${tally.refused} refused, ${tally.failed} cut by the kill, ${stored.size} stored`
      + ` (${stored.size - tally.acknowledged.length} committed but unacknowledged), 0 lost; setup ${setupMs} ms, restart ${restartMs} ms; audit verify ok (${verified.count} entries, ${verified.checkpoints} checkpoint(s))`);
  } finally {
    await d.close();
  }
});
