import { expect } from 'chai';
import { findUnstorableText } from '../../../server/http/text.js';

describe('findUnstorableText', () => {
  it('finds a NUL inside a nested value and names its path', () => {
    expect(findUnstorableText({ body: { answers: { q1: ['ok', 'a\u0000b'] } } })).to.deep.equal({ path: 'body.answers.q1.1', message: 'must not contain a NUL character' });
  });

  it('finds a lone surrogate, in a value or a key, but accepts a proper pair', () => {
    expect(findUnstorableText({ name: 'x\ud800' })?.path).to.equal('name');
    expect(findUnstorableText({ body: { 'k\udc00': 1 } })?.message).to.match(/field name .*surrogate/);
    expect(findUnstorableText({ name: 'smile 😀' })).to.equal(undefined);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'fine';
    for (let depth = 0; depth < 100_000; depth += 1) deep = [deep];
    expect(findUnstorableText(deep)).to.equal(undefined);
  });
});
