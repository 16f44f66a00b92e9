import type { Staff } from '../accounts/roles.js';
import { recordAuditEvent } from '../audit/service.js';
import type { Db, Queryable } from '../db/db.js';
import { loadReleasedFigures, type UnitRef } from '../dashboards/service.js';
import { AppError } from '../http/errors.js';
import type { Instrument } from '../instruments/definition.js';
import { scoringRules } from '../instruments/scoring.js';
import type { WaveRow } from '../waves/queries.js';
import { isClosedOn } from '../waves/schedule.js';
import { getWave } from '../waves/service.js';
import { findResponseAnswers } from './queries.js';
import { buildReliabilityReport, type ReliabilityReport, type ReliabilityTally, tallyResponse } from './report.js';

export type WaveReliability = { wave: WaveRow; instrument: Instrument; units: UnitRef[]; report: ReliabilityReport };

// Answers are read this many at a time and folded into sums, so memory stays flat however
// large the wave.
const batchSize = 2000;
const beforeEveryId = '00000000-0000-0000-0000-000000000000';

async function tallyWave(db: Queryable, organizationId: string, waveId: string, instrument: Instrument): Promise<ReliabilityTally> {
  const rules = scoringRules(instrument);
  const items = new Set(rules.subscales.flatMap((subscale) => subscale.items.map((item) => item.question)));
  const leaveOut = instrument.questions.map((question) => question.name).filter((name) => !items.has(name));
  const tally: ReliabilityTally = new Map();
  let afterId = beforeEveryId;
  for (;;) {
    const rows = await findResponseAnswers(db, organizationId, waveId, { afterId, limit: batchSize }, leaveOut);
    for (const row of rows) tallyResponse(tally, rules, row);
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return tally;
    afterId = last.id;
  }
}

/**
 * The reliability report of a closed wave of the organization. An open or draft wave answers
 * 409: like the dashboard's results, two reports of an open wave would differ by the newest
 * respondents.
 */
export async function loadReliability(db: Db, organizationId: string, waveId: string): Promise<WaveReliability> {
  const wave = await getWave(db, organizationId, waveId);
  if (!isClosedOn(wave, wave.today)) {
    throw new AppError('invalid_state', 'Reliability is reported only after the wave closes, so that two reports cannot be compared to single out the newest answers.');
  }
  const { figures, units, instrument } = await loadReleasedFigures(db, organizationId, wave);
  const tally = await tallyWave(db, organizationId, waveId, instrument);
  return { wave, instrument, units, report: buildReliabilityReport({ instrument, k: wave.minGroupSize, decision: figures.respondents, tally }) };
}

/** A CSV download of the report is recorded like the research exports' downloads. */
export async function recordReliabilityDownload(db: Queryable, actor: Staff, organizationId: string, wave: WaveRow, isForSpreadsheet: boolean): Promise<void> {
  await recordAuditEvent(db, {
    accountId: actor.accountId, organizationId, action: 'export.downloaded', target: wave.name,
    details: { kind: 'reliability', waves: wave.name, comments: false, excel: isForSpreadsheet },
  });
}
