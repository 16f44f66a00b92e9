import { describeOpenProgress } from '../disclosure/progress.js';
import type { Translate } from '../i18n/translate.js';
import type { DisplayStatus } from './schedule.js';

/**
 * Participation as the wave page and the organization home may show it. While a wave is open:
 * the total only in steps and per unit only whether k is reached (server/disclosure/progress.ts,
 * the same rule as the dashboard's), so two visits cannot be subtracted. Once it has closed,
 * the final counts are on its dashboard alone: one surface, one decision.
 */
export type Distribution = 'open_link' | 'invitation';
export type UnitCount = { unitId: string; unitName: string; invited: number; opened: number; responses: number };

/** `responsesAtLeast`: the open wave's total in steps (0 once closed or while a draft). */
/** `opened`: personal invitations issued a token, shown per unit only once k of them have been. */
export type Participation = { total: string; responsesAtLeast: number; units: Array<{ unitId: string; unitName: string; invited: number; opened: string; text: string }> };

export function describeParticipation(units: readonly UnitCount[], k: number, status: DisplayStatus, t: Translate): Participation {
  if (status === 'closed') {
    return { total: t('Final results on the dashboard'), responsesAtLeast: 0, units: units.map((unit) => ({ ...unit, opened: t('deleted at close'), text: t('see the dashboard') })) };
  }
  const progress = describeOpenProgress(units.map((unit) => ({ unit: unit.unitId, n: unit.responses })), k);
  const total = progress.responsesAtLeast === 0
    ? t('fewer than 5 so far')
    : t('{count} or more (counted in steps of {step})', { count: progress.responsesAtLeast, step: progress.step });
  return {
    total: status === 'draft' ? t('No responses yet') : total,
    responsesAtLeast: status === 'draft' ? 0 : progress.responsesAtLeast,
    units: units.map((unit) => ({
      unitId: unit.unitId, unitName: unit.unitName, invited: unit.invited,
      opened: unit.opened >= k ? String(unit.opened) : t('fewer than {k}', { k }),
      text: status === 'draft' ? t('No responses yet') : progress.unitsReachingK.has(unit.unitId) ? t('{k} or more', { k }) : t('fewer than {k} so far', { k }),
    })),
  };
}
