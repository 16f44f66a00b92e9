import { expect } from 'chai';
import { heatColour } from '../../../server/dashboards/heat-colour.js';

const scale = { min: 1, max: 5 };

function luminance(hex: string): number {
  const channel = (offset: number): number => {
    const unit = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return unit <= 0.03928 ? unit / 12.92 : ((unit + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

describe('heatColour', () => {
  it('when two means print as 4.00 (3.996 and 4.004), gives them one shade: the old steps split them', () => {
    expect(heatColour((3.996).toFixed(2), scale)).to.deep.equal(heatColour((4.004).toFixed(2), scale));
  });

  it('never gets lighter as the printed mean rises, from 1.00 to 5.00, and clamps outside the scale', () => {
    const shades = Array.from({ length: 401 }, (_value, index) => luminance(heatColour((1 + index / 100).toFixed(2), scale).background));
    shades.slice(1).forEach((shade, index) => expect(shade, String(1 + (index + 1) / 100)).to.be.at.most(shades[index] ?? 1));
    expect(heatColour('0.50', scale)).to.deep.equal(heatColour('1.00', scale));
    expect(heatColour('5.40', scale)).to.deep.equal(heatColour('5.00', scale));
  });

  it('changes by small steps (no jump larger than a few units per channel between neighbouring values)', () => {
    for (let index = 0; index < 400; index += 1) {
      const [a, b] = [heatColour((1 + index / 100).toFixed(2), scale).background, heatColour((1 + (index + 1) / 100).toFixed(2), scale).background];
      for (const offset of [1, 3, 5]) expect(Math.abs(Number.parseInt(a.slice(offset, offset + 2), 16) - Number.parseInt(b.slice(offset, offset + 2), 16))).to.be.at.most(3);
    }
  });

  it('prints black or white text with at least 4.5:1 contrast on every shade (WCAG AA)', () => {
    for (let index = 0; index <= 400; index += 1) {
      const { background, text } = heatColour((1 + index / 100).toFixed(2), scale);
      const [light, dark] = [Math.max(luminance(background), luminance(text)), Math.min(luminance(background), luminance(text))];
      expect((light + 0.05) / (dark + 0.05), background).to.be.at.least(4.5);
    }
  });
});
