// Entry of an extraction worker thread (extract-pool.ts). Plain JavaScript because a worker started by
// `bin/gongkai.js` (tsx registered in-process, not through --import) cannot load TypeScript until tsx
// is registered in the worker too; under `node --import tsx` or `tsx` it already can.
let mod;
try {
  mod = await import('./extract-task.ts');
} catch (e) {
  if (e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
  const { register } = await import('tsx/esm/api');
  register();
  // another URL: the module map keeps the failed load of the first one
  mod = await import('./extract-task.ts?tsx');
}
export default mod.default;
