/**
 * The real server (`src/main.ts web`) in a child process, as an operator starts it — for tests of
 * what only shows across processes: the CLI beside a running server, two nodes on one database.
 *
 *   const s = await startServer({ ...cli.env, GONGKAI_WORKER: 'false' });
 *   await fetch(`${s.url}/readyz`);  …  await s.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

export interface ServerProc {
  child: ChildProcess;
  port: number;
  url: string;
  /** everything printed so far (stdout and stderr) */
  out(): string;
  exited: Promise<number | null>;
  /** SIGTERM and wait for the exit code */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash or the OOM killer would */
  kill9(): Promise<void>;
}

/** Spawns the server; resolves once it listens (or rejects with its output). */
export async function startServer(env: NodeJS.ProcessEnv, o: { timeoutMs?: number; port?: number } = {}): Promise<ServerProc> {
  const port = o.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'web'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const proc: ServerProc = {
    child, port, url: `http://127.0.0.1:${port}`, out: () => out, exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + (o.timeoutMs ?? (Number(process.env.TEST_SERVER_START_MS) || 240_000));
  while (!out.includes('gongkai 已启动')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start (exit ${child.exitCode}):\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return proc;
}

/** Runs the server role expecting it to stop at once (e.g. refused); resolves with code and output. */
export function runServerOnce(env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'web'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(t);
      resolve({ code, out });
    });
  });
}
