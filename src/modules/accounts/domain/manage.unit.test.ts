import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../../core/auth/policy.ts';
import type { Role } from '../../../core/auth/roles.ts';
import { canGrant, canManageUser } from './manage.ts';

// /1/ city, /1/3/ county (双塔区), /1/3/4/ town, /1/2/ bureau
const actor = (...grants: [Role, string][]): Actor => ({ userId: 9, username: 'a', displayName: 'a', unitId: 1, grants: grants.map(([role, unitPath], i) => ({ role, unitId: i + 1, unitPath })) });
const countyAdmin = actor(['unit_admin', '/1/3/']);
const sysAdmin = actor(['system_admin', '/1/']);

// target home, target grants, actor, expected
const TABLE: [string, [string, string][], Actor, boolean, string][] = [
  ['/1/3/', [['editor', '/1/3/']], countyAdmin, true, 'all in the county'],
  ['/1/3/4/', [['editor', '/1/3/4/'], ['reviewer', '/1/3/']], countyAdmin, true, 'town and county'],
  ['/1/3/', [['editor', '/1/3/'], ['system_admin', '/1/']], countyAdmin, false, 'F1: system_admin of the city'],
  ['/1/3/', [['system_admin', '/1/3/']], countyAdmin, false, 'system_admin even inside the county: may not grant it'],
  ['/1/3/', [['editor', '/1/3/'], ['reviewer', '/1/2/']], countyAdmin, false, 'a grant sideways'],
  ['/1/3/', [['supervisor', '/1/']], countyAdmin, false, 'a city-wide supervisor'],
  ['/1/2/', [['editor', '/1/2/']], countyAdmin, false, 'home outside'],
  ['/1/3/', [], countyAdmin, true, 'no grants'],
  ['/1/3/', [['editor', '/1/3/'], ['system_admin', '/1/']], sysAdmin, true, 'the system admin may'],
  ['/1/3/', [['editor', '/1/3/']], actor(['supervisor', '/1/']), false, 'supervisors only read'],
  ['/1/3/', [['editor', '/1/3/']], actor(['unit_admin', '/1/3/4/']), false, 'a town admin: the home unit is above'],
];

for (const [home, grants, a, expected, why] of TABLE) {
  test(`canManageUser: ${why}`, () => {
    assert.equal(canManageUser(a, { homePath: home, grants: grants.map(([role, unitPath]) => ({ role, unitPath })) }), expected);
  });
}

test('canGrant: system_admin only by a system admin; nothing without an actor', () => {
  assert.equal(canGrant(countyAdmin, 'unit_admin', '/1/3/4/'), true);
  assert.equal(canGrant(countyAdmin, 'system_admin', '/1/3/4/'), false);
  assert.equal(canGrant(sysAdmin, 'system_admin', '/1/3/'), true);
  assert.equal(canManageUser(null, { homePath: '/1/', grants: [] }), false);
});
