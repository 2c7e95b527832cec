/**
 * Panels other modules show on a column page above its documents, by column slug: the 机构职能
 * column (条例 第二十条第二项) shows the unit's published agency information (agency module).
 * A panel renders from the database; the column page is cached and dropped on the unit's changes.
 */
import type { DbOrTx } from '../../../core/db/index.ts';
import type { ViewContext } from '../../../core/render/page.tsx';
import type { Unit } from '../../units/repository.ts';

export type ColumnPanel = (db: DbOrTx, unit: Unit, c: ViewContext) => Promise<unknown>;

export const COLUMN_PANELS = new Map<string, ColumnPanel>();
