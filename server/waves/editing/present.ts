import type { FormProblems } from '../../http/route.js';
import type { Translate } from '../../i18n/translate.js';
import type { OrganizationRow, UnitRow } from '../../organizations/queries.js';
import { translateFormProblems } from '../../i18n/problem-text.js';
import type { WaveRow } from '../queries.js';

function submittedUnitIds(submitted: Record<string, unknown>): string[] {
  return [submitted.unitIds].flat().filter((id): id is string => typeof id === 'string' && id !== '');
}

/** The draft's edit form, filled with what was typed when a save was refused. */
export function presentDraftEditForm(
  organization: OrganizationRow, draft: { wave: WaveRow; unitIds: string[] }, activeUnits: readonly UnitRow[], t: Translate, problems?: FormProblems,
) {
  const { wave } = draft;
  const typed = problems?.submitted;
  const text = (field: string, stored: string | null): string => (typed && typeof typed[field] === 'string' ? typed[field] : stored ?? '');
  const chosen = new Set(typed ? submittedUnitIds(typed) : draft.unitIds);
  return {
    title: t('Edit {wave}', { wave: wave.name }),
    organization,
    wave: { id: wave.id, name: wave.name },
    values: { name: text('name', wave.name), opensOn: text('opensOn', wave.opensOn), closesOn: text('closesOn', wave.closesOn) },
    units: activeUnits.map((unit) => ({ id: unit.id, name: unit.name, isChosen: chosen.has(unit.id) })),
    ...translateFormProblems(t, problems),
  };
}

const confirmations = {
  delete: {
    title: (name: string, t: Translate) => t('Delete the draft {wave}?', { wave: name }),
    text: 'Nobody has answered a draft. Deleting it removes its links and any invitations issued for it; this cannot be undone.',
    button: 'Delete the draft',
  },
  close: {
    title: (name: string, t: Translate) => t('Close {wave}?', { wave: name }),
    text: "Closing stops the wave taking answers now, on every link. Results are then computed for the dashboard and the research exports, shown only for groups of at least the wave's minimum size k.",
    button: 'Close the wave',
  },
} as const;

/** The page asked before a step that cannot simply be undone; its form posts to the step itself. */
export function presentConfirmPage(organization: OrganizationRow, wave: WaveRow, action: keyof typeof confirmations, t: Translate) {
  const confirmation = confirmations[action];
  return {
    title: confirmation.title(wave.name, t),
    organization,
    wave: { id: wave.id, name: wave.name },
    text: t(confirmation.text),
    button: t(confirmation.button),
    action: `/orgs/${organization.id}/waves/${wave.id}/${action}`,
  };
}
