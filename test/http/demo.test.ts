import { expect } from 'chai';
import { seedSyntheticResponses } from '../../server/demo/service.js';
import { scoreResponse, scoringRules } from '../../server/instruments/scoring.js';
import { buildWave, instrumentByKey } from '../support/builders.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';

for (const kind of databaseKinds) {
  describe(`seedSyntheticResponses on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, (started) => {
      server = started;
    });

    it('when seeding two units, stores the asked number per unit, dated that day, with the engine\'s scores', async () => {
      const published = instrumentByKey(server.published, 'peer-staff-climate');
      const wave = await buildWave(server.db, published);
      const [north, south] = wave.links;
      const stored = await seedSyntheticResponses(server.db, {
        waveId: wave.waveId, instrumentVersionId: published.id, submittedOn: '2026-03-15', seed: 5,
        units: [{ unitId: north?.unitId ?? '', responses: 1203, climateShift: 0 }, { unitId: south?.unitId ?? '', responses: 4, climateShift: -1 }],
        roleWeights: { peer_staff: 1 },
      });
      expect(stored).to.equal(1207);
      const perUnit = await server.db.query<{ unitId: string; n: number; days: string[] }>(
        `SELECT unit_id AS "unitId", count(*)::int AS n, array_agg(DISTINCT submitted_on::text) AS days
         FROM responses WHERE wave_id = $1 GROUP BY unit_id ORDER BY n DESC`, [wave.waveId],
      );
      expect(perUnit).to.deep.equal([
        { unitId: north?.unitId, n: 1203, days: ['2026-03-15'] },
        { unitId: south?.unitId, n: 4, days: ['2026-03-15'] },
      ]);
      const sample = await server.db.query<{ answers: Record<string, unknown>; scores: Record<string, number>; roleGroup: string }>(
        'SELECT answers, scores, role_group AS "roleGroup" FROM responses WHERE wave_id = $1 LIMIT 20', [wave.waveId],
      );
      for (const row of sample) {
        expect(row.scores).to.deep.equal(scoreResponse(scoringRules(published.instrument), row.answers));
        expect(row.roleGroup).to.equal('peer_staff');
      }
    });
  });
}
