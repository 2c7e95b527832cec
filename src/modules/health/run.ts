/**
 * One check run: reads the facts (store/facts.ts), applies the pure checks (domain/), then in one
 * transaction upserts the findings by their stable key (a re-run updates, never duplicates), opens a
 * work order for each new finding, reopens the order of a finding that came back, marks findings no
 * longer seen as resolved, writes each site's score and audits the run. Work point 15 (日常维护) and
 * 国办秘函〔2019〕19号 (单项否决 and 扣分, reference.md §5.2).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { inTransaction, type Db } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { calendarFor } from '../../core/calendar/store.ts';
import { shanghaiDate } from '../../core/render/i18n.ts';
import { unitByCode } from '../units/repository.ts';
import { invalid, notFound } from '../../core/http/errors.ts';
import { columnIssue, daysBetween, filledElsewhere } from './domain/columns.ts';
import { accessibilityIssues, interpretationMissing, INTERPRETATION_WORKDAYS, messageOverdue, missingMetadata } from './domain/content.ts';
import { extractLinks } from './domain/html.ts';
import { classifyHref, resolveInternal } from './domain/links.ts';
import { scanText } from './domain/text.ts';
import { emptyCounts, scoreSite, type CheckKind, type Score, type SiteCounts } from './domain/score.ts';
import { columnsOf, documentBatch, linkIndex, openMessages, uninterpreted, unitsOf, type DocRow } from './store/facts.ts';
import { checkExternal, type ExternalOptions } from './external.ts';
import { loadSettings } from './settings.ts';
import { Pacer } from '../../core/jobs/pace.ts';

export interface Finding { key: string; unit_id: number; kind: CheckKind; severity: 'veto' | 'warn'; subject_type: string; subject_id: number | null; detail: Record<string, unknown> }

export interface RunOptions {
  trigger: 'job' | 'cli' | 'admin' | 'demo';
  unitCode?: string;
  /** the day of the check (Asia/Shanghai); default today — the demo checks its own 2020 world */
  asOf?: string;
  /** check external links too (default: the administrator's setting, off unless turned on) */
  external?: boolean;
  ownHosts: string[];
  externalOptions?: Partial<ExternalOptions>;
  /** the share of the process' time the document checks may take (core/jobs/pace.ts); default 1, unpaced */
  pace?: number;
  /** the longest the paced checks hold the event loop at a stretch, ms (Pacer's default 2 ms when not given) */
  sliceMs?: number;
}

/** The pacer of a run's document checks, from its options. */
export const pacerFor = (o: Pick<RunOptions, 'pace' | 'sliceMs'>) => new Pacer({ share: o.pace ?? 1, sliceMs: o.sliceMs });

export interface SiteResult { unit_id: number; code: string; name: string; score: Score; open: number }
export interface RunResult { runId: number; asOf: string; sites: SiteResult[]; findings: Finding[]; created: number; resolved: number; stats: Record<string, number> }

const BATCH = 500;
/**
 * pg_advisory_xact_lock key of the write phase: runs may overlap (two admins, the scheduler, the
 * CLI), and each reads the existing findings before inserting the new ones by their unique key —
 * without the lock the second insert of the same key fails. From a name, like the job locks.
 */
export const WRITE_LOCK = createHash('sha256').update('gongkai.health:write').digest().readIntBE(0, 6);
const keyPart = (s: string) => (s.length <= 120 ? s : createHash('sha256').update(s).digest('hex').slice(0, 32));

