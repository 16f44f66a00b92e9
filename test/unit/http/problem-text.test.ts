import { expect } from 'chai';
import { translateProblem, translateProblems } from '../../../server/http/problem-text.js';
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
});
