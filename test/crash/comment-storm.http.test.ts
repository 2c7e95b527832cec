/**
 * Crash safety of public participation (issue #12): the real server in a child process on a fresh data
 * dir (PGlite), or a fresh schema when TEST_DATABASE_URL is set; 8 citizens post comments on an open
 * consultation through the HTML form — past its whole guard: the CSRF cookie and token, the signed
 * fill-time token, the honeypot left empty and the arithmetic question answered — for STORM_SECONDS
 * (default 4; `STORM_SECONDS=60` for the full run, src/modules/consultations/README.md). Halfway the
 * server is killed with SIGKILL, started again on the same port, and the citizens go on. Afterwards
 * every comment that got a success answer (303 to the page, or 202 "kept") must be in
 * `consultation_comments` or, encrypted, in `consultation_comments_kept`; the audit chain must verify.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../helpers/cli.ts';
import { startServer, type ServerProc } from '../helpers/server.ts';
import { newTally, prepareStormData, someone, stormClient, stormEnv } from '../helpers/storm.ts';
import { openDatabase } from '../../src/core/db/index.ts';
import { systemContext } from '../../src/core/commands/context.ts';
import { readCheckpoints, verifyAudit } from '../../src/core/audit/index.ts';
import { ANTISPAM } from '../../src/core/http/antispam.ts';
import { addDays } from '../../src/core/calendar/dates.ts';
import { shanghaiDate } from '../../src/core/render/i18n.ts';
import { createUnit } from '../../src/modules/units/commands.ts';
import { makeUscc } from '../../src/modules/units/uscc.ts';
import { decryptPii } from '../../src/core/pii/crypto.ts';
import { loadConfig } from '../../src/config/env.ts';
import { publishConsultation, saveConsultation, saveDecision } from '../../src/modules/consultations/commands/editorial.ts';

const CLIENTS = 8;
const SECONDS = Math.max(2, Number(process.env.STORM_SECONDS ?? 4));
const RUN = randomBytes(4).toString('hex');
const cli = cliSandbox('cstorm', { timeoutMs: 120_000 });
let server: ServerProc | null = null;
let consultation = 0;

before(async () => {
  consultation = await prepareStormData(cli, async (db) => {
    const sys = systemContext('test');
    const today = shanghaiDate();
    const unit = await createUnit(db, sys, { code: makeUscc('211300', 'KC000001'), name: '风暴测试市人民政府', type: 'city_government', slug: 'cstorm' });
    const dec = await saveDecision(db, sys, { id: null, unitId: unit.id }, { year: today.slice(0, 4), title: '风暴测试市停车管理办法', undertaker: '风暴测试市交通运输局' });
    const id = await saveConsultation(db, sys, { id: null, decisionId: dec }, { title: '停车管理办法征求意见', draft_html: '<p>草案</p>', explanation_html: '<p>说明</p>', opens_on: today, closes_on: addDays(today, 30) });
    await publishConsultation(db, sys, id);
    return id;
  });
  server = await startServer(stormEnv(cli));
});
after(async () => {
  await server?.stop();
  await cli.cleanup();
});

const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A citizen opens the page as a browser would: the CSRF cookie and token, the guard token, the question answered. */
async function openForm(url: string) {
  const r = await fetch(`${url}/consultations/${consultation}`, { headers: { 'x-forwarded-for': someone() } });
  assert.equal(r.status, 200);
  const html = await r.text();
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const q = /([零一二三四五六七八九十])加([零一二三四五六七八九十])等于几/.exec(html)!;
  return {
    cookie,
    fields: {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(html)![1],
      [ANTISPAM.tokenField]: /name="guard_token" value="([^"]+)"/.exec(html)![1],
      [ANTISPAM.answerField]: String(ZH.indexOf(q[1]) + ZH.indexOf(q[2])),
      [ANTISPAM.honeypot]: '',
    },
  };
}

