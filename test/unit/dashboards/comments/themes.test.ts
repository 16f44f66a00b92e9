import { expect } from 'chai';
import { assignThemes, foldText, matchesSearch } from '../../../../server/dashboards/comments/themes.js';

describe('assignThemes', () => {
  it('gives a comment every theme whose words start a word in it, in theme order', () => {
    expect(assignThemes('The workload is heavy and my supervisor never has time.')).to.deep.equal(['supervision_support', 'job_conditions_wellbeing']);
    expect(assignThemes('I wish clinical staff understood what peer support is for.')).to.deep.equal(['recovery_culture']);
  });

  it('reads Spanish without accents or case: "Supervisión" and "ESTRÉS"', () => {
    expect(assignThemes('La supervisión es buena pero hay mucho ESTRÉS.')).to.deep.equal(['supervision_support', 'job_conditions_wellbeing']);
  });

  it('matches at the start of a word only ("payroll" is pay, "repay" is not), and puts the rest under "other"', () => {
    expect(assignThemes('Payroll is late again.')).to.deep.equal(['job_conditions_wellbeing']);
    expect(assignThemes('Nothing to repay.')).to.deep.equal(['other']);
  });
});

describe('matchesSearch', () => {
  it('when every word appears, ignoring case and accents, matches', () => {
    expect(matchesSearch('La supervisión me ayuda', 'SUPERVISION ayuda')).to.equal(true);
    expect(matchesSearch('La supervisión me ayuda', 'supervision pay')).to.equal(false);
    expect(matchesSearch('anything', '   ')).to.equal(true);
    expect(foldText('Ñuble Señal')).to.equal('nuble senal');
  });
});
