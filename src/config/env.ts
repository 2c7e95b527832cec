/**
 * The environment, documented and validated in one place. Every setting is listed here with its
 * default and meaning; `loadConfig` reports *every* bad variable at once and refuses to start.
 * The README's configuration table is generated from SETTINGS (`npx gongkai config`).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve, join } from 'node:path';
import { isIP } from 'node:net';
import { passwordProblems, weakKeyProblem, weakSecretProblem } from '../core/auth/password-rule.ts';

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | null;
  /** PostgreSQL connections this process keeps open (DATABASE_POOL_SIZE; not used by PGlite). */
  databasePoolSize: number;
  dataDir: string;
  sessionSecret: string;
  piiKeys: Buffer[]; // first is current; the rest are older keys still accepted for decryption (rotation)
  auditKeys: Buffer[]; // first keys new audit rows and signs checkpoints; the rest still verify (rotation)
  auditAnchorDir: string;
  logLevel: string;
  siteName: string;
  siteDomain: string;
  siteIdCode: string;
  publicUrl: string;
  demo: boolean;
  adminPassword: string | null;
  cookieSecure: boolean;
  hstsIncludeSubDomains: boolean;
  /** Fastify's trustProxy: false, the number of proxy hops in front of us, or the proxies' addresses/CIDRs. */
  trustProxy: false | number | string[];
  smtpUrl: string | null;
  mailFrom: string;
  maxUploadMb: number;
  workerInProcess: boolean;
  /** ms after start before the first look for due jobs */
  jobsStartDelayMs: number;
  /** Bound of the in-memory cache of rendered public pages, in bytes of body (issue #15 item 4). */
  pageCacheBytes: number;
  /** Static publication: folder the cached public pages are mirrored to for nginx (null: off). */
  staticDir: string | null;
  /** V8 --heap-growing-percent for web and worker (0: V8 decides); see core/heap.ts */
  heapGrowthPercent: number;
}

interface Setting {
  name: string;
  default: string | null;
  doc: string;
  check?: (v: string) => string | null; // returns an error message or null
  /** a secret (or a URL that may carry a password): a problem with it never echoes the value */
  secret?: true;
}

const isInt = (lo: number, hi: number) => (v: string) =>
  /^\d+$/.test(v) && +v >= lo && +v <= hi ? null : `must be an integer between ${lo} and ${hi}`;
const isBool = (v: string) => (/^(true|false|1|0|yes|no)$/i.test(v) ? null : 'must be true or false');
const bool = (v: string) => /^(true|1|yes)$/i.test(v);
/**
 * TRUST_PROXY: which X-Forwarded-For hops to believe. `true` would take the left-most address,
 * which the client writes itself behind a proxy that appends (nginx's $proxy_add_x_forwarded_for),
 * so every per-address limit and the audit's addresses would be the client's choice.
 */
export function parseTrustProxy(v: string): { value: false | number | string[] } | { error: string } {
  const s = v.trim();
  if (/^(false|0|no)$/i.test(s)) return { value: false };
  if (/^(true|yes)$/i.test(s)) return { error: 'true would trust every X-Forwarded-For hop, so clients could choose their own address; give the number of proxies in front of gongkai (e.g. 1) or their addresses (e.g. 10.0.0.5 or 10.0.0.0/24, comma-separated)' };
  if (/^\d+$/.test(s)) return +s >= 1 && +s <= 10 ? { value: +s } : { error: 'a hop count must be between 1 and 10' };
  const list = s.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = list.filter((x) => {
    const [addr, bits, ...rest] = x.split('/');
    const kind = isIP(addr);
    if (!kind || rest.length) return true;
    return bits !== undefined && !(/^\d+$/.test(bits) && +bits <= (kind === 4 ? 32 : 128));
  });
  if (!list.length || bad.length) return { error: `must be false, a hop count (1, 2 …) or comma-separated proxy addresses/CIDRs${bad.length ? ` (not an address: ${bad.join(', ')})` : ''}` };
  return { value: list };
}

// the demo accounts share the admin's password (modules/system/seed.ts): it must suit each of them
const DEMO_USERS = ['admin', 'szfb.admin', 'sfj.editor', 'sfj.reviewer', 'szfb.handler', 'city.supervisor', 'shuangta.admin'];
const adminPasswordProblem = (v: string) => {
  for (const u of DEMO_USERS) {
    const p = passwordProblems(v, u);
    if (p) return p.en;
  }
  return null;
};

