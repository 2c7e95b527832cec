/**
 * Write use-case of the assessment: the year's weight set. One set applies to the whole city, so it
 * is authorized on the root unit (the city): a county's supervisor reads the assessment of its
 * county but cannot change the city's weights. Audited with the weights before and after.
 */
import { sql } from 'kysely';
import { inTransaction, type Db } from '../../core/db/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../core/commands/context.ts';
import { defineRules } from '../../core/auth/policy.ts';
import { invalid, notFound } from '../../core/http/errors.ts';
import { RULES, validateWeights } from './domain/indicators.ts';
import { weightsFor } from './store/queries.ts';

defineRules(RULES as unknown as Parameters<typeof defineRules>[0]);

export async function saveWeights(db: Db, ctx: CommandContext, year: number, raw: Record<string, unknown>): Promise<void> {
  if (!Number.isInteger(year) || year < 2008 || year > 2100) throw invalid({ year: { zh: '年度不正确', en: 'Invalid year' } });
  const { value, errors } = validateWeights(raw);
  if (Object.keys(errors).length) throw invalid(errors);
  await inTransaction(db, async (tx) => {
    const root = await tx.selectFrom('units').select(['id', 'path']).where('parent_id', 'is', null).orderBy('id').limit(1).executeTakeFirst();
    if (!root) throw notFound({ zh: '单位', en: 'unit' });
    authorize(ctx, 'assessment.weights', root.path);
    const before = await weightsFor(tx, year);
    const json = JSON.stringify(value.weights);
    await tx.insertInto('assessment_weights').values({ year, weights: json, training_target: value.trainingTarget, updated_by: ctx.audit.name })
      .onConflict((oc) => oc.column('year').doUpdateSet({ weights: json, training_target: value.trainingTarget, updated_at: sql`now()`, updated_by: ctx.audit.name })).execute();
    await recordAudit(tx, ctx.audit, { action: 'assessment.weights.update', unitId: root.id, subjectType: 'assessment_weights', subjectId: year, summary: { year, before: { ...before.weights, trainingTarget: before.trainingTarget }, after: { ...value.weights, trainingTarget: value.trainingTarget } } });
  });
}
