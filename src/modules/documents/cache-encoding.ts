/**
 * Precompressed variants of a cached page (issue #15 item 2): next to the identity bytes, a page
 * keeps its brotli and gzip bodies, compressed once in the background (zlib's thread pool) after
 * the page is stored, so a hit costs no compression and the miss that stored the page waits for
 * none. Each variant is its own representation (RFC 9110 §8.8.3): its own strong ETag (the
 * identity tag with `-br` / `-gz`), `content-encoding`, and the same Last-Modified; every page
 * says `Vary: Accept-Encoding` (set where the page is rendered, portal-routes.tsx).
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

/** The variants worth keeping (each smaller than the identity body). */
export async function compressBody(body: Buffer): Promise<Partial<Record<Encoding, Buffer>>> {
  if (body.length < MIN_COMPRESS_BYTES) return {};
  const [b, g] = await Promise.all([
    br(body, { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gz(body, { level: 9 }),
  ]);
  const out: Partial<Record<Encoding, Buffer>> = {};
  if (b.length < body.length) out.br = b;
  if (g.length < body.length) out.gzip = g;
  return out;
}

const SUFFIX: Record<Encoding, string> = { br: '-br', gzip: '-gz' };

/**
 * A variant's header lists: `base` is the page's stored list without etag and last-modified
 * (and `base304` the part a 304 repeats).
 */
export function variantOf(enc: Encoding, body: Buffer, identityEtag: string, lastModified: string, base: string[], base304: string[]): Variant {
  const etag = identityEtag.replace(/"$/, `${SUFFIX[enc]}"`);
  const headers = [...base, 'content-encoding', enc, 'etag', etag, 'last-modified', lastModified];
  return { body, etag, headers, headers200: [...headers, 'content-length', String(body.length)], headers304: [...base304, 'etag', etag, 'last-modified', lastModified] };
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
