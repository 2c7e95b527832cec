/**
 * Tree order for unit lists: each unit right after its parent, siblings by sort number then id, with
 * its level in the list for indentation. Rows sorted by depth would put every township after the last
 * city body (e.g. under 凤凰山景区管委会) and read as its children; depth-first order never does.
 * Works on any subset (a scoped list): a unit whose parent is not in the list starts a tree at level 0.
 */
export interface TreeNode {
  id: number;
  parent_id: number | null;
  sort_order: number;
}

export type Leveled<T> = T & { level: number };

export function treeOrder<T extends TreeNode>(rows: readonly T[]): Leveled<T>[] {
  const ids = new Set(rows.map((r) => r.id));
  const bySibling = (a: T, b: T) => a.sort_order - b.sort_order || a.id - b.id;
  const children = new Map<number | null, T[]>();
  for (const r of rows) {
    const key = r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null;
    (children.get(key) ?? children.set(key, []).get(key)!).push(r);
  }
  for (const list of children.values()) list.sort(bySibling);
  const out: Leveled<T>[] = [];
  const seen = new Set<number>();
  // iterative depth-first walk (a corrupt cycle cannot loop forever: each id is emitted once)
  const stack: { row: T; level: number }[] = [...(children.get(null) ?? [])].reverse().map((row) => ({ row, level: 0 }));
  while (stack.length) {
    const { row, level } = stack.pop()!;
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    out.push({ ...row, level });
    const kids = children.get(row.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ row: kids[i], level: level + 1 });
  }
  // rows only reachable through a cycle (never in a sound table) still appear, at the end
  for (const r of rows) if (!seen.has(r.id)) out.push({ ...r, level: 0 });
  return out;
}

/** Indentation for a unit name in a `<select>` (options cannot hold markup): one ideographic space a level. */
export const indentName = (level: number, name: string) => '　'.repeat(Math.max(0, level)) + name;
