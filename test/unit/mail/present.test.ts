import path from 'node:path';
import { expect } from 'chai';
import ejs from 'ejs';
import { translator } from '../../../server/i18n/translate.js';
import { presentMailBatches } from '../../../server/mail/present.js';

const t = translator('en');

const batchesView = path.resolve('views/mail/batches.ejs');

describe('presentMailBatches and views/mail/batches.ejs', () => {
  it('shows per batch its kind, day, sent of total, waiting with the next try, failed, unsent at close and the last error', async () => {
    const rows = presentMailBatches([
      { id: 'b1', kind: 'invitation', createdOn: '2026-12-07', total: 40, sent: 37, failed: 1, cancelled: 0, waiting: 2, nextAttemptAt: new Date('2026-12-07T13:05:30Z'), lastError: '451 <[address]>: try later' },
      { id: 'b2', kind: 'reminder', createdOn: '2026-12-09', total: 5, sent: 3, failed: 0, cancelled: 2, waiting: 0, nextAttemptAt: null, lastError: null },
    ], t);
    expect(rows[0]).to.deep.equal({ kind: 'Invitations', day: '2026-12-07', total: 40, sent: 37, waiting: 2, nextAttempt: '2026-12-07 13:05 UTC', failed: 1, cancelled: 0, lastError: '451 <[address]>: try later' });
    const html = await ejs.renderFile(batchesView, { mailBatches: rows, t });
    expect(html).to.include('<td>37 of 40</td>').and.include('(next try 2026-12-07 13:05 UTC)').and.include('(2 not sent: the wave closed)');
    expect(html).to.include('451 &lt;[address]&gt;: try later');
  });

  it('when a wave has no mail, renders nothing', async () => {
    expect((await ejs.renderFile(batchesView, { mailBatches: [], t })).trim()).to.equal('');
  });
});
