import { expect } from 'chai';
import { checkRole, holdsRole, type Staff } from '../../../server/accounts/roles.js';

const orgA = '00000000-0000-4000-8000-00000000000a';
const orgB = '00000000-0000-4000-8000-00000000000b';

function staffWith(memberships: Staff['memberships'], isPlatformAdmin = false): Staff {
  return { accountId: 'a', email: 'x@example.org', isPlatformAdmin, memberships, sessionTokenHash: 'h', language: 'en' };
}

describe('checkRole', () => {
  const researcherOfA = staffWith([{ organizationId: orgA, organizationName: 'A', role: 'researcher' }]);

  it('when the account holds an allowed role there, allows it', () => {
    expect(checkRole(researcherOfA, orgA, ['manager', 'researcher'])).to.equal('allowed');
  });

  it('when the account holds another role there, says other_role (answered as forbidden)', () => {
    expect(checkRole(researcherOfA, orgA, ['manager'])).to.equal('other_role');
  });

  it('when the account holds no role there, says not_member (answered as not found)', () => {
    expect(checkRole(researcherOfA, orgB, ['manager', 'researcher'])).to.equal('not_member');
  });

  it('when the account holds roles in several organizations, judges each on its own', () => {
    const both = staffWith([
      { organizationId: orgA, organizationName: 'A', role: 'researcher' },
      { organizationId: orgB, organizationName: 'B', role: 'manager' },
    ]);
    expect(checkRole(both, orgA, ['manager'])).to.equal('other_role');
    expect(checkRole(both, orgB, ['manager'])).to.equal('allowed');
  });

  it('when the account is a platform admin, allows every organization', () => {
    expect(checkRole(staffWith([], true), orgB, ['manager'])).to.equal('allowed');
    expect(holdsRole(staffWith([], true), orgB, 'manager')).to.equal(true);
    expect(holdsRole(researcherOfA, orgA, 'manager')).to.equal(false);
  });
});
