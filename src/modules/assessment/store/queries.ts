/** The assessment of a year for a scope: per unit, per county, the scope's total and months; the year's weight set. */
import type { DbOrTx } from '../../../core/db/index.ts';
import { addFigures, DEFAULT_WEIGHTS, emptyFigures, KEYS, rank, referenceDay, scoreOf, type Figures, type Score, type WeightSet } from '../domain/indicators.ts';
import { unitFigures, type UnitFigures } from './figures.ts';

export interface Row { id: number; name: string; path: string; type: string; figures: Figures; score: Score; total: number | null; rank: number | null }
export interface Assessment { year: number; ref: string; weights: WeightSet & { custom: boolean }; units: Row[]; counties: Row[]; total: Row; months: Figures[] }

export async function weightsFor(db: DbOrTx, year: number): Promise<WeightSet & { custom: boolean }> {
  const r = await db.selectFrom('assessment_weights').select(['weights', 'training_target']).where('year', '=', year).executeTakeFirst();
  if (!r) return { ...DEFAULT_WEIGHTS, custom: false };
  const stored = (typeof r.weights === 'string' ? JSON.parse(r.weights) : r.weights) as Record<string, number>;
  const weights = Object.fromEntries(KEYS.map((k) => [k, Number(stored[k] ?? 0)])) as WeightSet['weights'];
  return { weights, trainingTarget: Number(r.training_target), custom: true };
}

const row = (u: Pick<UnitFigures, 'id' | 'name' | 'path' | 'type'>, figures: Figures, w: WeightSet) => {
  const score = scoreOf(figures, w);
  return { id: u.id, name: u.name, path: u.path, type: u.type, figures, score, total: score.total };
};

export async function assess(db: DbOrTx, o: { year: number; today: string; scope: string[] }): Promise<Assessment> {
  const ref = referenceDay(o.year, o.today);
  const [weights, units] = await Promise.all([weightsFor(db, o.year), unitFigures(db, { year: o.year, ref, scope: o.scope })]);
  const sum = (list: UnitFigures[]) => list.reduce((acc, u) => addFigures(acc, u.figures), emptyFigures());
  const counties = units.filter((u) => u.type === 'county_government').map((c) => row(c, sum(units.filter((u) => u.path.startsWith(c.path))), weights));
  const months = Array.from({ length: 12 }, (_, m) => units.reduce((acc, u) => addFigures(acc, u.months[m]), emptyFigures()));
  return {
    year: o.year, ref, weights,
    units: rank(units.map((u) => row(u, u.figures, weights))),
    counties: rank(counties),
    total: { ...row({ id: 0, name: '', path: '', type: '' }, sum(units), weights), rank: null },
    months,
  };
}
