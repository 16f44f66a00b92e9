import type { Staff } from '../accounts/roles.js';
import { summarizeClosedWave } from '../dashboards/service.js';
import type { Db } from '../db/db.js';
import { prepareClosedWaveExport } from '../exports/service.js';
import { orgRole } from '../http/access.js';
import { publicBaseUrl } from '../http/links.js';
import { actingStaff, defineRoute, privatePage } from '../http/route.js';
import { listInstrumentVersions } from '../instruments/service.js';
import { getOrganization } from '../organizations/service.js';
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
 * Buttons on the wave page: each posts to `/orgs/:orgId/waves/:waveId/<action>` with no fields.
 * Closing also computes the wave's dashboard aggregates and export lines once, so that neither
 * a dashboard view nor a download reads every answer again.
 */
const waveActions = {
  open: openWave,
  async close(db: Db, actor: Staff, orgId: string, waveId: string) {
    await closeWave(db, actor, orgId, waveId);
    await summarizeClosedWave(db, orgId, waveId);
    await prepareClosedWaveExport(db, orgId, waveId);
  },
  links: addMissingOpenLinks,
};

export const waveRoutes = [
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/new', access: manager, input: NewWavePageInput,
    async handler({ input, db }, res) {
      const organization = await getOrganization(db, input.params.orgId);
      res.set(privatePage).render('waves/new', presentNewWaveForm(organization, await listInstrumentVersions(db, organization.id), await readToday(db)));
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves', access: manager, input: CreateWaveInput,
    async handler(context, res) {
      const { orgId } = context.input.params;
      const waveId = await createWave(context.db, actingStaff(context), orgId, context.input.body);
      res.redirect(303, wavePath(orgId, waveId));
    },
  }),
  defineRoute({
    method: 'get', path: '/orgs/:orgId/waves/:waveId', access: manager, input: WaveInput,
    async handler({ input, db, req, deps }, res) {
      const { orgId, waveId } = input.params;
      const organization = await getOrganization(db, orgId);
      const counts = await getWaveWithCounts(db, orgId, waveId);
      const detail = presentWaveDetail(organization, counts, publicBaseUrl(req, deps.config));
      res.set(privatePage).render('waves/detail', {
        ...detail, linkSettings: presentLinkSettings(detail.units, await getLinkSettings(db, waveId)), rateAlerts: await listRateAlerts(db, orgId, waveId),
      });
    },
  }),
  ...Object.entries(waveActions).map(([action, act]) => defineRoute({
    method: 'post', path: `/orgs/:orgId/waves/:waveId/${action}`, access: manager, input: WaveInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await act(context.db, actingStaff(context), orgId, waveId);
      res.redirect(303, wavePath(orgId, waveId));
    },
  })),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/schedule', access: manager, input: ScheduleInput,
    async handler(context, res) {
      const { orgId, waveId } = context.input.params;
      await changeSchedule(context.db, actingStaff(context), orgId, waveId, context.input.body);
      res.redirect(303, wavePath(orgId, waveId));
    },
  }),
  defineRoute({
    method: 'post', path: '/orgs/:orgId/waves/:waveId/settings', access: manager, input: SettingsInput,
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
    method: 'get', path: '/orgs/:orgId/waves/:waveId/qr', access: manager, input: WaveInput,
    async handler({ input, db, req, deps }, res) {
      const { orgId, waveId } = input.params;
      const organization = await getOrganization(db, orgId);
      const counts = await getWaveWithCounts(db, orgId, waveId);
      res.set(privatePage).render('waves/qr', await presentQrPage(organization, counts, publicBaseUrl(req, deps.config)));
    },
  }),
];
