/** Public surface of the units module: unit types and placement rules (domain/types.ts). */
export * from './domain/types.ts';
