/**
 * Session advisory locks on a PostgreSQL connection of their own. The background jobs hold one for
 * the whole of a run (core/jobs) so that a run that outlasts its interval never overlaps the next.
 * They used to hold it on a connection taken from the pool, while the run's own queries took others:
 * with as many jobs due at once as the pool has connections (11 jobs at start-up, 10 connections by
 * default, fewer with DATABASE_POOL_SIZE) every connection held a lock and every run waited for a
 * connection — the server hung, web requests included. Here the locks share one connection, opened
 * on first use, and the pool is left to the work. If that connection drops, PostgreSQL releases its
 * locks; the next call opens a new one (the jobs' claims still keep an interval to one run).
 */
import pg from 'pg';

export class AdvisoryLocks {
  #client: pg.Client | null = null;
  #connecting: Promise<pg.Client> | null = null;
  readonly #config: pg.ClientConfig;

  constructor(config: pg.ClientConfig) {
    this.#config = config;
  }

  async #session(): Promise<pg.Client> {
    if (this.#client) return this.#client;
    this.#connecting ??= (async () => {
      const c = new pg.Client(this.#config);
      const drop = () => {
        if (this.#client === c) this.#client = null;
      };
      c.on('error', drop);
      c.on('end', drop);
      try {
        await c.connect();
      } catch (err) {
        this.#connecting = null;
        throw err;
      }
      this.#client = c;
      this.#connecting = null;
      return c;
    })();
    return this.#connecting;
  }

  /** pg_try_advisory_lock: true when this process now holds `key`. */
  async tryLock(key: number): Promise<boolean> {
    const r = await (await this.#session()).query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [key]);
    return r.rows[0]?.ok === true;
  }

  /** pg_advisory_unlock; a lost connection has released it already. */
  async unlock(key: number): Promise<void> {
    const c = this.#client;
    if (c) await c.query('select pg_advisory_unlock($1)', [key]);
  }

  async close(): Promise<void> {
    const c = this.#client ?? (this.#connecting ? await this.#connecting.catch(() => null) : null);
    this.#client = null;
    await c?.end().catch(() => {});
  }
}
