import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase, type TestDb } from '../../../../test/helpers/db.ts';
import { seedTree } from '../../../../test/helpers/fixtures.ts';
import { systemContext } from '../../../core/commands/context.ts';
import { photoType } from '../domain/rules.ts';
import { latestVersion } from '../store/queries.ts';
import { placeholderPhoto, seedAgency } from './agency.ts';

let d: TestDb;
let tree: Awaited<ReturnType<typeof seedTree>>;
before(async () => {
  d = await testDatabase();
  tree = await seedTree(d.db);
});
after(async () => d.close());

test('the demo seeder publishes functions, departments and three leaders with photos for every unit', async () => {
  const n = await seedAgency(d.db, systemContext('seed'), () => {});
  assert.equal(n, 5);
  for (const u of Object.values(tree).filter((x) => typeof x === 'object' && 'path' in x)) {
    const v = await latestVersion(d.db, (u as { id: number }).id);
    assert.ok(v, 'published');
    assert.equal(v.version, 1);
    assert.match(v.snapshot.functions, /主要职责/);
    assert.ok(v.snapshot.departments.length >= 3);
    assert.equal(v.snapshot.leaders.length, 3);
    assert.ok(v.snapshot.leaders.every((l) => l.photo_id));
  }
  const photo = await d.db.selectFrom('agency_photos').select(['data', 'mime']).limit(1).executeTakeFirstOrThrow();
  assert.equal(photo.mime, 'image/png');
  assert.equal(photoType(new Uint8Array(photo.data)), 'image/png');
  assert.equal(photoType(placeholderPhoto(0)), 'image/png');
});
