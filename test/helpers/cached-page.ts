/**
 * A page that stays in a server's page cache, as the precondition of an invalidation test: fetched,
 * then revalidated with its ETag until the server answers 304. A server just started (or its peer) may
 * still drop cached pages for a moment — its start-up jobs (index catch-up, the first health and
 * reminder runs) and the CLI's announcements clear tags as they commit — so the pair is tried again,
 * up to `tries` times, 500 ms apart (seen on PostgreSQL in clean-clone CI runs on a loaded machine).
 * Returns the last body and ETag, and the last revalidation's status: the caller asserts it is 304.
 */
export async function cachedPage(url: string, tries = 10): Promise<{ text: string; etag: string; status: number }> {
  let last = { text: '', etag: '', status: 0 };
  for (let i = 0; i < tries && last.status !== 304; i++) {
    if (i) await new Promise((r) => setTimeout(r, 500));
    const first = await fetch(url);
    const text = await first.text();
    const etag = first.headers.get('etag') ?? '';
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    await again.arrayBuffer();
    last = { text, etag, status: again.status };
  }
  return last;
}
