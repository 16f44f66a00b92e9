import fs from 'node:fs';
import { expect } from 'chai';
import { validateAnswers } from '../../../server/instruments/answers.js';
import { type Instrument, parseInstrument } from '../../../server/instruments/definition.js';
import { createRandom, generateAnswers } from '../../../server/demo/synthetic.js';

function loadInstrument(file: string): Instrument {
  const parsed = parseInstrument(JSON.parse(fs.readFileSync(`surveys/${file}`, 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.instrument;
}

function correlation(xs: number[], ys: number[]): number {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, index) => {
    const y = ys[index] ?? 0;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('generateAnswers', () => {
  const instrument = loadInstrument('peer-staff-climate.v1.json');

  it('when given the same seed, gives the same answers', () => {
    const profile = { climate: 0.3, roleGroup: 'peer_staff', skipRate: 0.05 };
    expect(generateAnswers(instrument, profile, createRandom(7))).to.deep.equal(generateAnswers(instrument, profile, createRandom(7)));
  });

  it('gives answers the server accepts, for both instruments', () => {
    const random = createRandom(11);
    for (const file of ['peer-staff-climate.v1.json', 'supervisor-clinical-climate.v1.json']) {
      const each = loadInstrument(file);
      for (let index = 0; index < 200; index += 1) {
        const answers = generateAnswers(each, { climate: random.normal(), roleGroup: 'supervisor', skipRate: 0.1 }, random);
        const checked = validateAnswers(each.questions, answers);
        expect(checked.ok, JSON.stringify(checked)).to.equal(true);
      }
    }
  });

  it('when climate varies between respondents, items of different subscales correlate and reverse items run the other way', () => {
    const random = createRandom(3);
    const samples = Array.from({ length: 400 }, () => generateAnswers(instrument, { climate: random.normal(), roleGroup: 'peer_staff', skipRate: 0 }, random));
    const values = (name: string) => samples.map((answers) => Number(answers[name]));
    expect(correlation(values('rc_know_duties'), values('pv_opinion_sought'))).to.be.greaterThan(0.3);
    expect(correlation(values('rc_know_duties'), values('ma_treated_as_patient'))).to.be.lessThan(-0.3);
    expect(correlation(values('rc_know_duties'), values('intent_stay'))).to.be.greaterThan(0.3);
  });
});
