/**
 * The error catalogue. Handlers throw an AppError with a stable code and a message in both
 * locales; the central handler (app.ts) turns it into a 4xx page or JSON in the user's language.
 * Anything else is a 500 whose details go to the log only.
 */
import type { Msg } from '../render/i18n.ts';

export class AppError extends Error {
  constructor(
    public status: number,
    public code: string,
    public msg: Msg,
    public fields?: Record<string, Msg>,
  ) {
    super(msg.en);
  }
}

export const notFound = (what: Msg = { zh: '页面', en: 'page' }) =>
  new AppError(404, 'not_found', { zh: `未找到该${what.zh}，或您无权访问`, en: `The ${what.en} was not found, or you have no access to it` });
export const forbidden = () => new AppError(403, 'forbidden', { zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' });
export const unauthenticated = () => new AppError(401, 'unauthenticated', { zh: '请先登录', en: 'Please sign in first' });
export const badRequest = (msg: Msg, fields?: Record<string, Msg>) => new AppError(400, 'bad_request', msg, fields);
export const invalid = (fields: Record<string, Msg>) =>
  new AppError(422, 'invalid', { zh: '提交的内容有误，请按提示修改后重新提交', en: 'Some fields need correcting; see the messages below' }, fields);
export const conflict = (msg: Msg) => new AppError(409, 'conflict', msg);
export const tooMany = () => new AppError(429, 'rate_limited', { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please try again later' });
export const csrfFailed = () =>
  new AppError(403, 'csrf', { zh: '表单已过期或来源不明，请刷新页面后重新提交', en: 'The form expired or did not come from this site; reload the page and submit again' });
