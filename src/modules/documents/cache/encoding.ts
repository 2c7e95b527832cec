/**
 * Precompressed variants of a cached page (issue #15 item 2): next to the identity bytes, a page
 * keeps its brotli and gzip bodies, compressed once in the background (zlib's thread pool) after
 * the page is stored, so a hit costs no compression and the miss that stored the page waits for
 * none. Each variant is its own representation (RFC 9110 §8.8.3): its own strong ETag (the
 * identity tag with `-br` / `-gz`), `content-encoding`, and the same Last-Modified; every page
 * says `Vary: Accept-Encoding` (set where the page is rendered, http/portal-routes.tsx).
 */
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

export type Encoding = 'br' | 'gzip';

/** One representation of a cached page, with its header lists prepared for res.writeHead. */
export interface Variant {
  body: Buffer;
  etag: string;
  /** Flat [name, value, …] without content-length (Fastify adds its own). */
  headers: string[];
  headers200: string[];
  headers304: string[];
}

/** Bodies smaller than this are sent as they are: the headers would eat the saving. */
export const MIN_COMPRESS_BYTES = 1024;

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Brotli's window for a body of this size: 64 KB (2^16) for a page that fits in it, else the
 * default (4 MB). At quality 9 a window over 64 KB makes brotli use its large hash tables: ~24 MB
 * allocated per compression, in the thread pool's malloc arenas, which keep it (issue #15 item 4),
 * and ~10× the time — for the same size on a page that fits in 64 KB.
 */
export function brotliWindowBits(length: number): number {
  return length <= 1 << 16 ? 16 : constants.BROTLI_DEFAULT_WINDOW;
}

/** The variants worth keeping (each smaller than the identity body). */
export async function compressBody(body: Buffer): Promise<Partial<Record<Encoding, Buffer>>> {
  if (body.length < MIN_COMPRESS_BYTES) return {};
  const [b, g] = await Promise.all([
    br(body, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_LGWIN]: brotliWindowBits(body.length),
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gz(body, { level: 9 }),
  ]);
  const out: Partial<Record<Encoding, Buffer>> = {};
  if (b.length < body.length) out.br = b;
  if (g.length < body.length) out.gzip = g;
  return out;
}

const SUFFIX: Record<Encoding, string> = { br: '-br', gzip: '-gz' };
/** Headers a 304 repeats (RFC 9110 §15.4.5), besides ETag and Last-Modified. */
const REPEAT_ON_304 = new Set(['cache-control', 'vary', 'content-location', 'expires', 'etag', 'last-modified']);

/**
 * The header lists of one representation, from a page's `template`: the flat [name, value, …]
 * list the rendered response carried, in its order and spelling, holding one `etag` and one
 * `content-length` (their values are replaced here). A compressed variant adds
 * `content-encoding` just before `content-length`.
 */
export function headerLists(template: readonly string[], etag: string, length: number, enc: Encoding | null): Omit<Variant, 'body'> {
  const headers: string[] = [];
  const headers200: string[] = [];
  const headers304: string[] = [];
  for (let i = 0; i < template.length; i += 2) {
    const name = template[i];
    const n = name.toLowerCase();
    const value = n === 'etag' ? etag : template[i + 1];
    if (n === 'content-length') {
      if (enc) {
        headers.push('content-encoding', enc);
        headers200.push('content-encoding', enc);
      }
      headers200.push(name, String(length));
      continue;
    }
    headers.push(name, value);
    headers200.push(name, value);
    if (REPEAT_ON_304.has(n)) headers304.push(name, value);
  }
  return { etag, headers, headers200, headers304 };
}

/** A compressed variant of a page stored with `template` (see `headerLists`). */
export function variantOf(enc: Encoding, body: Buffer, identityEtag: string, template: readonly string[]): Variant {
  const etag = identityEtag.replace(/"$/, `${SUFFIX[enc]}"`);
  return { body, ...headerLists(template, etag, body.length, enc) };
}

/**
 * The encoding to send for an Accept-Encoding header: brotli, then gzip, unless refused with
 * q=0 (RFC 9110 §12.5.3); null = identity. `*` counts for both.
 */
let memoHeader: string | undefined;
let memo: Encoding | null = null;
export function acceptedEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  // clients send the same few headers over and over: remember the last answer
  if (header === memoHeader) return memo;
  memo = parseAcceptEncoding(header);
  memoHeader = header;
  return memo;
}

function parseAcceptEncoding(header: string): Encoding | null {
  let brQ = -1;
  let gzQ = -1;
  let anyQ = -1;
  for (const part of header.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    let q = 1;
    for (const p of params) {
      const m = /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    if (token === 'br') brQ = q;
    else if (token === 'gzip' || token === 'x-gzip') gzQ = q;
    else if (token === '*') anyQ = q;
  }
  if (brQ < 0) brQ = anyQ;
  if (gzQ < 0) gzQ = anyQ;
  if (brQ > 0 && brQ >= gzQ) return 'br';
  if (gzQ > 0) return 'gzip';
  return null;
}
