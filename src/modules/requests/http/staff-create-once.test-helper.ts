/** Helpers for the staff create-form idempotency tests (#14.8): post one form twice, count rows. */
import assert from 'node:assert/strict';
import type { Client, TestApp } from '../../../../test/helpers/app.ts';
import type { Db } from '../../../core/db/index.ts';

/**
 * Reads `page` for its CSRF token and one-time key, posts `fields` to `action` twice with that key, then
 * once more with the same key and the last field changed; returns the three responses.
 */
export async function twice(c: Client, page: string, action: string, fields: Record<string, string>) {
  const html = (await c.get(page)).body;
  const token = /name="form_token" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, `${page} carries a one-time key`);
  const body = { _csrf: /name="_csrf" value="([^"]+)"/.exec(html)![1], form_token: token, ...fields };
  return [await c.post(action, body), await c.post(action, body), await c.post(action, { ...body, [Object.keys(fields).at(-1)!]: '另一内容' })] as const;
}

/** Rows of `table` whose `col` equals `value`. */
export async function countWhere(db: Db, table: string, col: string, value: string | number): Promise<number> {
  const r = (await db.selectFrom(table as never).select((eb) => eb.fn.countAll().as('n')).where(col as never, '=', value as never).executeTakeFirstOrThrow()) as { n: string | number };
  return Number(r.n);
}

/** Posts `fields` and one file as multipart/form-data with the client's cookies. */
export function postMultipart(t: TestApp, c: Client, url: string, fields: Record<string, string>, file: { name: string; filename: string; type: string; data: Buffer }) {
  const boundary = '----once' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}

/** The CSRF token and the one-time key of the first create form on a page. */
export function formKeys(html: string): { csrf: string; token: string } {
  const token = /name="form_token" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, 'the form carries a one-time key');
  return { csrf: /name="_csrf" value="([^"]+)"/.exec(html)![1], token };
}
