/**
 * The hostile-input corpus (issue #10 item 7). Each payload is given as it travels in a URL or an
 * urlencoded body (`enc`, already percent-encoded: some are deliberately malformed) and, where it
 * differs, as the raw JSON text of a value (`json`, so lone surrogates and NUL reach the parser as
 * written). The first eight groups are the causes of the 439 answers 500 the outside test found.
 */
export interface Payload {
  name: string;
  /** percent-encoded, as placed in a path segment, a query value or a form value */
  enc: string;
  /** the JSON text of the value in a JSON body (default: JSON.stringify of the decoded `enc`) */
  json?: string;
}

/** A marker no page contains: if it comes back unescaped, markup was reflected. */
export const MARKUP = '<script>gkfuzz(1)</script>';
export const MARKUP_ATTR = '"><svg onload=gkfuzz(2)>';

export const PAYLOADS: Payload[] = [
  // 1. U+0000
  { name: 'nul', enc: '%00', json: '"\\u0000"' },
  { name: 'nul-inside', enc: 'x%00y', json: '"x\\u0000y"' },
  // 2. ids past 2^31−1, fractional, exponent
  { name: 'int-past-2^31', enc: '2147483648', json: '2147483648' },
  { name: 'int-huge', enc: '99999999999999999999999', json: '99999999999999999999999' },
  { name: 'fraction', enc: '1.5', json: '1.5' },
  { name: 'exponent', enc: '1e309', json: '1e308' },
  { name: 'negative', enc: '-1', json: '-1' },
  // 3. not a number where one is expected
  { name: 'word', enc: 'abc' },
  // 4. impossible dates
  { name: 'month-13', enc: '2024-13-01' },
  { name: 'feb-30', enc: '2024-02-30' },
  { name: 'year-0', enc: '0000-01-01' },
  { name: 'date-time-junk', enc: '2024-01-01T99%3A99' },
  // 7. a non-ASCII relative path (/prefs back=); 6. prototype keys: last
  { name: 'path-non-ascii', enc: '%2F%E4%B8%AD%E6%96%87' },
  // 8. lone surrogates: in JSON as an escape, in a URL as the (invalid) UTF-8 of U+D800
  { name: 'lone-surrogate', enc: '%ED%A0%80', json: '"\\ud800x"' },
  // markup, to catch reflection
  { name: 'markup', enc: encodeURIComponent(MARKUP) },
  { name: 'markup-attr', enc: encodeURIComponent(MARKUP_ATTR) },
  // malformed encodings and other classics
  { name: 'truncated-utf8', enc: '%E4%B8' },
  { name: 'bad-percent', enc: '%zz%' },
  { name: 'crlf', enc: '%2Fx%0D%0ASet-Cookie%3A%20gk%3D1' },
  { name: 'traversal', enc: '..%2F..%2F..%2Fetc%2Fpasswd' },
  { name: 'sql', enc: "1'%20OR%20'1'%3D'1" },
  { name: 'long', enc: 'a'.repeat(5000) },
  { name: 'empty', enc: '' },
  { name: 'emoji', enc: '%F0%9F%98%80', json: '"\\ud83d\\ude00"' },
  // 6. prototype keys: sent on their own (the harness puts PROTO_KEYS in place of the route's keys)
  { name: 'proto-keys', enc: '1' },
];

/** Keys that must never reach an object as own properties: sent in forms, queries and JSON. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', '__proto__[isAdmin]', 'constructor[prototype][isAdmin]'];

/** Query and form keys the outside test used by name; the harness adds every name it finds in the app's forms. */
export const NAMED_KEYS = [
  'q', 'unit', 'offset', 'limit', 'page', 'id', 'handler_id', 'changedDate', 'responsible_filed_on', 'published_from', 'published_to',
  'back', 'next', 'lang', 'elder', 'year', 'from', 'to', 'status', 'sort', 'type', 'kind', 'username', 'password', 'date', 'fmt', 'format',
];

/** The fast subset `npm test` runs: these, rotated over the routes (every payload reaches many routes). */
export const FAST = ['proto-keys', 'nul', 'int-past-2^31', 'fraction', 'word', 'feb-30', 'path-non-ascii', 'lone-surrogate', 'markup', 'truncated-utf8', 'exponent', 'month-13', 'year-0'];
