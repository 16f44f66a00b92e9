import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { rewriteFinishedDays } from '../../server/respond/rewrite/service.js';
import { hashSpentToken, hashToken } from '../../server/http/tokens.js';
import { buildCompleteAnswers, postAnswers } from '../support/answers.js';
import { type BuiltWave, buildWave, instrumentByKey, seedLegacyInvitations } from '../support/builders.js';
import { ctidRank, enablePageinspect, findRelationsHolding, listHeapRelations, rankCorrelation, readRawTuples } from '../support/operator.js';
import { databaseKinds, type TestServer, useTestServer } from '../support/server.js';
import { obtainToken, postWithToken, seedCards } from '../support/tokens.js';

/**
 * Under independence Spearman's rho over 100 responses has an SD of about 0.1, so 0.45 is 4.5 SD
 * (a false alarm about once in 100,000 runs), while an order that leaks gives a rho near 1.
 */
const responsesPerDay = 100;
const chanceBound = 0.45;

/** The day after the database's today: a day on which today's responses are a finished day. */
async function databaseTomorrow(server: TestServer): Promise<string> {
  const [row] = await server.db.query<{ today: string }>('SELECT current_date::text AS today');
  const next = new Date(`${row?.today ?? ''}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The order a response was submitted in, read back from the marker its comment starts with. */
function orderOf(comment: string): number {
  return Number(/order-(\d{3})/.exec(comment)?.[1] ?? Number.NaN);
}

/** Long, incompressible comments: PostgreSQL keeps such answers out of line (TOAST), with value ids of their own. */
async function submitDay(server: TestServer, wave: BuiltWave): Promise<void> {
  const instrument = instrumentByKey(server.published, 'peer-staff-climate').instrument;
  for (let i = 0; i < responsesPerDay; i += 1) {
    const answers = { ...buildCompleteAnswers(instrument, i), comment_change: `order-${String(i).padStart(3, '0')} ${randomBytes(1400).toString('base64')}`.slice(0, 2000) };
    expect((await postAnswers(server.url, wave.links[0]?.code ?? '', { answers })).status).to.equal(201);
  }
}

type StoredRow = { id: string; ctid: string; xmin: string; comment: string };

async function readDay(server: TestServer, wave: BuiltWave): Promise<StoredRow[]> {
  return server.db.query<StoredRow>(
    `SELECT id, ctid::text AS ctid, xmin::text AS xmin, answers->>'comment_change' AS comment FROM responses WHERE wave_id = $1`,
    [wave.waveId],
  );
}

function correlations(rows: readonly StoredRow[]): { ctid: number; xmin: number; id: number } {
  const order = rows.map((row) => orderOf(row.comment));
  return {
    ctid: rankCorrelation(order, rows.map((row) => ctidRank(row.ctid))),
    xmin: rankCorrelation(order, rows.map((row) => Number(row.xmin))),
    id: rankCorrelation(order, rows.map((row) => parseInt(row.id.replace(/-/g, '').slice(0, 12), 16))),
  };
}

for (const kind of databaseKinds) {
  describe(`rewriteFinishedDays on ${kind}`, function () {
    let server: TestServer;
    useTestServer(kind, (started) => {
      server = started;
    });

    it('when a day is over, rewrites its responses so that neither ctid, xmin nor id orders them, keeping ids, answers and hidden comments', async () => {
      const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
      await submitDay(server, wave);
      const before = await readDay(server, wave);
      expect(before).to.have.length(responsesPerDay);
      // The leak the rewrite removes: during the day, the file and the transaction ids follow submission order.
      expect(correlations(before).ctid).to.be.above(0.9);
      expect(correlations(before).xmin).to.be.above(0.9);
      const hidden = before[0]?.id ?? '';
      await server.db.query(`INSERT INTO hidden_comments (response_id, question) VALUES ($1, 'comment_change')`, [hidden]);

      const tomorrow = await databaseTomorrow(server);
      const result = await rewriteFinishedDays(server.db, tomorrow);
      expect(result).to.include({ isComplete: true });
      expect(result.responses).to.be.at.least(responsesPerDay);

      const after = await readDay(server, wave);
      const rho = correlations(after);
      expect(Math.abs(rho.ctid), 'ctid').to.be.below(chanceBound);
      expect(Math.abs(rho.id), 'id').to.be.below(chanceBound);
      expect(new Set(after.map((row) => row.xmin)).size, 'one xmin for the whole day').to.equal(1);
      expect(after.map((row) => `${row.id} ${row.comment}`).sort()).to.deep.equal(before.map((row) => `${row.id} ${row.comment}`).sort());
      const stillHidden = await server.db.query<{ comment: string }>(
        `SELECT r.answers->>'comment_change' AS comment FROM hidden_comments h JOIN responses r ON r.id = h.response_id`,
      );
      expect(stillHidden.map((row) => row.comment)).to.deep.equal([before[0]?.comment]);
      expect(await rewriteFinishedDays(server.db, tomorrow)).to.deep.equal({ days: 0, responses: 0, isComplete: true });
    });
  });
}

describe('the database operator with pageinspect on postgres', function () {
  let server: TestServer;
  useTestServer('postgres', async (started) => {
    server = started;
    await enablePageinspect(server.db);
  });

  async function issueAndUseInvitations(count: number): Promise<string[]> {
    const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'open', minGroupSize: 3 });
    await server.db.query("UPDATE waves SET distribution = 'invitation' WHERE id = $1", [wave.waveId]);
    const tokens = await seedLegacyInvitations(server.db, wave.waveId, wave.links[0]?.unitId ?? '', count);
    const answers = buildCompleteAnswers(instrumentByKey(server.published, 'peer-staff-climate').instrument);
    for (const token of tokens) expect((await postAnswers(server.url, token, { answers })).status).to.equal(201);
    return tokens;
  }

  it('after invitations are issued and used, no page, live tuple or dead tuple joins a token to its response', async () => {
    const tokens = await issueAndUseInvitations(20);
    const invitationHashes = tokens.map(hashToken);

    // Only the invitations table and its indexes hold the invitation hashes; no page anywhere holds a token.
    expect(await findRelationsHolding(server.db, invitationHashes, ['invitations', 'invitations_pkey', 'invitations_wave_id_unit_id_idx'])).to.deep.equal([]);
    expect(await findRelationsHolding(server.db, [...tokens, ...invitationHashes.map(hashToken)], [])).to.deep.equal([]);

    const tuples = (await Promise.all((await listHeapRelations(server.db)).map((relation) => readRawTuples(server.db, relation)))).flat();
    const invitationTuples = tuples.filter((tuple) => tuple.relation === 'invitations');
    expect(invitationTuples.map((tuple) => tuple.xmax), 'invitation rows are never updated or deleted').to.deep.equal(invitationTuples.map(() => '0'));
    const responseXids = new Set(tuples.filter((tuple) => tuple.relation === 'responses').map((tuple) => tuple.xmin));
    expect(responseXids.size).to.be.at.least(20);
    const [toast] = await server.db.query<{ name: string }>(`SELECT reltoastrelid::regclass::text AS name FROM pg_class WHERE relname = 'responses'`);
    const others = tuples.filter((tuple) => tuple.relation !== 'responses' && tuple.relation !== toast?.name);
    // Written in a response's transaction: only the spent set. Marked by it: only foreign-key row locks on what the response names anyway.
    const sharing = others.filter((tuple) => responseXids.has(tuple.xmin));
    expect([...new Set(sharing.map((tuple) => tuple.relation))]).to.deep.equal(['spent_tokens']);
    const marked = others.filter((tuple) => responseXids.has(tuple.xmax));
    expect(marked.filter((tuple) => !tuple.isLockOnly), 'no tuple deleted or updated by a response').to.deep.equal([]);
    expect([...new Set(marked.map((tuple) => tuple.relation))].sort()).to.satisfy((names: string[]) => names.every((name) => ['instrument_versions', 'units', 'waves'].includes(name)));
    for (const tuple of sharing) {
      const bytes = tuple.data.toString('latin1');
      for (const hash of [...invitationHashes, ...invitationHashes.map(hashToken)]) expect(bytes).not.to.include(hash);
    }
    expect(server.logs.join('\n')).not.to.match(new RegExp(tokens.map((token) => token.replace(/-/g, '\\-')).join('|')));
  });

  it('after personal invitations are opened and their tokens redeemed, no page, live tuple or dead tuple joins an invitation to a response', async () => {
    const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'), { status: 'open', minGroupSize: 3 });
    await server.db.query("UPDATE waves SET distribution = 'invitation' WHERE id = $1", [wave.waveId]);
    const codes = await seedCards(server.db, wave.waveId, wave.links[0]?.unitId ?? '', 12);
    const obtained = [];
    for (const code of codes) obtained.push(await obtainToken(server.url, code));
    const answers = buildCompleteAnswers(instrumentByKey(server.published, 'peer-staff-climate').instrument);
    for (const token of [...obtained].reverse()) {
      expect((await postWithToken(server.url, token.setting.redeemPath, { answers, token: token.token, signature: token.signature })).status).to.equal(201);
    }

    const tuples = (await Promise.all((await listHeapRelations(server.db)).map((relation) => readRawTuples(server.db, relation)))).flat();
    const responseXids = new Set(tuples.filter((tuple) => tuple.relation === 'responses').map((tuple) => tuple.xmin));
    const invitationTuples = tuples.filter((tuple) => tuple.relation === 'personal_invitations');
    expect(invitationTuples.length, 'each opened card left a dead version and a live one').to.be.at.least(24);
    expect(invitationTuples.filter((tuple) => responseXids.has(tuple.xmin) || responseXids.has(tuple.xmax)), 'a redemption never touches an invitation').to.deep.equal([]);
    const keyTuples = tuples.filter((tuple) => tuple.relation === 'wave_signing_keys');
    expect(keyTuples.filter((tuple) => responseXids.has(tuple.xmax) && !tuple.isLockOnly)).to.deep.equal([]);
    const [toast] = await server.db.query<{ name: string }>(`SELECT reltoastrelid::regclass::text AS name FROM pg_class WHERE relname = 'responses'`);
    const sharing = tuples.filter((tuple) => tuple.relation !== 'responses' && tuple.relation !== toast?.name && responseXids.has(tuple.xmin));
    expect([...new Set(sharing.map((tuple) => tuple.relation))]).to.deep.equal(['spent_tokens']);

    // Neither the tokens nor their signatures are anywhere; their spent hashes only in the spent set.
    const secrets = obtained.flatMap((token) => [token.token, token.signature, Buffer.from(token.token, 'base64url').toString('hex'), token.blindedMessage]);
    expect(await findRelationsHolding(server.db, secrets, [])).to.deep.equal([]);
    expect(await findRelationsHolding(server.db, obtained.map((token) => hashSpentToken(token.token)), ['spent_tokens', 'spent_tokens_pkey'])).to.deep.equal([]);
    const columns = await server.db.query<{ column: string }>(
      `SELECT table_name || '.' || column_name AS column FROM information_schema.columns WHERE table_name IN ('spent_tokens', 'responses') ORDER BY 1`,
    );
    expect(columns.map((row) => row.column).filter((column) => /\.(.*invitation|.*code|.*blind|.*token|.*key)/.test(column))).to.deep.equal(['spent_tokens.token_hash']);
    expect(server.logs.join('\n')).not.to.match(new RegExp([...codes, ...obtained.map((token) => token.token)].map((text) => text.replace(/-/g, '\\-')).join('|')));
  });

  it('after the sweep, no tuple of a finished day, live or dead, orders it: not ctid, xmin, command id or TOAST value id', async () => {
    const wave = await buildWave(server.db, instrumentByKey(server.published, 'peer-staff-climate'));
    await submitDay(server, wave);
    const [{ toast } = { toast: '' }] = await server.db.query<{ toast: string }>(`SELECT reltoastrelid::regclass::text AS toast FROM pg_class WHERE relname = 'responses'`);
    const toastOrder = async (): Promise<number> => {
      const values = await server.db.query<{ valueId: string; comment: string }>(
        `SELECT chunk_id::text AS "valueId", string_agg(encode(chunk_data, 'escape'), '' ORDER BY chunk_seq) AS comment
         FROM ${toast} GROUP BY chunk_id`,
      );
      const marked = values.filter((value) => !Number.isNaN(orderOf(value.comment)));
      expect(marked).to.have.length(responsesPerDay);
      return rankCorrelation(marked.map((value) => orderOf(value.comment)), marked.map((value) => Number(value.valueId)));
    };
    expect(await toastOrder(), 'TOAST value ids follow submission order before the rewrite').to.be.above(0.9);

    expect(await rewriteFinishedDays(server.db, await databaseTomorrow(server))).to.include({ isComplete: true });

    const heap = await readRawTuples(server.db, 'responses');
    const rows = await readDay(server, wave);
    expect(heap, 'no dead version is left in the file').to.have.length(await server.db.query('SELECT id FROM responses').then((all) => all.length));
    const byCtid = new Map(heap.map((tuple) => [tuple.ctid, tuple]));
    const order = rows.map((row) => orderOf(row.comment));
    expect(Math.abs(rankCorrelation(order, rows.map((row) => ctidRank(row.ctid)))), 'ctid').to.be.below(chanceBound);
    expect(Math.abs(rankCorrelation(order, rows.map((row) => byCtid.get(row.ctid)?.cid ?? Number.NaN))), 'command id').to.be.below(chanceBound);
    expect(new Set(rows.map((row) => byCtid.get(row.ctid)?.xmin)).size, 'xmin').to.equal(1);
    expect(Math.abs(await toastOrder()), 'TOAST value id').to.be.below(chanceBound);
  });
});
