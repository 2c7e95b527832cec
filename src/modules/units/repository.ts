/** Public surface of the units module: unit queries (store/repository.ts). */
export * from './store/repository.ts';
