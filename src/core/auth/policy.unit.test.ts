import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, scopePaths, RULES, type Actor } from './policy.ts';
import type { Role } from './roles.ts';

// The tree: /1/ city, /1/2/ bureau, /1/3/ county, /1/3/4/ town, /1/5/ other department
const PATH = { city: '/1/', bureau: '/1/2/', county: '/1/3/', town: '/1/3/4/', other: '/1/5/' } as const;
type Place = keyof typeof PATH;
const actor = (role: Role, at: Place): Actor => ({ userId: 1, username: 'u', displayName: 'u', unitId: 1, grants: [{ role, unitId: 1, unitPath: PATH[at] }] });

// role, granted at, action, target, expected
const TABLE: [Role, Place, string, Place, boolean][] = [
  ['system_admin', 'city', 'unit.create', 'town', true],
  ['system_admin', 'city', 'settings.manage', 'city', true],
  ['unit_admin', 'county', 'unit.create', 'county', true],
  ['unit_admin', 'county', 'unit.create', 'town', true],
  ['unit_admin', 'county', 'unit.update', 'town', true],
  ['unit_admin', 'county', 'unit.update', 'city', false], // not upward
  ['unit_admin', 'county', 'unit.update', 'bureau', false], // not sideways
  ['unit_admin', 'county', 'user.manage', 'town', true],
  ['unit_admin', 'county', 'role.grant.system_admin', 'county', false],
  ['unit_admin', 'county', 'settings.manage', 'county', false],
  ['editor', 'bureau', 'unit.update', 'bureau', false],
  ['editor', 'bureau', 'unit.view', 'bureau', true],
  ['editor', 'bureau', 'user.manage', 'bureau', false],
  ['editor', 'bureau', 'admin.enter', 'bureau', true],
  ['reviewer', 'bureau', 'unit.create', 'bureau', false],
  ['case_handler', 'bureau', 'audit.view', 'bureau', false],
  ['supervisor', 'city', 'audit.view', 'town', true],
  ['supervisor', 'city', 'user.view', 'bureau', true],
  ['supervisor', 'city', 'user.manage', 'bureau', false], // read-only
  ['supervisor', 'city', 'unit.update', 'bureau', false],
  ['supervisor', 'county', 'audit.view', 'other', false],
];

for (const [role, at, action, target, expected] of TABLE) {
  test(`${role}@${at} ${expected ? 'may' : 'may not'} ${action} on ${target}`, () => {
    assert.equal(can(actor(role, at), action, PATH[target]), expected);
  });
}

test('no actor, unknown action: denied', () => {
  assert.equal(can(null, 'unit.view', '/1/'), false);
  assert.equal(can(actor('system_admin', 'city'), 'no.such.action', '/1/'), false);
});

test('every rule names only known roles and at least one role', () => {
  for (const [k, roles] of Object.entries(RULES)) {
    assert.ok(roles.length > 0, k);
  }
});

test('scopePaths merges nested grants and keeps only roles that match', () => {
  const a: Actor = {
    userId: 1, username: 'u', displayName: 'u', unitId: 1,
    grants: [
      { role: 'unit_admin', unitId: 3, unitPath: '/1/3/' },
      { role: 'unit_admin', unitId: 4, unitPath: '/1/3/4/' },
      { role: 'editor', unitId: 2, unitPath: '/1/2/' },
    ],
  };
  assert.deepEqual(scopePaths(a, 'unit.update'), ['/1/3/']);
  assert.deepEqual(scopePaths(a, 'unit.view').sort(), ['/1/2/', '/1/3/']);
  assert.deepEqual(scopePaths(a, 'settings.manage'), []);
  // '/1/3/' must not be treated as a prefix of '/1/30/'
  assert.equal(can(a, 'unit.update', '/1/30/'), false);
});
