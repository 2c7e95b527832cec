/** The hosts that count as "this site" for links: the public URL's and the configured site domain. */
import type { Config } from '../../config/env.ts';

export function ownHosts(cfg: Pick<Config, 'publicUrl' | 'siteDomain'>): string[] {
  const hosts = new Set<string>();
  try { hosts.add(new URL(cfg.publicUrl).host.toLowerCase()); } catch { /* a bad URL is refused at start-up */ }
  if (cfg.siteDomain) hosts.add(cfg.siteDomain.toLowerCase());
  return [...hosts];
}
