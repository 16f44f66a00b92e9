import { expect } from 'chai';
import { translateProblem, translateProblems } from '../../../server/i18n/problem-text.js';
import { translator } from '../../../server/i18n/translate.js';

describe('translateProblem', () => {
  const es = translator('es');
  const en = translator('en');

  it('when the whole problem is a catalogue text, gives its translation', () => {
    expect(translateProblem(es, 'must be an email address')).to.equal('debe ser un correo electrónico');
  });

  it('when the problem quotes a typed name, translates the pattern and keeps the name as typed', () => {
    expect(translateProblem(es, 'there is already a unit called "North Clinic"')).to.equal('ya existe una unidad llamada "North Clinic"');
  });

  it('when the problem names a role, translates the role too', () => {
    expect(translateProblem(es, 'already holds the manager role here')).to.equal('ya tiene el rol de gerente aquí');
  });

  it('when several problems are joined, or prefixed by their field, translates each and keeps the field name', () => {
    expect(translateProblem(es, 'The request is not valid. body.email: must be an email address; body.role: must be manager or researcher'))
      .to.equal('La solicitud no es válida. body.email: debe ser un correo electrónico; body.role: debe ser gerente o investigador(a)');
  });

  it('when the page is English or the text is unknown, leaves the problem exactly as it was', () => {
    for (const message of ['there is already a unit called "North Clinic"', 'password: must be at least 12 characters', 'something new; is required']) {
      expect(translateProblem(en, message)).to.equal(message);
    }
    expect(translateProblem(es, 'something nobody translated')).to.equal('something nobody translated');
  });

  it('translates every field of a form', () => {
    expect(translateProblems(es, { name: 'is required', headcount: 'must be a whole number' })).to.deep.equal({ name: 'es obligatorio', headcount: 'debe ser un número entero' });
  });

  it('translates a problem that carries values, keeping the values', () => {
    expect(translateProblem(es, 'must be on or after the open date (2026-05-01)')).to.equal('debe ser igual o posterior a la fecha de apertura (2026-05-01)');
    expect(translateProblem(es, 'there is already a wave called "Spring; 2026"')).to.equal('ya existe una ronda llamada "Spring; 2026"');
  });

  it('translates an address line\'s problem inside its line number, and each of several joined problems', () => {
    const joined = 'line 2: "x" is not an e-mail address; line 5: ana@example.org is already on line 1';
    expect(translateProblem(es, joined)).to.equal('línea 2: "x" no es una dirección de correo electrónico; línea 5: ana@example.org ya está en la línea 1');
  });

  it('leaves a problem it does not know as written, and English unchanged', () => {
    expect(translateProblem(es, 'something new went wrong')).to.equal('something new went wrong');
    expect(translateProblems(translator('en'), { commentThreshold: 'must be at least the minimum group size k' })).to.deep.equal({ commentThreshold: 'must be at least the minimum group size k' });
    expect(translateProblem(es, '')).to.equal('');
  });
});
