/**
 * Issue 12 item 5: the annual report's narrative, the assessment indicators and the /admin/messages
 * summary all count participation with reports/store/participation.ts — on the same data they agree, and the
 * on-time rate counts overdue unanswered messages against the unit.
 */
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { testConfig } from '../../../../test/helpers/app.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { addDays } from '../../../core/calendar/dates.ts';
import { shanghaiDate } from '../../../core/render/i18n.ts';
import { seedConsultations } from '../../consultations/demo/consultations.ts';
import { unitFigures } from '../../assessment/store/figures.ts';
import { narrativeFactsFor } from './sources.ts';
import { participationSentence } from '../domain/narrative.ts';
import { participationFigures, participationRef } from './participation.ts';

let d: TestDb;
before(async () => { d = await testDatabase(); });
after(async () => d.cleanup());

test('narrative, assessment and the messages summary give the same participation figures', async () => {
  const tree = await seedTree(d.db);
  await seedConsultations(d.db, testConfig(), systemContext('seed'), () => {});
  const today = shanghaiDate();
  const year = Number(today.slice(0, 4));
  const start = `${year}-01-01`;
  // on the bureau: answered on time, answered late, overdue unanswered, not yet due, rejected
  const rows: [string, string, string, string | null, string | null][] = [
    [start, addDays(start, 5), 'answered', addDays(start, 3), null],
    [start, addDays(start, 5), 'answered', addDays(start, 9), null],
    [start, addDays(start, 5), 'received', null, null],
    [today, addDays(today, 5), 'received', null, null],
    [start, addDays(start, 5), 'rejected', null, 'spam'],
  ];
  let i = 0;
  for (const [received_on, due_on, status, answered_on, reject_reason] of rows) {
    i++;
    await d.db.insertInto('messages').values({
      unit_id: tree.bureau.id, tracking_no: `T-${i}`, query_code_hash: 'x', category: 'consultation', subject: `问${i}`, body: '内容',
      contact_enc: 'g1.x.y', status, received_on, due_on, answered_on, answer: answered_on ? '答复' : null, reject_reason,
    } as never).execute();
  }
  const ref = participationRef(year, today);
  const shared = await participationFigures(d.db, { year, ref, scope: [tree.city.path] });
  const bureau = shared.byUnit.find((f) => f.unitId === tree.bureau.id)!;
  assert.equal(bureau.received, 5);
  assert.equal(bureau.rejected, 1);
  assert.equal(bureau.answered, 2);
  assert.equal(bureau.answerRate, 0.5, '2 answered of 4 valid');
  assert.equal(bureau.onTimeRate, 0.333, 'on time 1 ÷ (2 answered + 1 overdue unanswered)');

  // assessment: the same numerators and denominators per unit
  const assessed = await unitFigures(d.db, { year, ref, scope: [tree.city.path] });
  let closed = 0;
  let withFeedback = 0;
  for (const u of assessed) {
    const f = shared.byUnit.find((x) => x.unitId === u.id);
    assert.deepEqual(u.figures.messages_on_time, { num: f?.answeredOnTime ?? 0, den: f?.onTimeBase ?? 0 }, u.name);
    assert.deepEqual(u.figures.messages_answered, { num: f?.answered ?? 0, den: f?.valid ?? 0 }, u.name);
    assert.deepEqual(u.figures.consultation_feedback, { num: f?.consultationsWithFeedback ?? 0, den: f?.consultationsClosed ?? 0 }, u.name);
    closed += u.figures.consultation_feedback.den;
    withFeedback += u.figures.consultation_feedback.num;
  }
  assert.equal(closed, shared.total.consultationsClosed);
  assert.equal(withFeedback, shared.total.consultationsWithFeedback);

  // the narrative of all the units: the totals, and the sentence prints them
  const units = await d.db.selectFrom('units').selectAll().execute();
  const facts = await narrativeFactsFor(d.db, units as never, year);
  assert.deepEqual(facts.participation, { messagesValid: shared.total.valid, answerRate: shared.total.answerRate, onTimeRate: shared.total.onTimeRate, consultationsClosed: shared.total.consultationsClosed, consultationsWithFeedback: shared.total.consultationsWithFeedback });
  const sentence = participationSentence(facts.participation);
  assert.match(sentence, /办理群众留言咨询4件，答复率50%，按时答复率33\.3%/);
});
