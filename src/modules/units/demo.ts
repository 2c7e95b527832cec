/** Public surface of the units module: the demo city's units (demo/units.ts). */
export * from './demo/units.ts';
