import { expect } from 'chai';
import { translator } from '../../../server/i18n/translate.js';
import { translateProblem, translateProblems } from '../../../server/waves/problem-text.js';

describe('translateProblem', () => {
  const es = translator('es');

  it('translates a problem that carries values, keeping the values', () => {
    expect(translateProblem('must be on or after the open date (2026-05-01)', es)).to.equal('debe ser igual o posterior a la fecha de apertura (2026-05-01)');
    expect(translateProblem('there is already a wave called "Spring; 2026"', es)).to.equal('ya existe una ronda llamada "Spring; 2026"');
  });

  it('translates an address line\'s problem inside its line number, and each of several joined problems', () => {
    const joined = 'line 2: "x" is not an e-mail address; line 5: ana@example.org is already on line 1';
    expect(translateProblem(joined, es)).to.equal('línea 2: "x" no es una dirección de correo electrónico; línea 5: ana@example.org ya está en la línea 1');
  });

  it('leaves a problem it does not know as written, and English unchanged', () => {
    expect(translateProblem('something new went wrong', es)).to.equal('something new went wrong');
    expect(translateProblems({ commentThreshold: 'must be at least the minimum group size k' }, translator('en'))).to.deep.equal({ commentThreshold: 'must be at least the minimum group size k' });
    expect(translateProblem('', es)).to.equal('');
  });
});
