import path from 'node:path';
import ejs from 'ejs';
import { expect } from 'chai';
import { splitMarkedSentence } from '../../../server/i18n/marked-sentence.js';

const partial = path.resolve(import.meta.dirname, '../../../views/partials/marked.ejs');

describe('splitMarkedSentence', () => {
  it('when the slots come in the English order, gives text and slots in that order', () => {
    expect(splitMarkedSentence('Set {characterSet} to {unicode}, or accents come out wrong.', ['characterSet', 'unicode'])).to.deep.equal([
      { text: 'Set ' }, { slot: 'characterSet' }, { text: ' to ' }, { slot: 'unicode' }, { text: ', or accents come out wrong.' },
    ]);
  });

  it('when a translation puts the slots in another order, follows the translation and keeps all of its text', () => {
    const segments = splitMarkedSentence('Con {unicode} en {characterSet}; si no, los acentos salen mal.', ['characterSet', 'unicode']);
    expect(segments).to.deep.equal([
      { text: 'Con ' }, { slot: 'unicode' }, { text: ' en ' }, { slot: 'characterSet' }, { text: '; si no, los acentos salen mal.' },
    ]);
  });

  it('when slots open, close or touch the sentence, gives no empty text', () => {
    expect(splitMarkedSentence('{a}{b} and {c}', ['a', 'b', 'c'])).to.deep.equal([{ slot: 'a' }, { slot: 'b' }, { text: ' and ' }, { slot: 'c' }]);
    expect(splitMarkedSentence('', ['a'])).to.deep.equal([]);
  });

  it('when a {name} is not one of the slots, keeps it as text, joined to the text around it', () => {
    expect(splitMarkedSentence('{k} of {n} in {unit}', ['n'])).to.deep.equal([{ text: '{k} of ' }, { slot: 'n' }, { text: ' in {unit}' }]);
    expect(splitMarkedSentence('No slots here.', [])).to.deep.equal([{ text: 'No slots here.' }]);
  });

  it('when a slot appears twice, gives it twice', () => {
    expect(splitMarkedSentence('{q} and {q}', ['q'])).to.deep.equal([{ slot: 'q' }, { text: ' and ' }, { slot: 'q' }]);
  });
});

describe('views/partials/marked.ejs', () => {
  const render = (text: string, marks: Record<string, unknown[]>): Promise<string> => ejs.renderFile(partial, { splitMarkedSentence, text, marks });

  it('when a translation reorders the slots, draws each marked phrase where the translation puts it, and nothing else', async () => {
    const html = await render('Con {unicode} en {characterSet}.', { characterSet: ['em', 'Juego de caracteres'], unicode: ['strong', 'Unicode (UTF-8)'] });
    expect(html).to.equal('Con <strong>Unicode (UTF-8)</strong> en <em>Juego de caracteres</em>.');
  });

  it('when text, phrases or attribute values hold markup, prints them escaped; an attribute given as true is bare', async () => {
    const html = await render('<b>{link}</b> & {code}', { link: ['a', 'R & <i>', { id: 'csv', href: '/x?a=1&b="2"', download: true }], code: ['code', "'"] });
    expect(html).to.equal('&lt;b&gt;<a id="csv" href="/x?a=1&amp;b=&#34;2&#34;" download>R &amp; &lt;i&gt;</a>&lt;/b&gt; &amp; <code>&#39;</code>');
  });
});
