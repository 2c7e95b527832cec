import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { HEAP_GROWTH_HONOURED, limitHeapGrowth, MALLOC_ARENA_ENV, parseNodeScript, SEMI_SPACE_FLAG, WASM_TIER_FLAG } from './heap.ts';
import { loadConfig } from '../config/env.ts';

/** Max heapTotal (MB) of a fresh process holding ~30 MB live while it churns medium-lived garbage. */
function churn(percent: number): number {
  const script = `
    const { limitHeapGrowth } = await import(${JSON.stringify(new URL('./heap.ts', import.meta.url).href)});
    limitHeapGrowth(${percent});
    const live = [];
    for (let i = 0; i < 300000; i++) live.push({ a: 'x' + i, b: [i] });
    let max = 0;
    const keep = [];
    for (let r = 0; r < 1500; r++) {
      const junk = [];
      for (let i = 0; i < 2000; i++) junk.push({ s: 'y'.repeat(40) + i, n: [i] });
      keep.push(junk);
      if (keep.length > 30) keep.shift();
      max = Math.max(max, process.memoryUsage().heapTotal);
    }
    console.log(Math.round(max / 2 ** 20), live.length);`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return Number(out.trim().split('\n').at(-1)!.split(' ')[0]);
}

test('a limited heap growth keeps the heap well below what V8 lets it reach on its own', { skip: HEAP_GROWTH_HONOURED ? false : `Node ${process.version}: V8 ignores --heap-growing-percent (see heap.ts)` }, (t) => {
  const free = churn(0);
  const limited = churn(25);
  t.diagnostic(`max heapTotal: ${limited} MB limited, ${free} MB V8's own`);
  assert.ok(limited < free * 0.8, `limited ${limited} MB, V8's own ${free} MB`);
});

test('the web and worker processes limit heap growth to 25 % unless told otherwise', () => {
  assert.equal(loadConfig({ NODE_ENV: 'test' }).heapGrowthPercent, 25);
  assert.equal(loadConfig({ NODE_ENV: 'test', GONGKAI_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent, 0);
  assert.throws(() => loadConfig({ NODE_ENV: 'test', GONGKAI_HEAP_GROWTH_PERCENT: '-5' }));
  assert.throws(() => limitHeapGrowth(-1), RangeError);
});

/** Size (MB) the young generation reached in a node process started with `options` that churns
 * short-lived garbage (a burst of requests, for V8's scavenger). */
function youngGeneration(options: string[]): number {
  const script = `
    const v8 = require('node:v8');
    let a = [];
    for (let i = 0; i < 4e6; i++) { a.push({ i, s: 'x' + i }); if (a.length > 1e5) a = []; }
    console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20);`;
  return Number(execFileSync(process.execPath, [...options, '-e', script], { encoding: 'utf8' }).trim());
}

test('npm start and npm run worker cap the young generation, and this Node honours the cap', (t) => {
  const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const web = parseNodeScript(scripts.start).nodeOptions;
  assert.deepEqual(parseNodeScript(scripts.worker).nodeOptions, web);
  const flag = web.find((o) => o.startsWith(`${SEMI_SPACE_FLAG}=`));
  assert.ok(flag, `package.json start: ${scripts.start}`);
  const semiMb = Number(flag.split('=')[1]);
  const capped = youngGeneration(web);
  const free = youngGeneration([]);
  t.diagnostic(`Node ${process.version}: young generation ${capped} MB with ${flag}, ${free} MB without`);
  assert.ok(capped <= 2 * semiMb, `${capped} MB with ${flag}`);
  assert.ok(free > capped, `${free} MB without the cap, ${capped} MB with it`);
  assert.deepEqual(parseNodeScript('node --a=1 -b bin/serve.js web --c').nodeOptions, ['--a=1', '-b']);
  assert.throws(() => parseNodeScript('tsx bin/serve.js'));
});

/** How V8 compiled a small WebAssembly function in a node started with `options` (after its first call). */
function wasmTier(options: string[]): { liftoff: boolean; turbofan: boolean } {
  // (module (func (export "f") (result i32) i32.const 42))
  const script = `
    const bytes = new Uint8Array([0,97,115,109,1,0,0,0,1,5,1,96,0,1,127,3,2,1,0,7,5,1,1,102,0,0,10,6,1,4,0,65,42,11]);
    const f = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f;
    if (f() !== 42) throw new Error('wasm');
    console.log(JSON.stringify({ liftoff: %IsLiftoffFunction(f), turbofan: %IsTurboFanFunction(f) }));`;
  return JSON.parse(execFileSync(process.execPath, [...options, '--allow-natives-syntax', '-e', script], { encoding: 'utf8' }).trim()) as { liftoff: boolean; turbofan: boolean };
}

test('npm start and npm run worker compile WebAssembly (the embedded database) once, with TurboFan only', (t) => {
  const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const name of ['start', 'worker']) assert.ok(parseNodeScript(scripts[name]).nodeOptions.includes(WASM_TIER_FLAG), `package.json ${name}: ${scripts[name]}`);
  const withFlag = wasmTier(parseNodeScript(scripts.start).nodeOptions);
  const without = wasmTier([]);
  t.diagnostic(`Node ${process.version}: with npm start's options ${JSON.stringify(withFlag)}, without ${JSON.stringify(without)}`);
  assert.deepEqual(withFlag, { liftoff: false, turbofan: true });
  assert.equal(without.liftoff, true, 'this Node compiles WebAssembly with Liftoff first by default');
});

test('npm start and npm run worker limit malloc\'s arenas (MALLOC_ARENA_MAX=2 in their environment)', () => {
  const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const name of ['start', 'worker']) assert.equal(parseNodeScript(scripts[name]).env[MALLOC_ARENA_ENV], '2', `package.json ${name}: ${scripts[name]}`);
  assert.deepEqual(parseNodeScript('A=1 B_2=x=y node --f=1 bin/serve.js web'), { env: { A: '1', B_2: 'x=y' }, nodeOptions: ['--f=1'] });
  assert.deepEqual(parseNodeScript('node bin/serve.js'), { env: {}, nodeOptions: [] });
  assert.throws(() => parseNodeScript('A=1 tsx bin/serve.js'), /not a node command/);
  // the variable reaches a process started the way npm runs the script (sh -c)
  const seen = execFileSync('sh', ['-c', `${MALLOC_ARENA_ENV}=2 node -e "process.stdout.write(process.env.${MALLOC_ARENA_ENV} ?? '')"`], { encoding: 'utf8' });
  assert.equal(seen, '2');
});