export async function runCheck(db: Db, ctx: CommandContext, o: RunOptions): Promise<RunResult> {
  const t0 = Date.now();
  const scope = o.unitCode ? await unitByCode(db, o.unitCode.trim().toUpperCase()) : undefined;
  if (o.unitCode && !scope) throw notFound({ zh: '单位', en: 'unit' });
  // a whole-cluster run is the scheduler's or the operator's; a signed-in user checks a unit's subtree
  if (!scope && ctx.actor) throw invalid({ unit: { zh: '请选择要检查的单位', en: 'Choose the unit to check' } });
  if (scope) authorize(ctx, 'health.run', scope.path);
  const asOf = o.asOf ?? shanghaiDate();
  const settings = await loadSettings(db);
  const external = o.external ?? settings.external;
  const units = await unitsOf(db, scope?.path ?? null);
  const unitIds = units.map((u) => u.id);
  const counts = new Map<number, SiteCounts>(units.map((u) => [u.id, emptyCounts()]));
  const found = new Map<string, Finding>();
  const add = (f: Finding) => { if (!found.has(f.key)) found.set(f.key, f); };
  const stats: Record<string, number> = { units: units.length, columns: 0, documents: 0, links: 0, internalLinks: 0, externalLinks: 0 };

  // home page and columns (单项否决 第3、4项)
  for (const u of units) {
    if (!u.last_publish || daysBetween(u.last_publish, asOf) > 14) {
      counts.get(u.id)!.homeStale = true;
      add({ key: `home_stale:${u.id}`, unit_id: u.id, kind: 'home_stale', severity: 'veto', subject_type: 'unit', subject_id: u.id, detail: { since: u.last_publish } });
    }
  }
  for (const c of await columnsOf(db, unitIds)) {
    stats.columns++;
    const issue = columnIssue({ id: c.id, type: c.column_type, firstLevel: c.first_level, container: c.has_children || filledElsewhere({ type: c.column_type }), count: c.count, last: c.last }, asOf);
    if (!issue) continue;
    const n = counts.get(c.unit_id)!;
    if (issue.kind === 'empty') {
      n.emptyColumns++;
      add({ key: `column_empty:${c.id}`, unit_id: c.unit_id, kind: 'column_empty', severity: 'warn', subject_type: 'doc_column', subject_id: c.id, detail: { column: c.name_zh, slug: c.slug } });
    } else if (issue.cls !== 'exempt') {
      if (issue.cls === 'long') n.longStaleColumns++;
      else n.staleColumns++;
      add({ key: `column_stale:${c.id}`, unit_id: c.unit_id, kind: 'column_stale', severity: 'warn', subject_type: 'doc_column', subject_id: c.id, detail: { column: c.name_zh, slug: c.slug, type: c.column_type, cls: issue.cls, days: issue.days, since: issue.since } });
    }
  }

  // documents: metadata, words, accessibility, links — in keyset batches (bounded memory)
  const ix = await linkIndex(db);
  const own = new Set(o.ownHosts.map((h) => h.toLowerCase()));
  const externalRefs = new Map<string, { docId: number; unitId: number; title: string }[]>();
  const pacer = pacerFor(o);
  for (let after = 0; ;) {
    const batch = await documentBatch(db, unitIds, after, BATCH);
    if (!batch.length) break;
    after = batch[batch.length - 1].id;
    for (const d of batch) {
      checkDocument(d, { add, counts: counts.get(d.unit_id)!, settings, own, ix, externalRefs, stats });
      await pacer.tick();
    }
  }
  stats.pausedMs = Math.round(pacer.slept);
  stats.pauses = pacer.sleeps;

  // 解读 (plan point 7; 5 working days)
  const cal = await calendarFor(db, null);
  for (const p of await uninterpreted(db, unitIds)) {
    let dueOn: string | null = null;
    try { dueOn = p.publish_date ? cal.addWorkdays(p.publish_date, INTERPRETATION_WORKDAYS) : null; } catch { dueOn = null; }
    if (!interpretationMissing({ legal_form: p.legal_form, publish_date: p.publish_date, interpreted: false, dueOn }, asOf)) continue;
    counts.get(p.unit_id)!.missingInterpretations++;
    add({ key: `interpretation:${p.id}`, unit_id: p.unit_id, kind: 'interpretation', severity: 'warn', subject_type: 'document', subject_id: p.id, detail: { title: p.title, due: dueOn } });
  }

  // messages (单项否决 第6项)
  for (const m of await openMessages(db, unitIds, asOf)) {
    const r = messageOverdue(m, asOf);
    if (!r.overdue) continue;
    const n = counts.get(m.unit_id)!;
    n.overdueMessages++;
    if (r.veto) n.messagesOver3Months++;
    add({ key: `message_overdue:${m.id}`, unit_id: m.unit_id, kind: 'message_overdue', severity: r.veto ? 'veto' : 'warn', subject_type: 'message', subject_id: m.id, detail: { tracking_no: m.tracking_no, due: m.due_on, received: m.received_on } });
  }

  // external links: optional, bounded, polite (external.ts)
  if (external && externalRefs.size) {
    const results = await checkExternal([...externalRefs.keys()], { ...settings.externalOptions, ...o.externalOptions });
    stats.externalChecked = results.size;
    for (const [url, r] of results) {
      if (r.ok) continue;
      for (const ref of externalRefs.get(url)!) {
        counts.get(ref.unitId)!.brokenLinks++;
        add({ key: `link_external:${ref.docId}:${keyPart(url)}`, unit_id: ref.unitId, kind: 'link_external', severity: 'warn', subject_type: 'document', subject_id: ref.docId, detail: { title: ref.title, href: url, verdict: r.reason } });
      }
    }
  }

  const scores = new Map(units.map((u) => [u.id, scoreSite(counts.get(u.id)!)]));
  stats.ms = Date.now() - t0;
  const findings = [...found.values()];
  const w = await writeRun(db, ctx, { o, scope, asOf, external, unitIds, findings, scores, counts, stats, startedAt: new Date(t0) });
  stats.totalMs = Date.now() - t0;
  const openBy = new Map<number, number>();
  for (const f of findings) openBy.set(f.unit_id, (openBy.get(f.unit_id) ?? 0) + 1);
  return { runId: w.runId, asOf, findings, created: w.created, resolved: w.resolved, stats, sites: units.map((u) => ({ unit_id: u.id, code: u.code, name: u.name, score: scores.get(u.id)!, open: openBy.get(u.id) ?? 0 })) };
}

