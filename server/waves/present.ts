import { holdsRole, type Staff } from '../accounts/roles.js';
import type { InstrumentVersionListRow } from '../instruments/queries.js';
import type { FormProblems } from '../http/route.js';
import type { StaffLanguage } from '../i18n/languages.js';
import type { Translate } from '../i18n/translate.js';
import type { OrganizationRow, UnitRow } from '../organizations/queries.js';
import { qrCodeDataUri } from './qr.js';
import { describeHeadcountShare } from './headcount.js';
import { translateFormProblems } from '../i18n/problem-text.js';
import { describeParticipation } from './response-rate.js';
import { type DisplayStatus, displayStatus } from './schedule.js';
import type { WaveCounts } from './service.js';

const audienceLabels: Record<string, string> = { peer_staff: 'Peer staff', supervisor_clinical: 'Supervisors and clinical staff' };
const distributionLabels = { open_link: 'Open link per unit', invitation: 'Personal invitations (e-mail or printed cards)' } as const;

function audienceLabel(audience: string, t: Translate): string {
  const label = audienceLabels[audience];
  return label === undefined ? audience : t(label);
}

function statusLabel(status: DisplayStatus, opensOn: string | null, closesOn: string | null, t: Translate): string {
  switch (status) {
    case 'draft':
      return t('Draft: not open yet');
    case 'scheduled':
      return t('Scheduled: opens on {date}', { date: opensOn ?? '' });
    case 'open':
      return closesOn ? t('Open until {date}', { date: closesOn }) : t('Open');
    case 'closed':
      return t('Closed');
  }
}

/**
 * An instrument's title in the page's language: its own translation (the `title` of its file,
 * by language) when it has one, else the title it was published under.
 */
export function instrumentTitleIn(language: StaffLanguage, title: string, titles: Readonly<Record<string, string>> | null): string {
  return language === 'en' ? title : titles?.[language] ?? title;
}

function describeWave({ wave, units, headcounts }: WaveCounts, t: Translate, language: StaffLanguage) {
  const status = displayStatus(wave, wave.today);
  const participation = describeParticipation(units, wave.minGroupSize, status, t);
  const isDraft = wave.status === 'draft';
  return {
    id: wave.id,
    name: wave.name,
    status,
    statusLabel: statusLabel(status, wave.opensOn, wave.closesOn, t),
    opensOn: wave.opensOn ?? '',
    closesOn: wave.closesOn ?? '',
    dates: wave.opensOn && wave.closesOn ? t('{opensOn} to {closesOn}', { opensOn: wave.opensOn, closesOn: wave.closesOn }) : t('not set'),
    minGroupSize: wave.minGroupSize,
    commentThreshold: wave.commentThreshold,
    allowCommentExport: wave.allowCommentExport,
    commentExportLabel: wave.allowCommentExport ? t('Allowed: researchers may ask for them') : t('Not allowed'),
    instrument: t('{title} (version {version})', { title: instrumentTitleIn(language, wave.instrumentTitle, wave.instrumentTitles), version: wave.instrumentVersion }),
    audience: audienceLabel(wave.audience, t),
    distribution: wave.distribution,
    distributionLabel: t(distributionLabels[wave.distribution]),
    total: participation.total,
    headcountShare: wave.distribution === 'open_link' && status === 'open' ? describeHeadcountShare(participation.responsesAtLeast, headcounts, t) : undefined,
    isDraft,
    participation,
  };
}

export function presentOrganizationHome(
  staff: Staff, organization: OrganizationRow, units: readonly UnitRow[], waves: readonly WaveCounts[], t: Translate, language: StaffLanguage,
) {
  return {
    title: organization.name,
    organization,
    canManage: holdsRole(staff, organization.id, 'manager'),
    units: units.map((unit) => unit.name),
    waves: waves.map((wave) => describeWave(wave, t, language)),
  };
}

/** The new-wave form; after a refused post, filled with what was typed and the problems by field. */
export function presentNewWaveForm(
  organization: OrganizationRow, versions: readonly InstrumentVersionListRow[], today: string, activeUnits: readonly UnitRow[],
  speech: { t: Translate; language: StaffLanguage }, problems?: FormProblems,
) {
  const { t, language } = speech;
  const typed = problems?.submitted ?? {};
  const text = (field: string, fallback: string): string => (typeof typed[field] === 'string' ? typed[field] : fallback);
  const chosenIds = problems ? [typed.unitIds].flat().filter((id) => typeof id === 'string') : activeUnits.map((unit) => unit.id);
  const chosenVersion = text('instrumentVersionId', versions[0]?.id ?? '');
  return {
    title: t('New survey wave'),
    organization,
    today,
    values: {
      name: text('name', ''), opensOn: text('opensOn', today), closesOn: text('closesOn', ''), distribution: text('distribution', 'open_link'),
      minGroupSize: text('minGroupSize', '5'), commentThreshold: text('commentThreshold', '10'), allowCommentExport: typed.allowCommentExport === 'yes',
    },
    ...translateFormProblems(t, problems),
    units: activeUnits.map((unit) => ({ id: unit.id, name: unit.name, isChosen: chosenIds.includes(unit.id) })),
    versions: versions.map((version) => ({
      id: version.id,
      title: instrumentTitleIn(language, version.title, version.titles),
      version: version.version,
      audience: audienceLabel(version.audience, t),
      isChosen: version.id === chosenVersion,
    })),
  };
}

export function presentWaveDetail(
  organization: OrganizationRow, counts: WaveCounts, baseUrl: string, speech: { t: Translate; language: StaffLanguage }, problems?: FormProblems,
) {
  const wave = describeWave(counts, speech.t, speech.language);
  return {
    title: wave.name,
    ...translateFormProblems(speech.t, problems),
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
export async function presentQrPage(organization: OrganizationRow, counts: WaveCounts, baseUrl: string, t: Translate) {
  const cards = [];
  for (const unit of counts.units) {
    const code = counts.links.get(unit.unitId);
    if (!code) continue;
    const url = `${baseUrl}/s/${code}`;
    cards.push({ unitName: unit.unitName, url, qr: await qrCodeDataUri(url) });
  }
  return { title: t('Survey links: {wave}', { wave: counts.wave.name }), organization, waveName: counts.wave.name, cards };
}
