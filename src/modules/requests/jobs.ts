/** Background job of the module: due-soon and overdue reminders, hourly (reminders.ts; idempotent). */
import { JOBS } from '../../core/jobs/index.ts';
import { runReminders } from './store/reminders.ts';

JOBS.push({
  name: 'requests.reminders',
  everyMs: 3600_000,
  run: async (d, cfg, log) => {
    await runReminders(d.db, cfg, log);
  },
});
