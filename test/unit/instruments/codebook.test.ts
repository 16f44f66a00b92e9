import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { buildCodebook, codebookTable } from '../../../server/instruments/codebook.js';
import { type Instrument, parseInstrument } from '../../../server/instruments/definition.js';

const surveyFiles = fs.readdirSync('surveys').filter((file) => file.endsWith('.json'));

function loadInstrument(json: unknown): Instrument {
  const parsed = parseInstrument(json);
  if (!parsed.ok) expect.fail(JSON.stringify(parsed.problems));
  return parsed.instrument;
}

const agreement = '1=Strongly disagree; 2=Disagree; 3=Neither agree nor disagree; 4=Agree; 5=Strongly agree';
const acuerdo = '1=Totalmente en desacuerdo; 2=En desacuerdo; 3=Ni de acuerdo ni en desacuerdo; 4=De acuerdo; 5=Totalmente de acuerdo';

describe('buildCodebook', () => {
  for (const file of surveyFiles) {
    describe(`for surveys/${file}`, () => {
      const instrument = loadInstrument(JSON.parse(fs.readFileSync(path.join('surveys', file), 'utf8')));
      const rows = buildCodebook(instrument);
      const byVariable = new Map(rows.map((row) => [row.variable, row]));

      it('has one row per question, in survey order, then one per subscale score', () => {
        expect(rows.map((row) => row.variable)).to.deep.equal([
          ...instrument.questions.map((question) => question.name),
          ...instrument.subscales.map((subscale) => `score_${subscale.key}`),
        ]);
      });

      it('gives every row its text in English and Spanish', () => {
        for (const row of rows) {
          expect(row.texts.en, row.variable).to.be.a('string').and.not.equal('');
          expect(row.texts.es, row.variable).to.be.a('string').and.not.equal('');
          expect(row.texts.es, row.variable).not.to.equal(row.texts.en);
        }
      });

      it('marks each item with its subscale, construct, reverse flag and the agreement labels in both languages', () => {
        for (const subscale of instrument.subscales) {
          for (const item of subscale.items) {
            const row = byVariable.get(item.question);
            expect(row, item.question).to.deep.include({ role: 'item', subscale: subscale.key, construct: subscale.construct, isReverseCoded: item.reverse });
            expect(row?.valueLabels).to.deep.equal({ en: agreement, es: acuerdo });
            expect(row?.scoringRule).to.equal(`${item.reverse ? 'reverse coded (6 - x), then ' : ''}averaged into score_${subscale.key}`);
          }
        }
      });

      it('labels demographics, the outcome and comments, which belong to no subscale', () => {
        expect(byVariable.get('role_group')).to.deep.include({ role: 'demographic', subscale: '', isReverseCoded: false });
        expect(byVariable.get('role_group')?.valueLabels.en).to.equal('peer_staff=Peer support specialist or other peer role; supervisor=Supervisor or manager of peer staff; clinical_other=Clinical or other staff');
        expect(byVariable.get('tenure_band')?.role).to.equal('demographic');
        expect(byVariable.get(instrument.outcomeQuestion ?? '')).to.deep.include({ role: 'outcome', subscale: '' });
        for (const comment of instrument.comments) expect(byVariable.get(comment)).to.deep.include({ role: 'comment', valueLabels: { en: '', es: '' } });
      });

      it('states each score\'s rule: its items, reverse coding, the missing-data minimum and the favorable threshold', () => {
        for (const subscale of instrument.subscales) {
          const rule = byVariable.get(`score_${subscale.key}`)?.scoringRule ?? '';
          expect(rule).to.include(`mean of ${subscale.items.map((item) => item.question).join(', ')}`);
          expect(rule).to.include(`scored when at least ${Math.ceil(subscale.items.length / 2)} of ${subscale.items.length} items (50%) are answered`);
          expect(rule).to.include('favorable when >= 4');
          for (const item of subscale.items.filter((entry) => entry.reverse)) expect(rule).to.include(item.question);
        }
      });
    });
  }

  it('labels a rating off the agreement scale by its end descriptions, and a yes/no question by its labels', () => {
    const instrument = loadInstrument({
      key: 'mini', version: 1, audience: 'peer_staff', languages: ['en'], title: { en: 'Mini' },
      scale: { min: 1, max: 5, favorableAtLeast: 4, labels: {} }, demographics: { roleGroup: 'role_group' },
      subscales: [{ key: 'k', construct: 'role_clarity', title: { en: 'K' }, items: [{ question: 'k1' }] }],
      survey: { elements: [
        { type: 'radiogroup', name: 'role_group', choices: ['peer_staff'] },
        { type: 'rating', name: 'k1' },
        { type: 'rating', name: 'effort', rateMin: 0, rateMax: 3, minRateDescription: 'None', maxRateDescription: 'A lot' },
        { type: 'boolean', name: 'has_plan', labelTrue: 'I have one', labelFalse: 'I do not' },
      ] },
    });
    const rows = new Map(buildCodebook(instrument).map((row) => [row.variable, row]));
    expect(rows.get('effort')).to.deep.include({ type: 'rating (0 to 3)', role: 'question', valueLabels: { en: '0=None; 1; 2; 3=A lot' } });
    expect(rows.get('has_plan')?.valueLabels).to.deep.equal({ en: 'true=I have one; false=I do not' });
    expect(rows.get('role_group')?.valueLabels).to.deep.equal({ en: 'peer_staff' });
  });
});

describe('codebookTable', () => {
  it('names the columns researchers read, with question text and value labels per language', () => {
    const instrument = loadInstrument(JSON.parse(fs.readFileSync('surveys/peer-staff-climate.v2.json', 'utf8')));
    const table = codebookTable(instrument, buildCodebook(instrument));
    expect(table.columns).to.deep.equal([
      'variable', 'role', 'question_en', 'question_es', 'type', 'value_labels', 'value_labels_es',
      'reverse_coded', 'subscale', 'construct', 'scoring_rule',
    ]);
    const row = table.rows.find((cells) => cells[0] === 'ma_treated_as_patient');
    expect(row).to.deep.equal([
      'ma_treated_as_patient', 'item',
      'At work, some co-workers treat me more like a patient than a colleague.',
      'En el trabajo, algunos compañeros me tratan más como paciente que como colega.',
      'rating (1 to 5)', agreement, acuerdo, 'true', 'microaggressions', 'microaggressions_stigma',
      'reverse coded (6 - x), then averaged into score_microaggressions',
    ]);
  });
});
