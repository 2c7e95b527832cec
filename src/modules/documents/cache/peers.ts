/**
 * The page caches of several app nodes (PostgreSQL deployments) follow each other's changes.
 *
 * A node announces the tags a change dropped with PostgreSQL NOTIFY and every other node drops
 * the same tags, so a withdrawal on one node empties the cache of all (条例 第二十六条). A CLI
 * command announces its changes on the same channel (cli/peers.ts); on the embedded database the
 * server's socket relay hands them to the server (core/db/socket.ts).
 *
 * NOTIFY reaches every session of the *database*, but an installation is a *schema* (the test
 * suite runs one per file in a shared database; two deployments may share one too), and tag ids
 * such as `doc:12` mean different documents in different schemas. So the channel is the schema's:
 * `gongkai_page_cache` for `public` (the usual deployment, and the embedded database), else
 * `gongkai_page_cache_<schema>` (a hash of the schema when that would pass PostgreSQL's 63-byte
 * identifier limit). Senders and listeners derive it from their own connection (`peerChannelOf`),
 * so nodes configured with the same search_path always meet, and others never do.
 */
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql, type Db } from '../../../core/db/index.ts';
import type { PageCache } from './cache.ts';

/** The channel of the `public` schema (and of the embedded database). */
export const PEER_CHANNEL = 'gongkai_page_cache';
/** PostgreSQL truncates identifiers past 63 bytes (NAMEDATALEN − 1); pg_notify refuses them. */
const MAX_CHANNEL_BYTES = 63;
/** PostgreSQL's NOTIFY payload limit is 8000 bytes; past this a change asks peers to clear all. */
const MAX_PAYLOAD = 7000;

/** The page-cache channel of a schema (null: no schema of the search_path exists → `public`'s). */
export function peerChannel(schema: string | null | undefined): string {
  if (!schema || schema === 'public') return PEER_CHANNEL;
  const name = `${PEER_CHANNEL}_${schema}`;
  if (Buffer.byteLength(name) <= MAX_CHANNEL_BYTES) return name;
  return `${PEER_CHANNEL}_h${createHash('sha256').update(schema).digest('hex').slice(0, 40)}`;
}

/** A channel name as a quoted identifier, for LISTEN / UNLISTEN (pg_notify takes it as text). */
export function quoteChannel(channel: string): string {
  return `"${channel.replaceAll('"', '""')}"`;
}

/** The page-cache channel of the schema this connection works in (its current_schema()). */
export async function peerChannelOf(db: Db): Promise<string> {
  const { rows } = await sql<{ s: string | null }>`select current_schema() as s`.execute(db);
  return peerChannel(rows[0]?.s);
}

export interface PeerLink {
  readonly nodeId: string;
  /** The channel this node listens on (and announces its changes on). */
  readonly channel: string;
  /** The payload to NOTIFY for a change on this node ('all': the others clear everything). */
  payload(tags: readonly string[] | 'all'): string;
  close(): Promise<void>;
}

/**
 * Applies another node's (or a CLI command's, cli/peers.ts) announcement: `{node, tags}` drops
 * those tags, `{node, all: true}` clears the cache; our own announcements are ignored.
 */
export function applyPeerMessage(cache: PageCache, nodeId: string, payload: string): void {
  try {
    const p = JSON.parse(payload) as { node?: string; tags?: unknown; all?: boolean };
    if (p.node === nodeId) return;
    if (p.all) cache.clear();
    else if (Array.isArray(p.tags)) cache.invalidate(p.tags.map(String));
  } catch {
    // not one of ours
  }
}

/**
 * Listens for the other nodes' announcements on the channel of the schema `url` works in (the
 * caller sends its own with `select pg_notify(link.channel, link.payload(tags))`).
 * While the LISTEN connection is down a node may miss announcements: it clears its cache when
 * the link drops and again when it is back.
 */
export async function linkPeers(url: string, cache: PageCache, o: { log?: (msg: string, err?: unknown) => void; retryMs?: number } = {}): Promise<PeerLink> {
  const nodeId = randomUUID();
  let channel = PEER_CHANNEL;
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;

  const onMessage = (m: pg.Notification) => {
    if (m.channel === channel && m.payload) applyPeerMessage(cache, nodeId, m.payload);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', onMessage);
    c.on('error', (err) => {
      o.log?.('page cache: the link to other nodes failed; reconnecting', err);
      retry(c);
    });
    c.on('end', () => retry(c));
    await c.connect();
    channel = peerChannel((await c.query<{ s: string | null }>('select current_schema() as s')).rows[0]?.s);
    await c.query(`listen ${quoteChannel(channel)}`);
    client = c;
  };
  const retry = (failed: pg.Client | null) => {
    if (closed || timer || (failed && client && failed !== client)) return;
    client = null;
    failed?.end().catch(() => {});
    cache.clear();
    timer = setTimeout(() => {
      timer = null;
      connect().then(() => cache.clear(), (err) => {
        o.log?.('page cache: cannot reach the database to listen for other nodes', err);
        retry(null);
      });
    }, o.retryMs ?? 1000);
    timer.unref();
  };

  await connect();
  return {
    nodeId,
    get channel() {
      return channel;
    },
    payload(tags) {
      const p = tags === 'all' ? '' : JSON.stringify({ node: nodeId, tags });
      return p && p.length <= MAX_PAYLOAD ? p : JSON.stringify({ node: nodeId, all: true });
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
