/**
 * Extra panels other modules show on a document's console page, before the workflow panel (e.g.
 * site health's pre-publish warnings). Each returns JSX or null; a failing panel is left out.
 */
import type { Db } from '../../../core/db/index.ts';
import type { ViewContext } from '../../../core/render/page.tsx';
import type { DocumentDetail } from '../store/repository.ts';

export type ReviewPanel = (db: Db, doc: DocumentDetail, c: ViewContext) => Promise<unknown>;
export const REVIEW_PANELS: ReviewPanel[] = [];
