/** Public surface of the units module: the write commands (commands/). */
export * from './commands/units.ts';
export * from './commands/lifecycle.ts';
