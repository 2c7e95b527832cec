/** Working-day calendar and the statutory deadline engine (《政府信息公开条例》 Arts. 30–33). */
export * from './calendar.ts';
export * from './deadline.ts';
export * from './periods.ts';
export * from './timeline.ts';
export * from './trace.ts';
export * from './cli.ts';
export { isIsoDate } from './dates.ts';
