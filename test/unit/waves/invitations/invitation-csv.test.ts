import { expect } from 'chai';
import { formatInvitationCsv, invitationFileName } from '../../../../server/waves/invitations/invitation-csv.js';

describe('formatInvitationCsv', () => {
  it('when given links, writes a header and one CRLF row per link', () => {
    const csv = formatInvitationCsv('Spring', [{ unitName: 'North', link: 'https://x.org/s/abc' }, { unitName: 'South', link: 'https://x.org/s/def' }]);
    expect(csv).to.equal('wave,unit,link\r\nSpring,North,https://x.org/s/abc\r\nSpring,South,https://x.org/s/def\r\n');
  });

  it('when a name holds a comma or quote, quotes it the RFC 4180 way', () => {
    expect(formatInvitationCsv('Spring, "pilot"', [])).to.equal('wave,unit,link\r\n');
    expect(formatInvitationCsv('W', [{ unitName: 'North, "East"', link: 'l' }])).to.equal('wave,unit,link\r\nW,"North, ""East""",l\r\n');
  });

  it('when a name starts like a spreadsheet formula, neutralises it', () => {
    expect(formatInvitationCsv('W', [{ unitName: '=HYPERLINK("x")', link: 'l' }])).to.include(`W,"'=HYPERLINK(""x"")",l`);
    expect(formatInvitationCsv('W', [{ unitName: '@team', link: 'l' }])).to.include("W,'@team,l");
  });
});

describe('invitationFileName', () => {
  it('when the wave name has spaces and symbols, keeps a readable slug', () => {
    expect(invitationFileName('Peer staff survey, Spring 2030!')).to.equal('invitations-peer-staff-survey-spring-2030.csv');
    expect(invitationFileName('¿?')).to.equal('invitations-wave.csv');
  });
});