interface DocCtx {
  add: (f: Finding) => void; counts: SiteCounts; settings: Awaited<ReturnType<typeof loadSettings>>; own: Set<string>;
  ix: Awaited<ReturnType<typeof linkIndex>>; externalRefs: Map<string, { docId: number; unitId: number; title: string }[]>; stats: Record<string, number>;
}

function checkDocument(d: DocRow, c: DocCtx): void {
  c.stats.documents++;
  const base = { unit_id: d.unit_id, subject_type: 'document', subject_id: d.id };
  const missing = missingMetadata(d);
  if (missing.length) {
    c.counts.missingMetadata++;
    c.add({ ...base, key: `metadata:${d.id}`, kind: 'metadata', severity: 'warn', detail: { title: d.title, fields: missing } });
  }
  for (const h of scanText([d.title, d.summary ?? '', d.body_text].join('\n'), c.settings.words)) {
    if (h.serious) c.counts.seriousErrors++;
    else c.counts.typos++;
    c.add({ ...base, key: `${h.kind}:${d.id}:${keyPart(h.word)}`, kind: h.kind, severity: h.serious ? 'veto' : 'warn', detail: { title: d.title, word: h.word, right: h.right ?? null, count: h.count, context: h.context } });
  }
  const a11y = accessibilityIssues(d.body_html);
  for (const [issue, n] of Object.entries(a11y)) {
    c.counts.a11yIssues += n;
    c.add({ ...base, key: `a11y:${d.id}:${issue}`, kind: 'a11y', severity: 'warn', detail: { title: d.title, issue, count: n } });
  }
  for (const l of extractLinks(d.body_html)) {
    c.stats.links++;
    const k = classifyHref(l.href, c.own);
    if (k.kind === 'skip') continue;
    if (k.kind === 'external') {
      c.stats.externalLinks++;
      const url = k.url.href;
      const refs = c.externalRefs.get(url) ?? c.externalRefs.set(url, []).get(url)!;
      if (!refs.some((r) => r.docId === d.id)) refs.push({ docId: d.id, unitId: d.unit_id, title: d.title });
      continue;
    }
    c.stats.internalLinks++;
    const verdict = k.kind === 'malformed' ? 'malformed' : resolveInternal(k.path, c.ix);
    if (verdict === 'ok') continue;
    c.counts.brokenLinks++;
    c.add({ ...base, key: `link:${d.id}:${keyPart(l.href)}`, kind: 'link', severity: 'warn', detail: { title: d.title, href: l.href, verdict } });
  }
}

