/**
 * The hook the 办事指南, 权责清单 and 年度报告 modules call after a publish, withdraw or replace
 * command committed, as the documents module fires onDocumentsChanged: the search module
 * (items.ts, wired in jobs.ts) re-indexes that kind for those units. No imports, so a module
 * calling it loads nothing of the search module.
 *
 *   publishedChanged('guide', [unitId])
 */
export type PublishedKind = 'guide' | 'power' | 'report';

export interface PublishedChange {
  kind: PublishedKind;
  unitIds: number[];
}

type Listener = (e: PublishedChange) => void;
const listeners = new Set<Listener>();

export function onPublishedChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Call after the transaction committed. A listener's failure never reaches the command. */
export function publishedChanged(kind: PublishedKind, unitIds: readonly number[]): void {
  for (const l of listeners) {
    try {
      l({ kind, unitIds: [...unitIds] });
    } catch {
      // the catch-up job reconciles within a minute
    }
  }
}
