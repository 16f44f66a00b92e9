import { holdsRole, type Staff } from '../accounts/roles.js';
import type { InstrumentVersionListRow } from '../instruments/queries.js';
import type { OrganizationRow, UnitRow } from '../organizations/queries.js';
import { qrCodeDataUri } from './qr.js';
import { describeParticipation } from './response-rate.js';
import { type DisplayStatus, displayStatus } from './schedule.js';
import type { WaveCounts } from './service.js';

const audienceLabels: Record<string, string> = { peer_staff: 'Peer staff', supervisor_clinical: 'Supervisors and clinical staff' };
const distributionLabels = { open_link: 'Open link per unit', invitation: 'Single-use invitations' } as const;

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

function describeWave({ wave, units }: WaveCounts) {
  const status = displayStatus(wave, wave.today);
  const participation = describeParticipation(units, wave.minGroupSize, status);
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

export function presentNewWaveForm(organization: OrganizationRow, versions: readonly InstrumentVersionListRow[], today: string) {
  return {
    title: 'New survey wave',
    organization,
    today,
    versions: versions.map((version) => ({
      id: version.id,
      label: `${version.title} (version ${version.version}) · for ${audienceLabels[version.audience] ?? version.audience}`,
    })),
  };
}

export function presentWaveDetail(organization: OrganizationRow, counts: WaveCounts, baseUrl: string) {
  const wave = describeWave(counts);
  return {
    title: wave.name,
    organization,
    wave,
    canOpen: counts.wave.status !== 'open',
    canClose: counts.wave.status === 'open',
    canIssueInvitations: wave.distribution === 'invitation' && wave.status !== 'closed',
    hasMissingLinks: wave.distribution === 'open_link' && counts.units.some((unit) => !counts.links.has(unit.unitId)),
    units: wave.participation.units.map((unit) => {
      const code = counts.links.get(unit.unitId);
      return { id: unit.unitId, name: unit.unitName, responses: unit.text, invited: unit.invited, link: code ? `${baseUrl}/s/${code}` : '' };
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