interface WriteInput {
  o: RunOptions; scope: { id: number } | undefined; asOf: string; external: boolean; unitIds: number[]; findings: Finding[];
  scores: Map<number, Score>; counts: Map<number, SiteCounts>; stats: Record<string, number>; startedAt: Date;
}

async function writeRun(db: Db, ctx: CommandContext, w: WriteInput): Promise<{ runId: number; created: number; resolved: number }> {
  return inTransaction(db, async (tx) => {
    await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(tx);
    const runId = (await tx.insertInto('health_runs').values({ trigger: w.o.trigger, scope_unit_id: w.scope?.id ?? null, as_of: w.asOf, external: w.external, started_at: w.startedAt, finished_at: new Date(), stats: JSON.stringify(w.stats), started_by: ctx.audit.name })
      .returning('id').executeTakeFirstOrThrow()).id;
    let q = tx.selectFrom('health_findings').select(['id', 'key', 'resolved_at']).where('unit_id', 'in', w.unitIds.length ? w.unitIds : [0]);
    if (!w.external) q = q.where('kind', '!=', 'link_external');
    const existing = new Map((await q.execute()).map((r) => [r.key, r]));
    const now = new Date();
    const fresh = w.findings.filter((f) => !existing.has(f.key));
    const seen = w.findings.filter((f) => existing.has(f.key));
    let created = 0;
    for (let i = 0; i < fresh.length; i += BATCH) {
      const rows = fresh.slice(i, i + BATCH).map((f) => ({ ...f, detail: JSON.stringify(f.detail), first_run_id: runId, last_run_id: runId, first_seen_at: now, last_seen_at: now }));
      const ids = await tx.insertInto('health_findings').values(rows).returning(['id', 'unit_id']).execute();
      await tx.insertInto('health_orders').values(ids.map((r) => ({ finding_id: r.id, unit_id: r.unit_id, created_at: now, updated_at: now, updated_by: ctx.audit.name }))).execute();
      created += ids.length;
    }
    for (let i = 0; i < seen.length; i += BATCH) {
      const part = seen.slice(i, i + BATCH);
      const json = JSON.stringify(part.map((f) => ({ id: existing.get(f.key)!.id, detail: f.detail, severity: f.severity })));
      await sqlUpdateSeen(json, runId, now).execute(tx);
      const back = part.filter((f) => existing.get(f.key)!.resolved_at).map((f) => existing.get(f.key)!.id);
      if (back.length) await tx.updateTable('health_orders').set({ state: 'open', updated_at: now, updated_by: ctx.audit.name, note: '复查再次发现 / found again' }).where('finding_id', 'in', back).where('state', 'in', ['verified', 'closed']).execute();
    }
    const seenKeys = new Set(w.findings.map((f) => f.key));
    const gone = [...existing.values()].filter((r) => !seenKeys.has(r.key) && !r.resolved_at).map((r) => r.id);
    for (let i = 0; i < gone.length; i += BATCH) await tx.updateTable('health_findings').set({ resolved_at: now }).where('id', 'in', gone.slice(i, i + BATCH)).execute();
    const scoreRows = [...w.scores].map(([unitId, s]) => ({ run_id: runId, unit_id: unitId, as_of: w.asOf, points: s.points, verdict: s.verdict, vetoes: s.vetoes, deductions: JSON.stringify(s.deductions), counts: JSON.stringify(w.counts.get(unitId)) }));
    for (let i = 0; i < scoreRows.length; i += BATCH) await tx.insertInto('health_scores').values(scoreRows.slice(i, i + BATCH)).execute();
    const failed = [...w.scores.values()].filter((s) => s.verdict === 'fail').length;
    await recordAudit(tx, ctx.audit, { action: 'health.run', unitId: w.scope?.id ?? null, subjectType: 'health_run', subjectId: runId, summary: { findings: w.findings.length, created, resolved: gone.length, sites: w.scores.size, failed } });
    return { runId, created, resolved: gone.length };
  });
}

function sqlUpdateSeen(json: string, runId: number, now: Date) {
  return sql`update health_findings f set detail = v.detail, severity = v.severity, last_run_id = ${runId}, last_seen_at = ${now}, resolved_at = null
    from jsonb_to_recordset(${json}::jsonb) as v(id int, detail jsonb, severity text) where f.id = v.id`;
}
