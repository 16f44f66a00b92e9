import type { LinkSettingsRow } from './queries.js';

export type LinkSettingsView = Array<{ unitId: string; unitName: string; headcount: string; isKiosk: boolean }>;

/** One row per unit with an open link, in the wave page's unit order. */
export function presentLinkSettings(units: ReadonlyArray<{ id: string; name: string }>, settings: readonly LinkSettingsRow[]): LinkSettingsView {
  const byUnit = new Map(settings.map((setting) => [setting.unitId, setting]));
  return units.flatMap((unit) => {
    const setting = byUnit.get(unit.id);
    return setting ? [{ unitId: unit.id, unitName: unit.name, headcount: setting.headcount === null ? '' : String(setting.headcount), isKiosk: setting.isKiosk }] : [];
  });
}