const isKey = (v: string) =>
  v.split(',').every((k) => Buffer.from(k.trim(), 'base64').length === 32)
    ? null
    : 'must be base64 of 32 random bytes (comma-separated list: current key first, then old keys)';

export const SETTINGS: Setting[] = [
  { name: 'NODE_ENV', default: 'development', doc: 'development | production | test. Production requires the secrets below to be set explicitly.', check: (v) => (['development', 'production', 'test'].includes(v) ? null : 'must be development, production or test') },
  { name: 'PORT', default: '3000', doc: 'HTTP port.', check: isInt(0, 65535) },
  { name: 'HOST', default: '::', doc: 'Listen address. `::` listens dual-stack (IPv6 and IPv4).' },
  { name: 'DATABASE_URL', secret: true, default: null, doc: 'postgres://… to use a PostgreSQL server; unset = embedded PGlite in GONGKAI_DATA_DIR.', check: (v) => (/^postgres(ql)?:\/\//.test(v) ? null : 'must start with postgres:// or postgresql://') },
  { name: 'DATABASE_POOL_SIZE', default: '10', doc: 'PostgreSQL only: connections each process keeps open (docs/operations.md: size it to the server’s max_connections ÷ processes).', check: isInt(1, 200) },
  { name: 'GONGKAI_DATA_DIR', default: './data', doc: 'Folder for the embedded database, attachments and generated secrets.' },
  { name: 'SESSION_SECRET', secret: true, default: null, doc: 'Secret (≥ 32 chars) signing cookies and CSRF tokens. Development: generated into the data dir.', check: (v) => (v.length >= 32 ? null : 'must be at least 32 characters') },
  { name: 'GONGKAI_PII_KEY', secret: true, default: null, doc: 'Key(s) encrypting personal data at rest: base64 of 32 bytes; comma-separated to rotate (new first). Development: generated into the data dir.', check: isKey },
  { name: 'GONGKAI_AUDIT_KEY', secret: true, default: null, doc: 'Key(s) of the audit log, kept outside the database: base64 of 32 bytes (`openssl rand -base64 32`); comma-separated to rotate (new first, old keys stay to verify older rows). Keys the hash chain (HMAC-SHA256) and derives the Ed25519 key that signs checkpoints (public key on /transparency/audit). Development: generated into the data dir. Production: required (not derived from another secret, so rotating SESSION_SECRET never breaks verification).', check: isKey },
  { name: 'GONGKAI_AUDIT_ANCHOR_DIR', default: null, doc: 'Folder for the signed audit checkpoints (append-only `audit-checkpoints.jsonl`, written every 5 minutes when the log moved and at shutdown). Default: DATA_DIR/audit. In production put it outside the database server\'s reach (another disk or host, WORM storage) and keep copies.' },
  { name: 'LOG_LEVEL', default: 'info', doc: 'fatal | error | warn | info | debug | trace | silent.', check: (v) => (['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v) ? null : 'must be a pino log level') },
  { name: 'GONGKAI_SITE_NAME', default: '朝阳市人民政府', doc: 'Site name (meta SiteName).' },
  { name: 'GONGKAI_SITE_DOMAIN', default: 'www.chaoyang.gov.cn', doc: 'Site domain (meta SiteDomain).' },
  { name: 'GONGKAI_SITE_ID_CODE', default: '2113000001', doc: 'Government website identification code (meta SiteIDCode, 10 digits).', check: (v) => (/^\d{10}$/.test(v) ? null : 'must be 10 digits') },
  { name: 'GONGKAI_PUBLIC_URL', default: null, doc: 'Public base URL used in feeds, sitemap and letters (default http://localhost:PORT).', check: (v) => (/^https?:\/\//.test(v) ? null : 'must start with http:// or https://') },
  { name: 'GONGKAI_DEMO', default: null, doc: 'Seed the demo city on first start (default: true except in production).', check: isBool },
  { name: 'GONGKAI_ADMIN_PASSWORD', secret: true, default: null, doc: 'Password for the demo `admin` account; unset = a random one, printed at first start and saved to DATA_DIR/demo-credentials.txt. Must pass the password rule (see src/modules/accounts/README.md).', check: adminPasswordProblem },
  { name: 'COOKIE_SECURE', default: null, doc: 'Send cookies only over HTTPS, with the `__Host-` name prefix (default: true in production).', check: isBool },
  { name: 'HSTS_INCLUDE_SUBDOMAINS', default: 'false', doc: 'Add `includeSubDomains` to Strict-Transport-Security (sent when cookies are Secure). Only if every subdomain of the site serves HTTPS.', check: isBool },
  { name: 'TRUST_PROXY', default: 'false', doc: 'Which X-Forwarded-For hops to believe, for client addresses in rate limits and the audit log: `false`, the number of reverse proxies in front of gongkai (`1` for one nginx; only when gongkai cannot be reached around them), or their addresses/CIDRs, comma-separated (`10.0.0.5,10.0.1.0/24`). `true` is refused: it lets clients choose their address. In nginx set `proxy_set_header X-Forwarded-For $remote_addr;` (not `$proxy_add_x_forwarded_for`).', check: (v) => { const r = parseTrustProxy(v); return 'error' in r ? r.error : null; } },
  { name: 'SMTP_URL', secret: true, default: null, doc: 'smtp://user:pass@host:port for reminder e-mails; unset = e-mails are logged, not sent.', check: (v) => (/^smtps?:\/\//.test(v) ? null : 'must start with smtp:// or smtps://') },
  { name: 'MAIL_FROM', default: 'gongkai@localhost', doc: 'Sender address of e-mails.' },
  { name: 'GONGKAI_MAX_UPLOAD_MB', default: '20', doc: 'Largest attachment accepted, in MB.', check: isInt(1, 1024) },
  { name: 'GONGKAI_WORKER', default: 'true', doc: 'Run background jobs inside the web process (set false when running `gongkai worker` separately).', check: isBool },
  { name: 'GONGKAI_JOBS_START_DELAY_S', default: '2', doc: 'Seconds after start before the first look for due jobs (the daily health check, index catch-up …); raise it so a fresh node warms up before catching up.', check: isInt(0, 3600) },
  { name: 'GONGKAI_PGLITE_SHARED_BUFFERS_MB', default: '16', doc: 'Embedded database only: its shared_buffers, in MB. The whole pool is resident in the process from the start (PostgreSQL’s own default, 128, would be a third of the server’s memory); the operating system caches the data files anyway, so 16 served the demo city and 5,000 documents as fast as 32. Raise it for a very large site on the embedded database.', check: isInt(1, 4096) },
  { name: 'GONGKAI_HEAP_GROWTH_PERCENT', default: '25', doc: 'How far the JavaScript heap of `web` and `worker` may grow past what the last full garbage collection kept, in % (V8’s `--heap-growing-percent`). Lower keeps memory (RSS) lower at the cost of more frequent garbage collection; 0 lets V8 decide (it let the heap reach ~3× its live size).', check: isInt(0, 1000) },
  { name: 'GONGKAI_PAGE_CACHE_MB', default: '32', doc: 'Largest total size of the in-memory cache of rendered public pages, in MB per app process (oldest pages go first). 0 turns the cache off.', check: isInt(0, 4096) },
  { name: 'GONGKAI_STATIC_DIR', default: null, doc: 'Static publication (静态发布): a folder of its own (emptied at start) where the web process mirrors its cached public pages as files, for nginx in front to send without asking gongkai; a page is deleted there the moment it leaves the cache (publication, withdrawal, expiry). Unset = off. nginx configuration: docs/operations.md.' },
];

export class ConfigError extends Error {
  constructor(public problems: string[]) {
    super('配置错误 / invalid configuration:\n' + problems.map((p) => '  - ' + p).join('\n'));
  }
}

/** A secret kept in the data dir for development, so restarts keep sessions and encrypted data readable. */
function devSecret(dataDir: string, file: string, make: () => string): string {
  const p = join(dataDir, file);
  if (existsSync(p)) return readFileSync(p, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const v = make();
  writeFileSync(p, v + '\n', { mode: 0o600 });
  chmodSync(p, 0o600);
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const get = (name: string): string | null => {
    const s = SETTINGS.find((x) => x.name === name)!;
    const raw = env[name];
    const v = raw === undefined || raw === '' ? s.default : raw;
    if (v !== null && raw !== undefined && raw !== '' && s.check) {
      const err = s.check(v);
      // configuration errors go to the terminal and the service log: a secret is never repeated
      const shown = s.secret ? `(value hidden, ${raw.length} characters)` : JSON.stringify(raw.length > 40 ? raw.slice(0, 40) + '…' : raw);
      if (err) problems.push(`${name}=${shown}: ${err}`);
    }
    return v;
  };
  const nodeEnv = (get('NODE_ENV') ?? 'development') as Config['env'];
  const production = nodeEnv === 'production';
  const dataDir = resolve(get('GONGKAI_DATA_DIR')!);
  let sessionSecret = get('SESSION_SECRET');
  let piiKey = get('GONGKAI_PII_KEY');
  let auditKey = get('GONGKAI_AUDIT_KEY');
  const anchorRaw = get('GONGKAI_AUDIT_ANCHOR_DIR');
  if (production) {
    if (!sessionSecret) problems.push('SESSION_SECRET: required in production');
    else if (sessionSecret.length >= 32) {
      const weak = weakSecretProblem(sessionSecret);
      if (weak) problems.push(`SESSION_SECRET: ${weak}`);
    }
    if (!piiKey) problems.push('GONGKAI_PII_KEY: required in production');
    else if (!isKey(piiKey)) {
      // the current key (first) encrypts; older keys in the list may be weak ones being rotated away
      const weak = weakKeyProblem(Buffer.from(piiKey.split(',')[0].trim(), 'base64'));
      if (weak) problems.push(`GONGKAI_PII_KEY: the current (first) key ${weak}`);
    }
    if (!auditKey) problems.push('GONGKAI_AUDIT_KEY: required in production (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)');
    else if (!isKey(auditKey)) {
      const weak = weakKeyProblem(Buffer.from(auditKey.split(',')[0].trim(), 'base64'));
      if (weak) problems.push(`GONGKAI_AUDIT_KEY: the current (first) key ${weak}`);
    }
  }
  const port = Number(get('PORT'));
  const demoRaw = get('GONGKAI_DEMO');
  const secureRaw = get('COOKIE_SECURE');
  const cfg = {
    env: nodeEnv,
    port,
    host: get('HOST')!,
    databaseUrl: get('DATABASE_URL'),
    databasePoolSize: Number(get('DATABASE_POOL_SIZE')),
    dataDir,
    logLevel: get('LOG_LEVEL')!,
    siteName: get('GONGKAI_SITE_NAME')!,
    siteDomain: get('GONGKAI_SITE_DOMAIN')!,
    siteIdCode: get('GONGKAI_SITE_ID_CODE')!,
    publicUrl: (get('GONGKAI_PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/$/, ''),
    demo: demoRaw === null ? !production : bool(demoRaw),
    adminPassword: get('GONGKAI_ADMIN_PASSWORD'),
    cookieSecure: secureRaw === null ? production : bool(secureRaw),
    hstsIncludeSubDomains: bool(get('HSTS_INCLUDE_SUBDOMAINS')!),
    trustProxy: ((r) => ('value' in r ? r.value : false))(parseTrustProxy(get('TRUST_PROXY')!)),
    smtpUrl: get('SMTP_URL'),
    mailFrom: get('MAIL_FROM')!,
    maxUploadMb: Number(get('GONGKAI_MAX_UPLOAD_MB')),
    workerInProcess: bool(get('GONGKAI_WORKER')!),
    jobsStartDelayMs: Number(get('GONGKAI_JOBS_START_DELAY_S')) * 1000,
    pageCacheBytes: Number(get('GONGKAI_PAGE_CACHE_MB')) * 1024 * 1024,
    staticDir: ((v) => (v ? resolve(v) : null))(get('GONGKAI_STATIC_DIR')),
    heapGrowthPercent: Number(get('GONGKAI_HEAP_GROWTH_PERCENT')),
  };
  if (problems.length) throw new ConfigError(problems);
  if (!sessionSecret) sessionSecret = devSecret(dataDir, '.session-secret', () => randomBytes(32).toString('base64url'));
  if (!piiKey) piiKey = devSecret(dataDir, '.pii-key', () => randomBytes(32).toString('base64'));
  if (!auditKey) auditKey = devSecret(dataDir, '.audit-key', () => randomBytes(32).toString('base64'));
  const keys = (v: string) => v.split(',').map((k) => Buffer.from(k.trim(), 'base64'));
  return { ...cfg, sessionSecret, piiKeys: keys(piiKey), auditKeys: keys(auditKey), auditAnchorDir: anchorRaw ? resolve(anchorRaw) : join(dataDir, 'audit') };
}

/** Markdown table of every setting, for the README. */
export function settingsTable(): string {
  const rows = SETTINGS.map((s) => `| \`${s.name}\` | ${s.default === null ? '—' : '`' + s.default + '`'} | ${s.doc} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
