import type { Staff } from '../accounts/roles.js';
import type { Db } from '../db/db.js';
import { orgRole } from '../http/access.js';
import { publicBaseUrl } from '../http/links.js';
import type { Response } from 'express';
import { actingStaff, defineRoute, type FormPage, type FormProblems, type HandlerContext, privatePage } from '../http/route.js';
import { listInstrumentVersions } from '../instruments/service.js';
import { getOrganization, listActiveUnits } from '../organizations/service.js';
import { presentInvitationPanel } from './invitations/addresses/present.js';
import { AddressesInput, CancelReminderInput, ReminderInput } from './invitations/addresses/schema.js';
import { addReminder, cancelReminder, describeInvitationPanel, inviteByEmail } from './invitations/addresses/service.js';
import { presentLinkSettings } from './link-settings/present.js';
import { changeLinkSettings, getLinkSettings, listRateAlerts } from './link-settings/service.js';
import { presentNewWaveForm, presentQrPage, presentWaveDetail } from './present.js';
import { CreateWaveInput, LinkSettingsInput, NewWavePageInput, ScheduleInput, SettingsInput, WaveInput } from './schema.js';
import { addMissingOpenLinks, changeSchedule, changeThresholds, closeWave, createWave, getWaveWithCounts, openWave, readToday } from './service.js';

const manager = orgRole('manager');

function wavePath(orgId: string, waveId: string): string {
  return `/orgs/${orgId}/waves/${waveId}`;
}

/**
 * Work that capabilities above waves do once a wave has closed (its final results, its export
 * lines), wired in app.ts so that waves never imports them.
 */
export type WaveClosedHook = (db: Db, organizationId: string, waveId: string) => Promise<void>;

/** Buttons on the wave page: each posts to `/orgs/:orgId/waves/:waveId/<action>` with no fields. */
function listWaveActions(onWaveClosed: readonly WaveClosedHook[]) {
  return {
    open: openWave,
    async close(db: Db, actor: Staff, orgId: string, waveId: string) {
      await closeWave(db, actor, orgId, waveId);
      for (const hook of onWaveClosed) await hook(db, orgId, waveId);
    },
    links: addMissingOpenLinks,
  };
}

async function renderNewWaveForm(context: Pick<HandlerContext<unknown>, 'db' | 't' | 'language'>, orgId: string, res: Response, problems?: FormProblems): Promise<void> {
  const { db } = context;
  const organization = await getOrganization(db, orgId);
  const versions = await listInstrumentVersions(db, organization.id);
  const form = presentNewWaveForm(organization, versions, await readToday(db), await listActiveUnits(db, orgId), context, problems);
  res.set(privatePage).render('waves/new', form);
}

async function renderWaveDetail(context: Omit<HandlerContext<unknown>, 'input'>, orgId: string, waveId: string, res: Response, problems?: FormProblems): Promise<void> {
  const organization = await getOrganization(context.db, orgId);
  const counts = await getWaveWithCounts(context.db, orgId, waveId);
  const detail = presentWaveDetail(organization, counts, publicBaseUrl(context.req, context.deps.config), context, problems);
  const viewer = actingStaff(context);
  res.set(privatePage).render('waves/detail', {
    ...detail, linkSettings: presentLinkSettings(detail.units, await getLinkSettings(context.db, waveId)), rateAlerts: await listRateAlerts(context.db, orgId, waveId),
    invitationPanel: presentInvitationPanel(await describeInvitationPanel(context.db, orgId, waveId, viewer.accountId), counts.wave, context.t),
  });
}

/** The wave page again, with a refused settings or dates form's problems beside its fields. */
const renderWaveDetailWithProblems: FormPage = async (context, problems, res) => {
  await renderWaveDetail(context, String(context.req.params.orgId), String(context.req.params.waveId), res, problems);
};

export const createWaveRoutes = (onWaveClosed: readonly WaveClosedHook[]) => [
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/new', access: manager, input: NewWavePageInput,
    async handler(context, res) {
      await renderNewWaveForm(context, context.input.params.orgId, res);
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves', access: manager, input: CreateWaveInput,
    async formPage(context, problems, res) {
      await renderNewWaveForm(context, String(context.req.params.orgId), res, problems);
    },
    async handler(context, res) {
      const { orgId } = context.input.params;
      const waveId = await createWave(context.db, actingStaff(context), orgId, context.input.body);
      res.redirect(303, wavePath(orgId, waveId));
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId', access: manager, input: WaveInput,
    async handler(context, res) {
      await renderWaveDetail(context, context.input.params.orgId, context.input.params.waveId, res);
    },
  }),
  ...Object.entries(listWaveActions(onWaveClosed)).map(([action, act]) => defineRoute({
    method: 'post', path: `/orgs/:orgId/waves/:waveId/${action}`, access: manager, input: WaveInput, formPage: renderWaveDetailWithProblems,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await act(context.db, actingStaff(context), orgId, waveId);
      res.redirect(303, wavePath(orgId, waveId));
    },
  })),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/schedule', access: manager, input: ScheduleInput, formPage: renderWaveDetailWithProblems,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await changeSchedule(context.db, actingStaff(context), orgId, waveId, context.input.body);
      res.redirect(303, wavePath(orgId, waveId));
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/settings', access: manager, input: SettingsInput, formPage: renderWaveDetailWithProblems,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await changeThresholds(context.db, actingStaff(context), orgId, waveId, context.input.body);
      res.redirect(303, wavePath(orgId, waveId));
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/link-settings', access: manager, input: LinkSettingsInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await changeLinkSettings(context.db, actingStaff(context), orgId, waveId, context.input.body);
      res.redirect(303, `${wavePath(orgId, waveId)}#link-protection`);
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/addresses', access: manager, input: AddressesInput, formPage: renderWaveDetailWithProblems,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await inviteByEmail(context.db, actingStaff(context), orgId, waveId, context.input.body, publicBaseUrl(context.req, context.deps.config));
      context.deps.kickMail?.();
      res.redirect(303, `${wavePath(orgId, waveId)}#email-invitations`);
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/reminders', access: manager, input: ReminderInput, formPage: renderWaveDetailWithProblems,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await addReminder(context.db, actingStaff(context), orgId, waveId, context.input.body, publicBaseUrl(context.req, context.deps.config));
      context.deps.kickMail?.();
      res.redirect(303, `${wavePath(orgId, waveId)}#reminders`);
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/reminders/:reminderId/cancel', access: manager, input: CancelReminderInput,
    async handler(context, res) {
      const { orgId, waveId, reminderId } = context.input.params;
      await cancelReminder(context.db, actingStaff(context), orgId, waveId, reminderId);
      res.redirect(303, `${wavePath(orgId, waveId)}#reminders`);
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId/qr', access: manager, input: WaveInput,
    async handler({ input, db, req, deps, t }, res) {
      const { orgId, waveId } = input.params;
      const organization = await getOrganization(db, orgId);
      const counts = await getWaveWithCounts(db, orgId, waveId);
      res.set(privatePage).render('waves/qr', await presentQrPage(organization, counts, publicBaseUrl(req, deps.config), t));
    },
  }),
];
