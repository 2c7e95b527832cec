/** Public surface of the units module: 统一社会信用代码 checks (domain/uscc.ts). */
export * from './domain/uscc.ts';
