import type { DisclosedCount, RoleCount, WaveDisclosure } from './suppress.js';

/** A change since the previous wave for one group: both counts, or nothing at all. */
export type DisclosedChange =
  | { readonly isShown: true; readonly n: number; readonly previousN: number }
  | { readonly isShown: false };

export type RoleChange = { readonly role: string | null; readonly change: DisclosedChange };
export type UnitChanges = { readonly unit: string; readonly change: DisclosedChange; readonly roles: readonly RoleChange[] };
export type WaveComparison = {
  readonly total: DisclosedChange;
  readonly roles: readonly RoleChange[];
  readonly units: readonly UnitChanges[];
};

/**
 * Whether a change in one group may be shown: only when the group is shown in both waves, each
 * by its own wave's decision (and k). `previous` is undefined when the group did not exist in
 * the previous wave; then, as when either side is suppressed, no change is shown. A change
 * shown beside a hidden side would hand over the hidden statistic by subtraction.
 */
export function compareCounts(current: DisclosedCount, previous: DisclosedCount | undefined): DisclosedChange {
  if (!current.isShown || previous?.isShown !== true) return { isShown: false };
  return { isShown: true, n: current.n, previousN: previous.n };
}

function compareRoles(current: readonly RoleCount[], previous: readonly RoleCount[] | undefined): RoleChange[] {
  return current.map((entry) => ({
    role: entry.role,
    change: compareCounts(entry.count, previous?.find((candidate) => candidate.role === entry.role)?.count),
  }));
}

/**
 * The change table between two waves' decisions, shaped like `current` (its units and roles, in
 * its order); groups are matched by unit id and role, and a group missing from `previous` gets
 * no change.
 */
export function compareWaves(current: WaveDisclosure, previous: WaveDisclosure): WaveComparison {
  return {
    total: compareCounts(current.total, previous.total),
    roles: compareRoles(current.roles, previous.roles),
    units: current.units.map((unit) => {
      const before = previous.units.find((candidate) => candidate.unit === unit.unit);
      return { unit: unit.unit, change: compareCounts(unit.count, before?.count), roles: compareRoles(unit.roles, before?.roles) };
    }),
  };
}
