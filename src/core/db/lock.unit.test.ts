/**
 * The data-dir lock (lock.ts): exclusive while the holder lives, taken over once it is dead (kill -9,
 * reboot, a pid reused by another program), released only by its owner. These rules are what keep
 * two processes from opening one PGlite data dir (security audit F2); the old code had no lock.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock, DataDirBusy, holderAlive, lockPathOf, readLock, type LockInfo } from './lock.ts';

const root = mkdtempSync(join(tmpdir(), 'gk-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `d${n++}`);

/** A pid that certainly no longer runs: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

const fake = (over: Partial<LockInfo>): LockInfo => ({
  pid: process.ppid, host: hostname(), role: 'server', command: 'web', startedAt: new Date().toISOString(),
  boot: null, procStart: null, socketDir: null, nonce: 'feedfacefeedface', ...over,
});

test('the lock is exclusive while its holder lives, and names the holder in both languages', () => {
  const dir = freshDir();
  const lock = acquireLock(dir, { role: 'server', command: 'web' });
  try {
    assert.equal(readLock(dir)?.pid, process.pid);
    // another process (a real one: liveness is per process) is refused
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e',
      `import('${join(process.cwd(), 'src/core/db/lock.ts')}').then((m) => { try { m.acquireLock(${JSON.stringify(dir)}, { role: 'server', command: 'web' }); console.log('GOT'); } catch (e) { console.log(e.message); } })`], { encoding: 'utf8' });
    assert.doesNotMatch(r.stdout, /GOT/);
    assert.match(r.stdout, /正被 gongkai 服务（进程 \d+：web）使用/);
    assert.match(r.stdout, /Only one server can run on a data dir/);
  } finally {
    lock.release();
  }
  assert.equal(existsSync(lockPathOf(dir)), false, 'released: the file is gone');
});

test('a lock left by a killed process is taken over', () => {
  const dir = freshDir();
  acquireLock(dir, { role: 'cli', command: 'x' }).release();
  writeFileSync(lockPathOf(dir), JSON.stringify(fake({ pid: deadPid() })));
  const lock = acquireLock(dir, { role: 'server', command: 'web' });
  assert.equal(readLock(dir)?.pid, process.pid);
  lock.release();
});

test('a pid reused by another program (other start time, other boot) is not the old owner', () => {
  const dir = freshDir();
  acquireLock(dir, { role: 'cli', command: 'x' }).release();
  // our parent is alive, but it started at another time than the lock says
  writeFileSync(lockPathOf(dir), JSON.stringify(fake({ procStart: '1' })));
  if (existsSync('/proc/self/stat')) {
    assert.equal(holderAlive(readLock(dir)!), false);
    acquireLock(dir, { role: 'server', command: 'web' }).release();
  }
  const boot = existsSync('/proc/sys/kernel/random/boot_id') ? 'not-this-boot' : null;
  if (boot) {
    writeFileSync(lockPathOf(dir), JSON.stringify(fake({ boot })));
    assert.equal(holderAlive(readLock(dir)!), false, 'a lock from before a reboot is stale');
  }
  // same pid as ours, but not held by this process (a container's pid 1 after a restart)
  assert.equal(holderAlive(fake({ pid: process.pid }), lockPathOf(dir)), false);
  // a live process with a matching start time holds it
  writeFileSync(lockPathOf(dir), JSON.stringify(fake({})));
  assert.throws(() => acquireLock(dir, { role: 'cli', command: 'units list' }), (e: unknown) => e instanceof DataDirBusy && /请稍候再试|try again shortly/.test(e.message));
});

test('a lock on another host is never stolen; release never removes a lock that is not ours', () => {
  const dir = freshDir();
  acquireLock(dir, { role: 'cli', command: 'x' }).release();
  writeFileSync(lockPathOf(dir), JSON.stringify(fake({ host: 'other-host', pid: deadPid() })));
  assert.throws(() => acquireLock(dir, { role: 'server', command: 'web' }), /主机 other-host|on host other-host/);
  rmSync(lockPathOf(dir));
  const mine = acquireLock(dir, { role: 'server', command: 'web' });
  writeFileSync(lockPathOf(dir), JSON.stringify(fake({ nonce: 'someone-else' })));
  mine.release();
  assert.equal(readLock(dir)?.nonce, 'someone-else');
});

test('of many processes racing for one stale lock, exactly one gets it', () => {
  const dir = freshDir();
  acquireLock(dir, { role: 'cli', command: 'x' }).release();
  writeFileSync(lockPathOf(dir), JSON.stringify(fake({ pid: deadPid() })));
  // the winner keeps the lock until every racer has answered (a late starter must not find it free)
  const done = join(dir, 'done');
  const script = `import('${join(process.cwd(), 'src/core/db/lock.ts')}').then((m) => { try { m.acquireLock(${JSON.stringify(dir)}, { role: 'cli', command: 'race' }); console.log('GOT'); const t = setInterval(() => { if (require('node:fs').existsSync(${JSON.stringify(done)})) clearInterval(t); }, 100); } catch { console.log('BUSY'); } })`;
  const res = join(dir, 'results');
  const out = execFileSync('bash', ['-c', `for i in 1 2 3 4; do "${process.execPath}" --import tsx -e "$S" >> "$R" & done; while [ "$(wc -l < "$R" 2>/dev/null || echo 0)" -lt 4 ]; do sleep 0.2; done; touch "$D"; wait; cat "$R"`], { env: { ...process.env, S: script, R: res, D: done }, encoding: 'utf8' });
  assert.equal(out.match(/GOT/g)?.length, 1, out);
  assert.equal(out.match(/BUSY/g)?.length, 3, out);
  assert.equal(existsSync(lockPathOf(dir)), false, 'the winner released it on exit');
});
