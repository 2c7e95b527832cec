/**
 * The lock on an embedded data dir. PGlite is one PostgreSQL backend in this process's memory:
 * two processes opening the same `pgdata` each believe they own it, and their writes corrupt it
 * (security audit F2: "MultiXactId … has not been created yet"). So whoever opens the data dir
 * — the web server, `gongkai worker`, every CLI command — first takes `DATA_DIR/gongkai.lock`.
 *
 * The file is created with O_EXCL and holds JSON: pid, host, role, command, the Linux boot id
 * and the process start time, and — once the server listens — the socket the CLI connects to
 * (socket.ts). The lock is alive while that process is: a lock left by a killed process
 * (kill -9, power cut) is stale and is taken over. Liveness = same host, and the pid exists,
 * and on Linux the boot id and the process start time still match (so a pid reused after a
 * restart — pid 1 in a container — is not mistaken for the old owner).
 *
 * Taking over a stale lock is guarded by a second, short-lived lock (`gongkai.lock.takeover`,
 * mkdir is atomic): of two processes that both see the stale lock, only one replaces it; the
 * other retries and finds the new, live owner.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface LockInfo {
  pid: number;
  host: string;
  /** 'server' (web or worker) or 'cli' */
  role: 'server' | 'cli';
  /** what the holder runs, for the message another process prints */
  command: string;
  startedAt: string;
  /** Linux only: boot id and process start time (clock ticks since boot) */
  boot: string | null;
  procStart: string | null;
  /** the directory of the PostgreSQL-protocol socket (".s.PGSQL.5432") once the holder serves it */
  socketDir: string | null;
  nonce: string;
}

export interface DataDirLock {
  readonly path: string;
  readonly info: LockInfo;
  /** records (or clears) the socket directory in the lock file, for the CLI to find */
  setSocketDir(dir: string | null): void;
  release(): void;
}

/** Another live process holds the data dir. */
export class DataDirBusy extends Error {
  constructor(public holder: LockInfo, public dataDir: string, requester: LockInfo['role']) {
    super(busyMessage(holder, dataDir, requester));
  }
}

export const LOCK_FILE = 'gongkai.lock';
export const lockPathOf = (dataDir: string) => join(dataDir, LOCK_FILE);

const read = (p: string): string | null => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return null;
  }
};

const bootId = (): string | null => read('/proc/sys/kernel/random/boot_id')?.trim() || null;

