/**
 * The running server lends its embedded database to the CLI: it serves its PGlite on a Unix
 * socket in the data dir (`DATA_DIR/run/.s.PGSQL.5432`, directory 0700, socket 0600), speaking
 * the PostgreSQL wire protocol, and `gongkai …` connects to it with `pg` instead of opening the
 * files a second time (security audit F2). `psql -h DATA_DIR/run` works the same way.
 *
 * PGlite is one session. The CLI's statements go into the same session as the server's own
 * queries, so the relay takes the same lock the Kysely dialect takes (pgliteMutex): from the
 * first message of a statement until PGlite answers ReadyForQuery with "idle". A CLI
 * transaction therefore holds the database from BEGIN to COMMIT, and no server query ever runs
 * inside it (nor a CLI statement inside a server transaction). A client that disconnects in the
 * middle is rolled back before the lock is released.
 *
 * Not @electric-sql/pglite-socket: it pins an older PGlite and seven extension packages as peer
 * dependencies, and it interleaves several clients' messages without regard to their
 * transactions, which is what must never happen here.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { pgliteMutex } from './pglite-dialect.ts';

export const SOCKET_PORT = 5432;
export const socketFile = (dir: string) => join(dir, `.s.PGSQL.${SOCKET_PORT}`);

/** Unix socket paths are limited to ~107 bytes: a long data dir gets a private dir in /tmp. */
export function socketDirFor(dataDir: string): string {
  const dir = join(dataDir, 'run');
  if (Buffer.byteLength(socketFile(dir)) <= 100) return dir;
  const uid = process.getuid?.() ?? 0;
  return join(tmpdir(), `gongkai-${uid}-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`);
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

function message(type: string, body: Buffer): Uint8Array {
  const m = Buffer.alloc(5 + body.length);
  m.write(type, 0, 'latin1');
  m.writeInt32BE(4 + body.length, 1);
  body.copy(m, 5);
  return new Uint8Array(m);
}
const SYNC = message('S', Buffer.alloc(0));
const ROLLBACK = message('Q', Buffer.from('rollback\0'));

export interface SocketServer {
  dir: string;
  path: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** NOTIFY received on behalf of a client (the session must LISTEN on the channel) */
  onNotification?: (channel: string, payload: string) => void;
  log?: (msg: string, err?: unknown) => void;
}

/** Scans backend messages: the last ReadyForQuery status, and notifications. */
function scan(out: Uint8Array, o: ServeOptions): string | null {
  const b = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  let status: string | null = null;
  for (let i = 0; i + 5 <= b.length;) {
    const type = b[i];
    const len = b.readInt32BE(i + 1);
    if (type === 0x5a /* Z */) status = String.fromCharCode(b[i + 5]);
    else if (type === 0x41 /* A */ && o.onNotification) {
      const body = b.subarray(i + 9, i + 1 + len);
      const z = body.indexOf(0);
      o.onNotification(body.subarray(0, z).toString('utf8'), body.subarray(z + 1, body.indexOf(0, z + 1)).toString('utf8'));
    }
    i += 1 + len;
  }
  return status;
}

class Relay {
  private buf = Buffer.alloc(0);
  private started = false;
  private release: (() => void) | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private pg: PGlite, private sock: Socket, private o: ServeOptions) {
    sock.on('data', (d) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.chain = this.chain.then(() => this.pump()).catch((err) => this.fail(err));
    });
    sock.on('close', () => {
      this.closed = true;
      this.chain = this.chain.then(() => this.cleanup());
    });
    sock.on('error', () => sock.destroy());
  }

  private async exec(m: Uint8Array): Promise<Uint8Array> {
    if (!this.release) this.release = await pgliteMutex(this.pg).acquire();
    const out = await this.pg.runExclusive(() => this.pg.execProtocolRaw(m));
    const status = scan(out, this.o);
    if (status === 'I') {
      this.release();
      this.release = null;
    }
    return out;
  }

  private async pump(): Promise<void> {
    while (!this.closed) {
      if (!this.started) {
        if (this.buf.length < 8) return;
        const len = this.buf.readInt32BE(0);
        if (this.buf.length < len) return;
        const code = this.buf.readInt32BE(4);
        const m = this.buf.subarray(0, len);
        this.buf = this.buf.subarray(len);
        if (code === SSL_REQUEST || code === GSS_REQUEST) {
          this.sock.write('N');
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.sock.end();
          return;
        }
        this.started = true;
        this.sock.write(await this.exec(new Uint8Array(m)));
        continue;
      }
      // every complete message in the buffer goes to PGlite at once (Parse…Sync as pg sends them)
      let end = 0;
      let terminate = false;
      while (end + 5 <= this.buf.length) {
        const len = this.buf.readInt32BE(end + 1);
        if (end + 1 + len > this.buf.length) break;
        if (this.buf[end] === 0x58 /* X: Terminate */) {
          terminate = true;
          break;
        }
        end += 1 + len;
      }
      if (end > 0) {
        const batch = new Uint8Array(this.buf.subarray(0, end));
        this.buf = this.buf.subarray(end);
        const out = await this.exec(batch);
        if (out.length && !this.sock.destroyed) this.sock.write(out);
      }
      if (terminate) {
        this.sock.end();
        this.closed = true;
      }
      return;
    }
  }

  private fail(err: unknown) {
    this.o.log?.('database socket: a client connection failed', err);
    this.sock.destroy();
    this.closed = true;
    this.chain = this.chain.then(() => this.cleanup());
  }

  /** A client gone in mid-statement or mid-transaction: end what it began, then free the session. */
  private async cleanup(): Promise<void> {
    if (!this.release) return;
    try {
      let status = scan(await this.pg.runExclusive(() => this.pg.execProtocolRaw(SYNC)), {});
      if (status !== 'I') status = scan(await this.pg.runExclusive(() => this.pg.execProtocolRaw(ROLLBACK)), {});
    } catch (err) {
      this.o.log?.('database socket: could not roll back a disconnected client', err);
    } finally {
      this.release?.();
      this.release = null;
    }
  }
}

/** Serves `pg` on the socket; removes a stale socket file first (we hold the data dir's lock). */
export async function servePGlite(pg: PGlite, dir: string, o: ServeOptions = {}): Promise<SocketServer> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const path = socketFile(dir);
  rmSync(path, { force: true });
  const sockets = new Set<Socket>();
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    new Relay(pg, sock, o);
  });
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', resolve);
  });
  // the socket file is created 0600, never briefly wider (bind happens inside listen())
  const oldMask = process.umask(0o177);
  try {
    server.listen(path);
  } finally {
    process.umask(oldMask);
  }
  await listening;
  chmodSync(path, 0o600);
  return {
    dir,
    path,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          rmSync(path, { force: true });
          resolve();
        });
      }),
  };
}
