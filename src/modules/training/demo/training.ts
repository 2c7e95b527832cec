/**
 * Demo training records of 2020 (work points 10 and 23): two city trainings on the 条例 and policy
 * interpretation organised by the city government, one district training organised by a district for
 * its subdistricts and towns. Attendance varies by unit so the assessment's training indicator
 * differs between units. Names are fictional ("演示" placeholders), never real people.
 */
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { listUnits } from '../../units/repository.ts';
import { addAttendees, createTraining } from '../commands.ts';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
/** Fictional attendee names: a surname, a ordinal and a 演示 tag. */
const names = (n: number, seed: number) => Array.from({ length: n }, (_, i) => `${SURNAMES[(i + seed) % SURNAMES.length]}演示${seed * 10 + i + 1}`);

export async function seedTraining(db: Db, ctx: CommandContext, log: (s: string) => void, today = '2020-12-31'): Promise<number> {
  const units = await listUnits(db, { activeOnly: true });
  const city = units.find((u) => u.type === 'city_government');
  if (!city) return 0;
  const below = units.filter((u) => u.parent_id === city.id);
  const plans = [
    { unit: city, held_on: '2020-04-16', topic: '《中华人民共和国政府信息公开条例》专题培训', organiser: '市政府办公室政务公开科', hours: 3, share: 1 },
    { unit: city, held_on: '2020-09-24', topic: '政策解读与回应关切业务培训（减税降费政策）', organiser: '市政府办公室政务公开科', hours: 2.5, share: 2 },
  ];
  let n = 0;
  for (const p of plans) {
    const id = await createTraining(db, ctx, p.unit.id, { held_on: p.held_on, topic: p.topic, organiser: p.organiser, hours: String(p.hours), note: '演示数据' }, today);
    for (const [k, u] of below.entries()) {
      if (k % (p.share + 1) === p.share) continue; // some units skip a training
      n += await addAttendees(db, ctx, id, u.id, names(1 + ((k * 7 + p.hours) % 3), k));
    }
  }
  const district = units.find((u) => u.type === 'county_government' && units.some((c) => c.parent_id === u.id));
  if (district) {
    const id = await createTraining(db, ctx, district.id, { held_on: '2020-06-11', topic: '基层政务公开标准化规范化工作培训', organiser: `${district.short_name || district.name}政务公开办公室`, hours: '4', note: '演示数据' }, today);
    for (const [k, u] of units.filter((c) => c.parent_id === district.id || c.id === district.id).entries()) n += await addAttendees(db, ctx, id, u.id, names(2, 50 + k));
  }
  log(`training: ${n} attendances`);
  return n;
}

DEMO_SEEDERS.push({ name: 'training', run: async (db, ctx, log) => void (await seedTraining(db, ctx, log)) });