/** Field 22 of /proc/<pid>/stat (the start time), after the parenthesised command name. */
function procStartOf(pid: number): string | null {
  const s = read(`/proc/${pid}/stat`);
  if (!s) return null;
  return s.slice(s.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

/** Locks this process holds (a pid in the file equal to ours is stale unless listed here). */
const heldHere = new Map<string, string>();

export function parseLock(text: string | null): LockInfo | null {
  if (!text) return null;
  try {
    const o = JSON.parse(text) as LockInfo;
    return typeof o.pid === 'number' && typeof o.nonce === 'string' ? o : null;
  } catch {
    return null;
  }
}

export function readLock(dataDir: string): LockInfo | null {
  return parseLock(read(lockPathOf(dataDir)));
}

/** Whether the process named in a lock still runs (unknown hosts count as alive: never steal). */
export function holderAlive(info: LockInfo, path?: string): boolean {
  if (info.host !== hostname()) return true;
  const boot = bootId();
  if (boot && info.boot && boot !== info.boot) return false;
  if (info.pid === process.pid) return path ? heldHere.get(path) === info.nonce : false;
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = procStartOf(info.pid);
  if (start && info.procStart && start !== info.procStart) return false;
  return true;
}

function writeNew(path: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Replaces a stale lock, unless someone else is doing so or already did. */
function takeOver(path: string, stale: string, info: LockInfo): boolean {
  const guard = `${path}.takeover`;
  try {
    mkdirSync(guard);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // a takeover guard older than 30 s belongs to a process killed in mid-takeover
    try {
      if (Date.now() - statSync(guard).mtimeMs > 30_000) rmdirSync(guard);
    } catch {}
    return false;
  }
  try {
    if (read(path) !== stale) return false; // replaced meanwhile: start again
    unlinkSync(path);
    return writeNew(path, info);
  } finally {
    rmdirSync(guard);
  }
}

/**
 * Takes the lock or throws DataDirBusy (with the holder's details). A lock file that cannot be
 * parsed is treated as being written right now, unless it is older than a few seconds.
 */
export function acquireLock(dataDir: string, o: { role: LockInfo['role']; command: string }): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = lockPathOf(dataDir);
  const info: LockInfo = {
    pid: process.pid, host: hostname(), role: o.role, command: o.command, startedAt: new Date().toISOString(),
    boot: bootId(), procStart: procStartOf(process.pid), socketDir: null, nonce: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; ; attempt++) {
    if (attempt > 200) throw new Error(`cannot take the lock ${path}`);
    if (writeNew(path, info)) break;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // released between our two calls
      throw new Error(`无法读取锁文件 ${path}：请以运行服务的同一系统用户执行 / cannot read the lock file ${path}: run as the same OS user as the server (${(e as Error).message})`);
    }
    const holder = parseLock(text);
    if (!holder) {
      let age = 0;
      try {
        age = Date.now() - statSync(path).mtimeMs;
      } catch {}
      if (age > 5_000 && takeOver(path, text, info)) break;
    } else if (!holderAlive(holder, path)) {
      if (takeOver(path, text, info)) break;
    } else {
      throw new DataDirBusy(holder, dataDir, o.role);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
  }
  heldHere.set(path, info.nonce);
  let released = false;
  const onExit = () => lock.release();
  const lock: DataDirLock = {
    path,
    info,
    setSocketDir(dir) {
      if (released) return;
      info.socketDir = dir;
      const tmp = `${path}.${process.pid}.tmp`;
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify(info));
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path);
    },
    release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      heldHere.delete(path);
      // only our own lock: never delete one that was (wrongly) taken over meanwhile
      if (parseLock(read(path))?.nonce === info.nonce) {
        try {
          unlinkSync(path);
        } catch {}
      }
    },
  };
  process.on('exit', onExit);
  return lock;
}

/** Who holds the data dir and what to do, in both languages; `requester` is the role refused. */
export function busyMessage(h: LockInfo, dataDir: string, requester: LockInfo['role'] = 'cli'): string {
  const who = h.role === 'server'
    ? { zh: ` gongkai 服务（进程 ${h.pid}：${h.command}）`, en: `the gongkai server (pid ${h.pid}: ${h.command})` }
    : { zh: `另一条 gongkai 命令（进程 ${h.pid}：${h.command}）`, en: `another gongkai command (pid ${h.pid}: ${h.command})` };
  const host = h.host !== hostname() ? { zh: `（主机 ${h.host}）`, en: ` on host ${h.host}` } : { zh: '', en: '' };
  const advice =
    requester === 'server' && h.role === 'server'
      ? {
          zh: '同一数据目录上只能运行一个服务。请先停止该服务；需要多个应用进程时请改用 PostgreSQL（DATABASE_URL），见 docs/operations.md。',
          en: 'Only one server can run on a data dir. Stop that one first; for several app processes use PostgreSQL (DATABASE_URL), see docs/operations.md.',
        }
      : h.role === 'server'
        ? {
            zh: '该服务没有提供命令行连接（可能正在启动，或是旧版本）：请稍候再试，或先停止该服务。',
            en: 'That server does not offer the command-line socket (it may be starting, or be an older version): try again shortly, or stop it first.',
          }
        : { zh: '请等该命令结束后再试。', en: 'Try again when that command has finished.' };
  return [
    `错误：数据目录 ${dataDir} 正被${who.zh}${host.zh}使用（自 ${h.startedAt} 起）。嵌入式数据库同一时间只能由一个进程打开。`,
    `      ${advice.zh}`,
    `error: the data dir ${dataDir} is in use by ${who.en}${host.en} since ${h.startedAt}. The embedded database can be open in one process at a time.`,
    `       ${advice.en}`,
  ].join('\n');
}
