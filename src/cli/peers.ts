/**
 * A CLI command's document changes reach the running servers' page caches. The servers learn of
 * their own changes in-process; a change made by `gongkai import documents` (or publish-due,
 * refresh-validity …) happens in the CLI's process, so before it exits the CLI announces it on
 * its schema's page-cache channel: PostgreSQL delivers the NOTIFY to every node of that schema
 * (modules/documents/cache/peers.ts linkPeers), and
 * on the embedded database the server's socket relay hands it to the server (core/db/socket.ts).
 * A withdrawn document must stop being published at once (条例 第二十六条), not when the cache
 * entry expires. The announcement asks for a full clear: CLI changes are rare and often bulk.
 */
import { sql } from 'kysely';
import type { Database } from '../core/db/index.ts';
import { onDocumentsChanged } from '../modules/documents/commands.ts';
import { peerChannelOf } from '../modules/documents/cache/peers.ts';

export function announceChanges(database: Database): { flush(): Promise<void> } {
  let changed = false;
  const off = onDocumentsChanged(() => {
    changed = true;
  });
  return {
    async flush() {
      off();
      // nothing to tell when this process owns the embedded database (no server is running)
      if (!changed || (database.kind === 'pglite' && !database.remote)) return;
      try {
        await sql`select pg_notify(${await peerChannelOf(database.db)}, ${JSON.stringify({ node: `cli-${process.pid}`, all: true })})`.execute(database.db);
      } catch (err) {
        console.error(`警告：未能通知服务刷新页面缓存（最长 10 分钟后自动过期） / warning: could not tell the servers to refresh their page caches (entries expire within 10 minutes): ${(err as Error).message}`);
      }
    },
  };
}
