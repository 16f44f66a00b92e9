import { holdsRole, type Staff } from '../accounts/roles.js';
import type { InstrumentVersionListRow } from '../instruments/queries.js';
import type { FormProblems } from '../http/route.js';
import type { OrganizationRow, UnitRow } from '../organizations/queries.js';
import { qrCodeDataUri } from './qr.js';
import { describeHeadcountShare } from './headcount.js';
import { describeParticipation } from './response-rate.js';
import { type DisplayStatus, displayStatus } from './schedule.js';
import type { WaveCounts } from './service.js';

const audienceLabels: Record<string, string> = { peer_staff: 'Peer staff', supervisor_clinical: 'Supervisors and clinical staff' };
const distributionLabels = { open_link: 'Open link per unit', invitation: 'Personal invitations (e-mail or printed cards)' } as const;

function statusLabel(status: DisplayStatus, opensOn: string | null, closesOn: string | null): string {
  switch (status) {
    case 'draft':
      return 'Draft: not open yet';
    case 'scheduled':
      return `Scheduled: opens on ${opensOn ?? ''}`;
    case 'open':
      return closesOn ? `Open until ${closesOn}` : 'Open';
    case 'closed':
      return 'Closed';
  }
}

function describeWave({ wave, units, headcounts }: WaveCounts) {
  const status = displayStatus(wave, wave.today);
  const participation = describeParticipation(units, wave.minGroupSize, status);
  const isDraft = wave.status === 'draft';
  return {
    id: wave.id,
    name: wave.name,
    status,
    statusLabel: statusLabel(status, wave.opensOn, wave.closesOn),
    opensOn: wave.opensOn ?? '',
    closesOn: wave.closesOn ?? '',
    dates: wave.opensOn && wave.closesOn ? `${wave.opensOn} to ${wave.closesOn}` : 'not set',
    minGroupSize: wave.minGroupSize,
    commentThreshold: wave.commentThreshold,
    allowCommentExport: wave.allowCommentExport,
    commentExportLabel: wave.allowCommentExport ? 'Allowed: researchers may ask for them' : 'Not allowed',
    instrument: `${wave.instrumentTitle} (version ${wave.instrumentVersion})`,
    audience: audienceLabels[wave.audience] ?? wave.audience,
    distribution: wave.distribution,
    distributionLabel: distributionLabels[wave.distribution],
    total: participation.total,
    headcountShare: wave.distribution === 'open_link' && status === 'open' ? describeHeadcountShare(participation.responsesAtLeast, headcounts) : undefined,
    isDraft,
    participation,
  };
}

export function presentOrganizationHome(staff: Staff, organization: OrganizationRow, units: readonly UnitRow[], waves: readonly WaveCounts[]) {
  return {
    title: organization.name,
    organization,
    canManage: holdsRole(staff, organization.id, 'manager'),
    units: units.map((unit) => unit.name),
    waves: waves.map(describeWave),
  };
}

/** The new-wave form; after a refused post, filled with what was typed and the problems by field. */
export function presentNewWaveForm(
  organization: OrganizationRow, versions: readonly InstrumentVersionListRow[], today: string, activeUnits: readonly UnitRow[], problems?: FormProblems,
) {
  const typed = problems?.submitted ?? {};
  const text = (field: string, fallback: string): string => (typeof typed[field] === 'string' ? typed[field] : fallback);
  const chosenIds = problems ? [typed.unitIds].flat().filter((id) => typeof id === 'string') : activeUnits.map((unit) => unit.id);
  const chosenVersion = text('instrumentVersionId', versions[0]?.id ?? '');
  return {
    title: 'New survey wave',
    organization,
    today,
    values: {
      name: text('name', ''), opensOn: text('opensOn', today), closesOn: text('closesOn', ''), distribution: text('distribution', 'open_link'),
      minGroupSize: text('minGroupSize', '5'), commentThreshold: text('commentThreshold', '10'), allowCommentExport: typed.allowCommentExport === 'yes',
    },
    problems: problems?.fields ?? {},
    formProblem: problems?.message ?? '',
    units: activeUnits.map((unit) => ({ id: unit.id, name: unit.name, isChosen: chosenIds.includes(unit.id) })),
    versions: versions.map((version) => ({
      id: version.id,
      title: version.title,
      version: version.version,
      audience: audienceLabels[version.audience] ?? version.audience,
      isChosen: version.id === chosenVersion,
    })),
  };
}

export function presentWaveDetail(organization: OrganizationRow, counts: WaveCounts, baseUrl: string, problems?: FormProblems) {
  const wave = describeWave(counts);
  return {
    title: wave.name,
    problems: problems?.fields ?? {},
    formProblem: problems?.message ?? '',
    // What was typed into a refused form, shown again in place of the stored value.
    typed: Object.fromEntries(Object.entries(problems?.submitted ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    organization,
    wave,
    canOpen: counts.wave.status !== 'open',
    canClose: counts.wave.status === 'open',
    canIssueInvitations: wave.distribution === 'invitation' && wave.status !== 'closed',
    hasMissingLinks: wave.distribution === 'open_link' && (counts.laterUnits > 0 || counts.units.some((unit) => !counts.links.has(unit.unitId))),
    hasHeadcounts: counts.headcounts.some((headcount) => headcount !== null),
    units: wave.participation.units.map((unit, index) => {
      const code = counts.links.get(unit.unitId);
      return {
        id: unit.unitId, name: unit.unitName, responses: unit.text, invited: unit.invited, opened: unit.opened,
        link: code ? `${baseUrl}/s/${code}` : '', headcount: counts.headcounts[index] ?? null,
      };
    }),
  };
}

/** One printable card per unit with an open link: its QR code and the address written out. */
export async function presentQrPage(organization: OrganizationRow, counts: WaveCounts, baseUrl: string) {
  const cards = [];
  for (const unit of counts.units) {
    const code = counts.links.get(unit.unitId);
    if (!code) continue;
    const url = `${baseUrl}/s/${code}`;
    cards.push({ unitName: unit.unitName, url, qr: await qrCodeDataUri(url) });
  }
  return { title: `Survey links: ${counts.wave.name}`, organization, waveName: counts.wave.name, cards };
}
