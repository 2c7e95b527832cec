/**
 * Entry point: `web` (default) serves the portal, admin and API; `worker` runs background jobs;
 * the CLI lives in src/cli. One code base, one configuration.
 */
import { ensureClientBundle } from './core/http/client-bundle.ts';
import { boot } from './boot.ts';
import { buildApp } from './app.ts';
import { startJobs } from './core/jobs/index.ts';
import { limitHeapGrowth } from './core/heap.ts';

async function web() {
  const { cfg, database } = await boot();
  limitHeapGrowth(cfg.heapGrowthPercent);
  // the demo generators (and the PDF library they use) are loaded only when there is a demo to create
  if (cfg.demo && !(await database.db.selectFrom('units').select('id').limit(1).executeTakeFirst())) {
    const { seedDemo } = await import('./modules/system/seed.ts');
    const r = await seedDemo(database.db, { dataDir: cfg.dataDir, adminPassword: cfg.adminPassword, log: (s) => console.log(`[seed] ${s}`) });
    if (r.created) {
      console.log('\n  演示数据已创建 / demo site created');
      console.log(`  管理员 admin 的密码 / admin password: ${cfg.adminPassword ? '(GONGKAI_ADMIN_PASSWORD)' : r.adminPassword}`);
      console.log(`  (saved in ${cfg.dataDir}/demo-credentials.txt)\n`);
    }
  }
  await ensureClientBundle();
  const app = await buildApp(cfg, database);
  const jobs = cfg.workerInProcess ? await startJobs(database, cfg, app.log) : null;
  let closing = false;
  const shutdown = async (sig: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ sig }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close(); // stops accepting, lets in-flight requests finish
    await jobs?.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: cfg.port, host: cfg.host });
  const shown = cfg.host === '::' || cfg.host === '0.0.0.0' ? 'localhost' : cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host;
  console.log(`\n  gongkai 已启动 / running: http://${shown}:${cfg.port}/   管理后台 / admin: http://${shown}:${cfg.port}/admin`);
  console.log(`  数据库 / database: ${database.kind === 'pglite' ? `PGlite (${cfg.dataDir}/pgdata)` : 'PostgreSQL (DATABASE_URL)'}\n`);
}

async function worker() {
  const { cfg, database } = await boot();
  limitHeapGrowth(cfg.heapGrowthPercent);
  const log = { info: (o: unknown, m?: string) => console.log(m ?? o), error: (o: unknown, m?: string) => console.error(m ?? o), warn: (o: unknown, m?: string) => console.warn(m ?? o) };
  const jobs = await startJobs(database, cfg, log);
  const stop = async () => {
    await jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

const role = process.argv[2] ?? 'web';
if (role === 'web') await web();
else if (role === 'worker') await worker();
else {
  console.error(`unknown role ${role}: use web or worker (the CLI is \`npx gongkai\`)`);
  process.exit(2);
}
