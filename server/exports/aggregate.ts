import { constructStat, decisionFor, type GroupSelector, type WaveFigures } from '../dashboards/assemble.js';
import type { Instrument } from '../instruments/definition.js';
import type { CsvCell } from './csv.js';

/**
 * The aggregated export: for one closed wave, every group the dashboard can show (the wave, each
 * role group, each unit, each unit × role group) × every subscale, with n, mean, SD and %
 * favorable. Every figure is the dashboard's own, read from the wave's final results and decided
 * once by server/disclosure, so the file and the dashboard never differ. Suppressed rows all look
 * alike: `suppressed` true and every number empty, never telling a small group from one hidden
 * to protect another.
 */
export const aggregateColumns = ['wave', 'group', 'unit', 'role_group', 'subscale', 'construct', 'suppressed', 'respondents', 'n', 'mean', 'sd', 'percent_favorable'];

export type WaveAggregateInput = {
  waveName: string;
  instrument: Instrument;
  /** The units the wave had when it closed, in display order: id and name. */
  units: ReadonlyArray<{ id: string; name: string }>;
  /** The role groups the instrument offers, in order. */
  roles: readonly string[];
  figures: WaveFigures;
};

const roundTo = (value: number | null, digits: number): number | null => (value === null ? null : Number(value.toFixed(digits)));

type Group = { kind: string; unit: string | null; role: string | null; selector: GroupSelector };

function listGroups(input: WaveAggregateInput): Group[] {
  const roleGroups = (unit: { id: string; name: string } | undefined): Group[] => input.roles.map((role) => ({
    kind: unit ? 'unit_role_group' : 'role_group', unit: unit?.name ?? null, role, selector: { ...(unit ? { unitId: unit.id } : {}), role },
  }));
  return [
    { kind: 'wave', unit: null, role: null, selector: {} },
    ...roleGroups(undefined),
    ...input.units.flatMap((unit) => [{ kind: 'unit', unit: unit.name, role: null, selector: { unitId: unit.id } }, ...roleGroups(unit)]),
  ];
}

/** The rows (without header) of one wave's aggregated export. */
export function buildAggregateRows(input: WaveAggregateInput): CsvCell[][] {
  const groups = listGroups(input);
  return input.instrument.subscales.flatMap((subscale) => groups.map((group): CsvCell[] => {
    const label = [input.waveName, group.kind, group.unit, group.role, subscale.key, subscale.construct];
    const respondents = decisionFor(input.figures.respondents, group.selector);
    const stat = constructStat(input.figures, subscale.key, group.selector, input.instrument);
    if (!respondents.isShown || !stat.isShown) return [...label, true, null, null, null, null, null];
    return [...label, false, respondents.n, stat.n, roundTo(stat.mean, 3), roundTo(stat.sd, 3), roundTo(stat.percentFavorable, 1)];
  }));
}
