import { expect } from 'chai';
import { deriveAddressCode, formatCardCode, generateCardCode, normalizeCardCode } from '../../../../server/waves/invitations/personal-code.js';

describe('card codes', () => {
  it('are ten characters of Crockford base 32, different each time, printed 5-5', () => {
    const codes = Array.from({ length: 200 }, generateCardCode);
    expect(codes.every((code) => /^[0-9A-HJKMNP-TV-Z]{10}$/.test(code))).to.equal(true);
    expect(new Set(codes).size).to.equal(200);
    expect(formatCardCode('ABCDE12345')).to.equal('ABCDE-12345');
  });

  it('read back from what people type: case, spaces and dashes ignored, O as 0, I and L as 1; anything else is no code', () => {
    expect(normalizeCardCode(' abcde-o1il5 ')).to.equal('ABCDE01115');
    expect(normalizeCardCode('ABCDE 12345')).to.equal('ABCDE12345');
    expect(normalizeCardCode('ABCDE1234')).to.equal(undefined);
    expect(normalizeCardCode('ABCDEU2345')).to.equal(undefined);
    expect(normalizeCardCode('AAAAAAAAAAAAAAAAAAAAAA')).to.equal(undefined);
  });
});

describe('deriveAddressCode', () => {
  it('gives an invitation the same 128-bit code each time under one key, and another under another key', () => {
    const key = Buffer.alloc(32, 1);
    expect(deriveAddressCode(key, 'invitation-1')).to.equal(deriveAddressCode(key, 'invitation-1')).and.match(/^[A-Za-z0-9_-]{22}$/);
    expect(deriveAddressCode(key, 'invitation-2')).not.to.equal(deriveAddressCode(key, 'invitation-1'));
    expect(deriveAddressCode(Buffer.alloc(32, 2), 'invitation-1')).not.to.equal(deriveAddressCode(key, 'invitation-1'));
  });
});
