/**
 * Static publication (静态发布, issue #15 item 2): the page cache's anonymous Chinese pages, mirrored
 * as files for a web server in front of gongkai (nginx) to send without asking Node.js.
 *
 * Off unless `GONGKAI_STATIC_DIR` is set. The mirror follows the cache exactly and synchronously:
 * a page is written when the cache stores it (after the generation check, so a render overtaken by
 * a change is not written either) and deleted in the same call that drops it from the cache —
 * invalidation after a publication, edit or withdrawal (条例 第二十六条: what is withdrawn stops
 * being published at once), eviction, expiry (`PageCache.sweep`, run every 30 s) and `clear`. At
 * start the folder is emptied, since the cache starts empty.
 *
 * Only what nginx can serve exactly as gongkai would is written: GET pages of the default locale
 * (zh-CN, no elder mode) at a canonical path without a query string, of type text/html, at paths of
 * plain segments (`[A-Za-z0-9_-][A-Za-z0-9._-]*`). `/u/city/doc/12` → `pages/u/city/doc/12.page.html`,
 * `/topics/` → `pages/topics/.page.html` (and `….gz` once compressed, for nginx's gzip_static), with the page's Last-Modified as
 * the files' time. Requests with a language or elder-mode cookie, an English Accept-Language or a
 * query string go on to gongkai (docs/operations.md has the nginx configuration). The security
 * headers every page carries are written once as `headers.conf`, `add_header` lines for that
 * configuration to include, so a file from nginx carries the same policy as a page from gongkai.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CacheEntry } from './cache.ts';

/** What a page cache tells its mirror (cache.ts calls these). */
export interface CacheMirror {
  stored(entry: CacheEntry): void;
  compressed(entry: CacheEntry): void;
  removed(key: string): void;
  cleared(): void;
}

const PREFIX = 'zh-CN|0|';
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const PAGE_SUFFIX = '.page.html';
/** Set by nginx itself, from the file (Vary is kept: nginx's gzip_vary stays off). */
const NOT_IN_CONF = new Set(['content-type', 'content-length', 'etag', 'last-modified', 'date', 'connection', 'keep-alive']);

/**
 * The file of a cache key, relative to the pages folder; null when the page is not published as a
 * file. The file is the path plus `.page.html` — `/u/city/doc/12` → `u/city/doc/12.page.html`,
 * `/topics/` → `topics/.page.html` — so nginx finds it as `$uri.page.html` with no rule of its own,
 * and `/u/city/` and `/u/city` (a page and a redirect) never share a file. Segments start with a
 * letter, digit, `_` or `-` and none ends in `.page.html`, so no file is another page's folder.
 */
export function staticFileOf(key: string): string | null {
  if (!key.startsWith(PREFIX)) return null;
  const path = key.slice(PREFIX.length);
  if (!path.startsWith('/')) return null;
  const segments = path.slice(1).split('/');
  const last = segments.length - 1;
  for (const [i, s] of segments.entries()) {
    if (i === last && s === '') break; // a folder path: /topics/ → topics/.page.html
    if (!SEGMENT.test(s) || s.endsWith(PAGE_SUFFIX)) return null;
  }
  return path.slice(1) + PAGE_SUFFIX;
}

/** nginx `add_header` lines for a page's headers; throws on a value nginx would read differently. */
export function headersConf(template: readonly string[]): string {
  const lines = ['# written by gongkai (documents/cache/static-mirror.ts): the headers of its pages, for pages nginx sends from the static folder'];
  for (let i = 0; i < template.length; i += 2) {
    const name = template[i];
    const value = template[i + 1];
    if (NOT_IN_CONF.has(name.toLowerCase())) continue;
    if (!/^[A-Za-z0-9-]+$/.test(name) || /[$"\\\r\n]/.test(value)) throw new Error(`header ${name} cannot be written for nginx`);
    lines.push(`add_header ${name} "${value}" always;`);
  }
  return lines.join('\n') + '\n';
}

function contentType(template: readonly string[]): string {
  for (let i = 0; i < template.length; i += 2) if (template[i].toLowerCase() === 'content-type') return template[i + 1];
  return '';
}

export class StaticMirror implements CacheMirror {
  readonly pages: string;
  private conf = '';
  /** Files written and not yet removed, by cache key (a key's file is computed once). */
  private written = new Map<string, string>();

  constructor(readonly dir: string, private log: (msg: string, err?: unknown) => void = () => {}) {
    this.pages = join(dir, 'pages');
    this.cleared();
  }

  stored(entry: CacheEntry): void {
    const rel = staticFileOf(entry.key);
    if (!rel || !contentType(entry.template).startsWith('text/html')) return;
    const file = join(this.pages, rel);
    try {
      this.writeConf(entry.template);
      this.remove(file + '.gz'); // the previous version's, if any
      mkdirSync(dirname(file), { recursive: true });
      this.put(file, entry.body, entry.lastModifiedMs);
      this.written.set(entry.key, file);
    } catch (err) {
      this.log(`static publication: could not write ${file}`, err);
    }
  }

  compressed(entry: CacheEntry): void {
    const file = this.written.get(entry.key);
    const gz = entry.variants?.gzip;
    if (!file || !gz) return;
    try {
      this.put(file + '.gz', gz.body, entry.lastModifiedMs);
    } catch (err) {
      this.log(`static publication: could not write ${file}.gz`, err);
    }
  }

  removed(key: string): void {
    const file = this.written.get(key);
    if (!file) return;
    this.written.delete(key);
    // the compressed copy first: nginx prefers it, so there is no moment with only it left
    this.remove(file + '.gz');
    this.remove(file);
  }

  cleared(): void {
    this.written.clear();
    rmSync(this.pages, { recursive: true, force: true });
    mkdirSync(this.pages, { recursive: true });
  }

  /** Pages currently published as files (tests, diagnostics). */
  get count(): number {
    return this.written.size;
  }

  /** Written beside, then renamed: nginx never sends half a file. */
  private put(file: string, body: Buffer, mtimeMs: number): void {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, body);
    const t = new Date(mtimeMs);
    utimesSync(tmp, t, t);
    renameSync(tmp, file);
  }

  private remove(file: string): void {
    try {
      unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`static publication: could not delete ${file} — it may still be served`, err);
    }
  }

  /**
   * headers.conf is one list for every file nginx sends, and nginx reads it when (re)loaded: the first
   * page this process publishes sets it; a page whose headers differ is not published (gongkai keeps
   * serving it), so no file is ever sent with another page's headers.
   */
  private writeConf(template: readonly string[]): void {
    const conf = headersConf(template);
    if (this.conf) {
      if (conf !== this.conf) throw new Error('its headers differ from headers.conf');
      return;
    }
    const file = join(this.dir, 'headers.conf');
    const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
    this.put(file, Buffer.from(conf), Date.now());
    if (before !== null && before !== conf) this.log(`static publication: the pages' headers changed; reload nginx to send the new ${file}`);
    this.conf = conf;
  }
}
