/**
 * External link checking — optional and off by default (DESIGN.md: no network calls at run time
 * unless configured; the system administrator turns it on at /admin/health/settings). Polite by
 * construction, because a checker must never flood somebody else's site:
 *   - bounded total (`maxTotal` URLs a run; the rest are left for the next run),
 *   - one request at a time per host, `perHostIntervalMs` apart (default 2 s: ≤ 30 a minute),
 *   - a few hosts at once (`concurrency`), a timeout per request (15 s, the 国办 probe's limit),
 *   - HEAD first, GET only when the server refuses HEAD; the body is never read;
 *   - literal private, loopback and link-local addresses and `localhost` are never requested.
 */
export interface ExternalOptions { maxTotal: number; perHostIntervalMs: number; concurrency: number; timeoutMs: number; fetch: typeof fetch; sleep: (ms: number) => Promise<void> }
export const EXTERNAL_DEFAULTS: Omit<ExternalOptions, 'fetch' | 'sleep'> = { maxTotal: 500, perHostIntervalMs: 2000, concurrency: 4, timeoutMs: 15_000 };

export type ExternalResult = { ok: true } | { ok: false; reason: string };

const PRIVATE = /^(localhost|.*\.localhost|127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|0\.|\[(::1|f[cd][0-9a-f]*:|fe80:))/i;
export const isPrivateHost = (host: string) => PRIVATE.test(host) || host === '[::]';

export async function checkExternal(urls: string[], opts: Partial<ExternalOptions> = {}): Promise<Map<string, ExternalResult>> {
  const o: ExternalOptions = { ...EXTERNAL_DEFAULTS, fetch: globalThis.fetch, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), ...opts };
  const byHost = new Map<string, string[]>();
  for (const u of urls.slice(0, Math.max(0, o.maxTotal))) {
    const host = new URL(u).host.toLowerCase();
    (byHost.get(host) ?? byHost.set(host, []).get(host)!).push(u);
  }
  const out = new Map<string, ExternalResult>();
  const hosts = [...byHost.entries()];
  const worker = async () => {
    for (let next = hosts.shift(); next; next = hosts.shift()) {
      const [host, list] = next;
      for (let i = 0; i < list.length; i++) {
        if (i) await o.sleep(o.perHostIntervalMs);
        out.set(list[i], isPrivateHost(host) ? { ok: false, reason: 'private-address' } : await probe(list[i], o));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, byHost.size)) }, worker));
  return out;
}

async function probe(url: string, o: ExternalOptions): Promise<ExternalResult> {
  const once = async (method: 'HEAD' | 'GET') => {
    const res = await o.fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(o.timeoutMs), headers: { 'user-agent': 'gongkai-link-check/1 (government website health check)' } });
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  };
  try {
    let status = await once('HEAD');
    if (status === 405 || status === 501) status = await once('GET');
    return status < 400 ? { ok: true } : { ok: false, reason: `http-${status}` };
  } catch (e) {
    return { ok: false, reason: (e as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable' };
  }
}
