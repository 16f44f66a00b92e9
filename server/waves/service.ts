import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import type { UnitRow } from '../organizations/queries.js';
import { findLinksByOrganization, insertWave, insertWaveLink, type LinkListRow, updateWaveStatus } from './queries.js';
import type { WaveStatus } from './schedule.js';

export type NewWave = {
  organizationId: string;
  instrumentVersionId: string;
  name: string;
  status: WaveStatus;
  minGroupSize: number;
};

export type UnitLink = { unitId: string; unitName: string; code: string };

/** 128 random bits: a link code cannot be guessed or enumerated. */
export function generateLinkCode(): string {
  return randomBytes(16).toString('base64url');
}

/** Creates a wave with one open link per unit; pass a transaction so it lands whole. */
export async function createWaveWithOpenLinks(tx: Queryable, wave: NewWave, units: readonly UnitRow[]): Promise<{ waveId: string; links: UnitLink[] }> {
  const waveId = await insertWave(tx, wave);
  const links: UnitLink[] = [];
  for (const unit of units) {
    const code = generateLinkCode();
    await insertWaveLink(tx, { waveId, unitId: unit.id, code });
    links.push({ unitId: unit.id, unitName: unit.name, code });
  }
  return { waveId, links };
}

export async function setWaveStatus(db: Queryable, waveId: string, status: WaveStatus): Promise<void> {
  await updateWaveStatus(db, waveId, status);
}

export async function listLinks(db: Queryable, organizationId: string): Promise<LinkListRow[]> {
  return findLinksByOrganization(db, organizationId);
}
