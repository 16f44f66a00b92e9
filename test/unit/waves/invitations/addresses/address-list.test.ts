import { expect } from 'chai';
import { parseAddressList } from '../../../../../server/waves/invitations/addresses/address-list.js';

const units = [{ id: 'north', name: 'North Clinic' }, { id: 'south', name: 'South Clinic' }];

describe('parseAddressList', () => {
  it('reads email,unit[,language] lines after an optional header, matching units and addresses without regard to case', () => {
    const parsed = parseAddressList('\uFEFFEmail,Unit\r\nAna@Example.org, north clinic\n\n"ben@example.org";South Clinic;ES\n', units, undefined, new Set());
    expect(parsed.problems).to.deep.equal([]);
    expect(parsed.addresses).to.deep.equal([
      { line: 2, email: 'ana@example.org', unitId: 'north', language: 'en' },
      { line: 4, email: 'ben@example.org', unitId: 'south', language: 'es' },
    ]);
  });

  it('gives a line with only an address the unit chosen for the list, and names the line when none was chosen', () => {
    expect(parseAddressList('ana@example.org', units, 'south', new Set()).addresses).to.deep.equal([{ line: 1, email: 'ana@example.org', unitId: 'south', language: 'en' }]);
    expect(parseAddressList('ana@example.org', units, undefined, new Set()).problems).to.deep.equal([{ line: 1, message: 'no unit: add ",unit name" or choose a unit for the whole list' }]);
  });

  it('names every problem by its line: not an address, a duplicate, an unknown unit or language, an address already invited, extra fields', () => {
    const list = ['ana@example.org,North Clinic', 'not an address,North Clinic', 'ANA@example.org,North Clinic', 'cy@example.org,East Clinic',
      'dee@example.org,North Clinic,fr', 'old@example.org,North Clinic', 'eve@example.org,North Clinic,en,extra'].join('\n');
    const parsed = parseAddressList(list, units, undefined, new Set(['old@example.org']));
    expect(parsed.problems).to.deep.equal([
      { line: 2, message: '"not an address" is not an e-mail address' },
      { line: 3, message: 'ana@example.org is already on line 1' },
      { line: 4, message: '"East Clinic" is not a unit of this wave' },
      { line: 5, message: '"fr" is not a language of the invitation (en or es)' },
      { line: 6, message: 'old@example.org was already invited to this wave' },
      { line: 7, message: 'too many fields: give email,unit or email,unit,language' },
    ]);
  });

  it('calls a list of blank lines empty', () => {
    expect(parseAddressList(' \n\n', units, 'north', new Set()).problems).to.deep.equal([{ line: 1, message: 'the list is empty: give one address per line' }]);
  });
});
