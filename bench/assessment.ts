/**
 * `npx tsx bench/assessment.ts` — the assessment of a whole city (要点 第24点) over BENCH_UNITS units
 * (default 1 000) and BENCH_DOCS published documents (default 100 000) of one year, with 解读 links,
 * columns, trainings and attendance. Goal: < 10 s for 1 000 units × 100 000 documents (the demo
 * city: < 1 s). PostgreSQL at BENCH_DATABASE_URL when reachable (scratch database created and
 * dropped), else PGlite in memory (BENCH_DB=pglite forces it). Prints the median of BENCH_ROUNDS (3).
 */
import { cpus, loadavg } from 'node:os';
import { sql } from 'kysely';
import { postgresReachable, scratchPostgres } from './scratch-db.ts';
import { writeBenchBlock } from './doc-block.ts';
import { openDatabase, type Database, type Db } from '../src/core/db/index.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { assess } from '../src/modules/assessment/store/queries.ts';

const env = process.env;
const UNITS = Number(env.BENCH_UNITS ?? 1000);
const DOCS = Number(env.BENCH_DOCS ?? 100_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const log = (s: string) => console.log(`[bench:assessment] ${s}`);

async function scratch(): Promise<{ database: Database; kind: string; drop: () => Promise<void> }> {
  if (env.BENCH_DB !== 'pglite' && (await postgresReachable())) {
    const pgdb = await scratchPostgres(`gongkai_assess_${process.pid}`);
    const database = await openDatabase({ databaseUrl: pgdb.url, poolSize: 4 });
    return { database, kind: 'PostgreSQL', drop: async () => { await database.close(); await pgdb.drop(); } };
  }
  const database = await openDatabase({ databaseUrl: null, memory: true });
  return { database, kind: 'PGlite (in memory)', drop: () => database.close() };
}

/** A city, 10 counties, departments and townships; every unit gets a news, a notice and a policy column. */
async function load(db: Db) {
  const ins = async (code: string, name: string, type: string, parent: { id: number; path: string; depth: number } | null) => {
    const r = await db.insertInto('units').values({ code, name, short_name: name.slice(0, 12), type, parent_id: parent?.id ?? null, path: '/', depth: parent ? parent.depth + 1 : 0, slug: code.toLowerCase() }).returning('id').executeTakeFirstOrThrow();
    const path = `${parent?.path ?? '/'}${r.id}/`;
    await db.updateTable('units').set({ path }).where('id', '=', r.id).execute();
    return { id: r.id, path, depth: parent ? parent.depth + 1 : 0 };
  };
  const city = await ins('BENCH-CITY', '基准测试市人民政府', 'city_government', null);
  const counties = [];
  for (let i = 0; i < 10; i++) counties.push(await ins(`BENCH-C${i}`, `基准测试${i}县人民政府`, 'county_government', city));
  for (let n = 11; n < UNITS; n++) {
    const parent = n % 3 === 0 ? city : counties[n % 10];
    await ins(`BENCH-U${n}`, `基准测试单位${n}`, parent === city ? 'department' : n % 2 ? 'township' : 'department', parent);
  }
  await sql`select setseed(0.4242)`.execute(db);
  await sql`
    insert into doc_columns (unit_id, slug, name_zh, name_en, column_type)
    select u.id, t.slug, t.slug, t.slug, t.slug from units u cross join (values ('news'), ('notice'), ('policy')) as t(slug)`.execute(db);
  await sql`
    with u as (select array_agg(id order by id) as ids from units)
    insert into documents (unit_id, index_no, index_year, index_serial, title, legal_form, written_date, publish_date, status, published_at,
      timeliness_workdays, timeliness_art26_overdue, timeliness_policy_overdue)
    select (select ids from u)[1 + (i % array_length((select ids from u), 1))], 'BENCH-' || i, 2020, i, '基准测试文件' || i,
      case when i % 5 = 0 then 'normative' else 'none' end, d - 10, d, 'published', d::timestamptz, 10, random() < 0.05, false
    from (select i, date '2020-01-01' + (random() * 365)::int as d from generate_series(1, ${DOCS}) i) s`.execute(db);
  await sql`
    insert into documents (unit_id, index_no, index_year, index_serial, title, interprets_id, publish_date, status, published_at)
    select unit_id, 'BENCH-J' || id, 2020, ${DOCS} + id, '解读' || id, id, publish_date + 2, 'published', published_at
    from documents where legal_form = 'normative' and id % 2 = 0`.execute(db);
  await sql`
    insert into document_columns (document_id, column_id)
    select d.id, c.id from documents d join doc_columns c on c.unit_id = d.unit_id and c.column_type = (array['news','notice','policy'])[1 + d.id % 3]`.execute(db);
  await sql`
    insert into trainings (unit_id, held_on, topic, organiser, hours) select ${city.id}, date '2020-01-01' + i * 30, '培训' || i, '基准', 3 from generate_series(1, 10) i`.execute(db);
  await sql`
    insert into training_attendance (training_id, unit_id, name)
    select t.id, u.id, '基准' || u.id from trainings t cross join units u where (t.id + u.id) % 3 = 0`.execute(db);
  await sql`analyze`.execute(db);
}

/** The figures into docs/benchmarks.md (one block per database kind), unless BENCH_WRITE=0. */
function writeSection(kind: string, report: string) {
  const file = writeBenchBlock({ name: 'assessment-bench', tag: kind.startsWith('PostgreSQL') ? 'pg' : 'pglite', heading: `Assessment of a whole city (\`npm run bench:assessment\`)`, report });
  if (file) log(`wrote ${file}`);
}

const loadAvg = loadavg().map((x) => x.toFixed(2)).join(' / ');
const { database, kind, drop } = await scratch();
try {
  await migrateToLatest(database.db);
  const t0 = performance.now();
  await load(database.db);
  log(`${kind}: ${UNITS} units, ${DOCS} documents loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const times: number[] = [];
  for (let r = 0; r <= ROUNDS; r++) {
    const s = performance.now();
    const a = await assess(database.db, { year: 2020, today: '2021-06-30', scope: ['/'] });
    if (r > 0) times.push(performance.now() - s); // round 0 warms up
    if (r === 0) log(`units ${a.units.length}, counties ${a.counties.length}, city score ${a.total.total}`);
  }
  times.sort((x, y) => x - y);
  const ms = times[Math.floor(times.length / 2)];
  log(`whole-city assessment: median ${ms.toFixed(0)} ms over ${ROUNDS} rounds (goal < 10 000 ms at 1 000 units × 100 000 documents)`);
  writeSection(kind, `- ${kind}, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}, Node ${process.version}, load average ${loadAvg}: `
    + `**${UNITS.toLocaleString('en-US')} units × ${DOCS.toLocaleString('en-US')} documents — median ${ms.toFixed(0)} ms** over ${ROUNDS} rounds (goal < 10 000 ms).`);
} finally {
  await drop();
}