/** One comment through the form; its marker is acknowledged on a 303 back to the page, kept on a 202. */
const post = (url: string, form: Awaited<ReturnType<typeof openForm>>) => async (n: number) => {
  const marker = `风暴意见-${RUN}-${n}`;
  const r = await fetch(`${url}/consultations/${consultation}/comments`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie, 'x-forwarded-for': someone() },
    // a contact of its own per comment: the per-contact limit (5 a day) is not what this is about
    body: new URLSearchParams({ ...form.fields, name: `市民${n}`, contact: `storm${n}-${RUN}@example.com`, body: `${marker}：建议增加夜间临时停车泊位。` }).toString(),
  });
  await r.arrayBuffer();
  if (r.status === 303 && /done=comment/.test(r.headers.get('location') ?? '')) return { ack: marker };
  if (r.status === 202) return { kept: marker };
  return null;
};

test(`kill -9 during a ${SECONDS} s storm of comments loses no acknowledged comment`, { timeout: 120_000 + SECONDS * 2000 }, async () => {
  const s = server!;
  const url = s.url;
  const forms = await Promise.all(Array.from({ length: CLIENTS }, () => openForm(url)));
  // the guard wants a form open for a few seconds, as a person would
  await new Promise((r) => setTimeout(r, ANTISPAM.minFillMs + 300));
  const tally = newTally();
  const seq = { n: 0 };
  let stop = false;
  const started = Date.now();
  const clients = forms.map((f) => stormClient(post(url, f), () => stop, tally, seq, { retryMs: 50 }));
  while (Date.now() - started < (SECONDS * 1000) / 2 || !tally.acknowledged.length) {
    if (Date.now() - started > 60_000 + SECONDS * 1000) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const beforeKill = tally.acknowledged.length;
  await s.kill9();
  // started again on the same port: the citizens keep posting with the forms they have
  const restartAt = Date.now();
  server = await startServer(stormEnv(cli), { port: s.port });
  const restartMs = Date.now() - restartAt;
  const resumed = Date.now();
  while (Date.now() - resumed < (SECONDS * 1000) / 2 || tally.acknowledged.length === beforeKill) {
    if (Date.now() - resumed > 60_000 + SECONDS * 1000) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  stop = true;
  await Promise.all(clients);
  const stormMs = Date.now() - started;
  assert.equal(await server.stop(), 0);
  server = null;
  assert.ok(beforeKill >= 1, 'comments acknowledged before the kill');
  assert.ok(tally.acknowledged.length > beforeKill, 'comments acknowledged after the restart');
  assert.equal(tally.refused, 0, 'the form guard passed every comment');

  const d = await openDatabase({ databaseUrl: cli.databaseUrl, dataDir: cli.dir });
  try {
    const bodies = (await d.db.selectFrom('consultation_comments').select('body').where('consultation_id', '=', consultation).execute()).map((r) => r.body.split('：')[0]);
    const stored = new Set(bodies);
    const keys = loadConfig(cli.env).piiKeys;
    const keptRows = await d.db.selectFrom('consultation_comments_kept').select('payload_enc').execute();
    const kept = new Set(keptRows.map((k) => String((JSON.parse(decryptPii(keys, 'submission', k.payload_enc)) as { body: string }).body).split('：')[0]));
    const lost = [...tally.acknowledged, ...tally.kept].filter((m) => !stored.has(m) && !kept.has(m));
    assert.deepEqual(lost, [], `${lost.length} of ${tally.acknowledged.length + tally.kept.length} acknowledged comments lost`);
    assert.equal(stored.size, bodies.length, 'no comment stored twice');
    const anchors = join(cli.dir, 'audit', 'audit-checkpoints.jsonl');
    const verified = await verifyAudit(d.db, existsSync(anchors) ? { checkpoints: readCheckpoints(anchors) } : {});
    assert.deepEqual(verified.problems, []);
    const audited = Number((await d.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'consultation.comment').executeTakeFirstOrThrow()).n);
    assert.equal(audited, bodies.length, 'each stored comment has its audit row');
    console.log(`# comment storm (${cli.databaseUrl ? 'PostgreSQL' : 'PGlite'}): ${CLIENTS} clients, ${stormMs} ms storm (${SECONDS} s asked), ${tally.acknowledged.length} acknowledged`
      + ` (${beforeKill} before the kill, +${tally.kept.length} kept), ${tally.failed} cut by the kill or while down, ${bodies.length} stored`
      + ` (${bodies.length - tally.acknowledged.length} committed but unacknowledged), 0 lost; restart ${restartMs} ms; audit verify ok (${verified.count} entries)`);
  } finally {
    await d.close();
  }
});
