/**
 * Names in a plan → units of the registry (pure). A plan names units the way the government writes
 * them: "市司法局" for 朝阳市司法局, "市委编办" (a short name), "市政府办公室". A name matches a unit's full
 * name, its short name, or its full name with the plan's place ("朝阳市") in place of the leading "市";
 * a unit code or slug also matches. A group ("市政府各部门") expands to the active units of its types
 * directly under the plan's unit. A name that matches nothing is kept as text, shown as unresolved.
 */
import { GROUPS, groupOf } from './plan.ts';

export interface RegistryUnit { id: number; name: string; short_name: string | null; code: string; slug: string; type: string; parent_id: number | null; active: boolean }

/** "朝阳市人民政府" → "朝阳市", "朝阳县人民政府" → "朝阳县" (the place a plan's "市…"/"县…" refers to). */
export function placeOf(name: string): string {
  return /^(.+?[市县区旗])(人民政府)?$/.exec(name.replace(/人民政府$/, ''))?.[1] ?? '';
}

export function resolveName(name: string, units: RegistryUnit[], plan: RegistryUnit): RegistryUnit | null {
  const n = name.trim();
  const place = placeOf(plan.name);
  const level = place.slice(-1); // 市 / 县 / 区
  const full = place && n.startsWith(level) ? place + n.slice(1) : null;
  const active = units.filter((u) => u.active);
  return active.find((u) => u.name === n) ?? active.find((u) => u.short_name === n) ?? (full ? active.find((u) => u.name === full) : undefined)
    ?? active.find((u) => u.code === n.toUpperCase() || u.slug === n) ?? null;
}

/** The units a task owes reports from: leads, then responsible units (groups expanded); unresolved names. */
export function resolveTask(lead: string[], responsible: string[], units: RegistryUnit[], plan: RegistryUnit) {
  const assigned = new Map<number, 'lead' | 'responsible'>();
  const unresolved: string[] = [];
  const leads: { name: string; unit_id: number | null }[] = [];
  for (const n of lead) {
    const u = resolveName(n, units, plan);
    leads.push({ name: n, unit_id: u?.id ?? null });
    if (u) assigned.set(u.id, 'lead');
    else unresolved.push(n);
  }
  for (const n of responsible) {
    const g = groupOf(n);
    if (g) {
      const types: readonly string[] = GROUPS[g].types;
      for (const u of units) if (u.active && u.parent_id === plan.id && types.includes(u.type) && !assigned.has(u.id)) assigned.set(u.id, 'responsible');
      continue;
    }
    const u = resolveName(n, units, plan);
    if (u) { if (!assigned.has(u.id)) assigned.set(u.id, 'responsible'); }
    else unresolved.push(n);
  }
  return { assigned: [...assigned].map(([unitId, role]) => ({ unitId, role })), unresolved, leads };
}
