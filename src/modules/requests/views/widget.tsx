/** Dashboard widget: applications to confirm, due soon and overdue in the user's scope, with badges. */
import { DASHBOARD_WIDGETS } from '../../admin/dashboard.tsx';
import { scopePaths } from '../../../core/auth/policy.ts';
import { calendarFor } from '../../../core/calendar/store.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { t } from '../../../core/render/page.tsx';
import { caseCounts } from '../store/repository.ts';
import { DUE_SOON_WORKDAYS } from '../store/reminders.ts';

DASHBOARD_WIDGETS.push(async (req, c) => {
  const scope = scopePaths(req.actor, 'request.view');
  if (!scope.length) return null;
  const db = req.server.deps.db;
  const today = shanghaiDate();
  const soonBy = (await calendarFor(db)).addWorkdays(today, DUE_SOON_WORKDAYS);
  const n = await caseCounts(db, scope, today, soonBy);
  const T = t(c);
  return (
    <section aria-labelledby="w-requests">
      <h2 id="w-requests">{T({ zh: '依申请公开', en: 'Applications' })}</h2>
      <ul class="stats">
        <li><a href="/admin/requests?status=open"><strong>{n.open}</strong>{T({ zh: '办理中', en: 'open' })}</a></li>
        <li><a href="/admin/requests?status=submitted"><strong>{n.submitted}</strong>{T({ zh: '待确认登记', en: 'to confirm' })}</a></li>
        <li><a href="/admin/requests?due=soon"><strong>{n.soon}</strong>{T({ zh: '即将到期', en: 'due soon' })}{n.soon ? <span class="badge amber">{T({ zh: '提醒', en: 'soon' })}</span> : null}</a></li>
        <li><a href="/admin/requests?due=overdue"><strong>{n.overdue}</strong>{T({ zh: '已逾期', en: 'overdue' })}{n.overdue ? <span class="badge red">{T({ zh: '逾期', en: 'late' })}</span> : null}</a></li>
        <li><a href="/admin/requests?status=answered"><strong>{n.undelivered}</strong>{T({ zh: '已答复待送达', en: 'to deliver' })}</a></li>
      </ul>
    </section>
  );
});
