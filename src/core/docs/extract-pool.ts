/**
 * Attachment text extraction off the web process's event loop: a small pool of worker threads
 * (piscina) with a heap limit per thread and a time limit per file. A PDF or DOCX crafted to take
 * seconds or gigabytes (audit 2026-12-04 F3: a 1 MB DOCX inflating to 1 GiB stalled every request for
 * 10.8 s) now costs one worker at most `timeoutMs` and `heapMb`; the server answers other requests
 * meanwhile. A worker past its time is terminated (piscina ends the thread when the task's signal
 * aborts); one past its heap dies alone and is replaced.
 *
 *   extractInWorker('docx', bytes) → { state: 'extracted' | 'empty', text }
 *                                   | { state: 'too_large' | 'timeout' | 'out_of_memory' | 'unreadable' | 'busy', text: '' }
 *
 * A failure is a state for the caller to record, never an exception. The time limit counts from
 * the start of the work, not the wait for a free thread; at most `maxWaiting` files wait, then `busy`.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ExtractAnswer, ExtractKind, ExtractTask } from './extract-task.ts';
import { ZIP_LIMITS, type ZipLimits } from './zip.ts';

export type { ExtractKind } from './extract-task.ts';

/** What came of extracting a file's text (kept on the attachment as text_state). */
export type TextState = 'extracted' | 'empty' | 'too_large' | 'timeout' | 'out_of_memory' | 'unreadable' | 'busy';

/** Failures that the same bytes would meet again: not worth another worker ('busy' is worth a retry). */
export const FINAL_FAILURES: ReadonlySet<string> = new Set<TextState>(['too_large', 'timeout', 'out_of_memory', 'unreadable']);

export interface ExtractResult {
  state: TextState;
  text: string;
  /** why it failed, for the log */
  detail?: string;
}

export interface ExtractPoolOptions {
  threads: number;
  /** per file, from the moment a thread takes it */
  timeoutMs: number;
  /** V8 old-generation heap of each thread (pdf.js on a large PDF needs ~100 MB) */
  heapMb: number;
  maxWaiting: number;
  limits: ZipLimits;
  maxChars: number;
}

const DEFAULTS: ExtractPoolOptions = {
  // one core stays with the web process (a 2-core VM gets one extraction thread)
  threads: Math.max(1, Math.min(2, availableParallelism() - 1)),
  timeoutMs: 30_000,
  heapMb: 256,
  maxWaiting: 32,
  limits: ZIP_LIMITS,
  maxChars: 2_000_000,
};

let options: ExtractPoolOptions = { ...DEFAULTS };
let pool: Piscina<ExtractTask, ExtractAnswer> | null = null;
let running = 0;
const waiting: (() => void)[] = [];

/** Changes the limits (tests; an operator's tuning would go here too); the next file starts fresh threads. */
export async function configureExtraction(o: Partial<ExtractPoolOptions> | 'defaults'): Promise<void> {
  options = o === 'defaults' ? { ...DEFAULTS } : { ...options, ...o };
  await closeExtractionPool();
}

/** Ends the threads (at shutdown); a later extraction starts them again. */
export async function closeExtractionPool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}

function thePool(): Piscina<ExtractTask, ExtractAnswer> {
  pool ??= new Piscina<ExtractTask, ExtractAnswer>({
    filename: new URL('./extract-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: options.threads,
    // a thread holds pdf.js (~40 MB): let it go when uploads stop
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  });
  return pool;
}

/** The text of a PDF, DOCX or XLSX, extracted in a worker thread within the limits. */
export async function extractInWorker(kind: ExtractKind, data: Uint8Array): Promise<ExtractResult> {
  if (running >= options.threads) {
    if (waiting.length >= options.maxWaiting) return { state: 'busy', text: '', detail: `${waiting.length} files waiting` };
    await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing task hands its slot over
  } else running++;
  try {
    const task: ExtractTask = { kind, data: new Uint8Array(data), limits: options.limits, maxChars: options.maxChars };
    const answer = await thePool().run(task, { signal: AbortSignal.timeout(options.timeoutMs) });
    if (!answer.ok) return { state: answer.reason, text: '', detail: answer.detail };
    return { state: answer.text.trim() ? 'extracted' : 'empty', text: answer.text };
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string };
    if (err.name === 'AbortError') return { state: 'timeout', text: '', detail: `more than ${options.timeoutMs} ms` };
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') return { state: 'out_of_memory', text: '', detail: `more than ${options.heapMb} MB heap` };
    return { state: 'unreadable', text: '', detail: String(err.message ?? e).slice(0, 200) };
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
