import { expect } from 'chai';
import type { Dashboard } from '../../../server/dashboards/model.js';
import { dashboardPdfFileName, renderDashboardPdf, toStandardFontText } from '../../../server/dashboards/pdf.js';
import { presentReport } from '../../../server/dashboards/present.js';
import { translator } from '../../../server/i18n/translate.js';

const english = translator('en');

function openWaveDashboard(unitLabel: string): Dashboard {
  return {
    wave: { id: 'w', name: 'Otoño 2026', instrumentTitle: 'Peer staff climate', k: 5, commentThreshold: 10, isClosed: false },
    headline: { label: 'Whole wave', count: { isShown: true, n: 12 } },
    roleGroups: [],
    participation: [{ id: 'u', label: unitLabel, count: { isShown: false } }],
    progress: { responsesAtLeast: 10, step: 5, units: [{ id: 'u', label: unitLabel, hasReachedK: true }] },
    results: null,
    resultsMessage: 'Results appear when the wave closes.',
  };
}

describe('toStandardFontText', () => {
  it('keeps Western European letters and typographic quotes as they are', () => {
    expect(toStandardFontText('Clínica Peña, Müller & Søn “Œuvre” – 5 €')).to.equal('Clínica Peña, Müller & Søn “Œuvre” – 5 €');
  });

  it('when a letter is outside the standard fonts, prints its unaccented letter, or "?" where it has none', () => {
    expect(toStandardFontText('Łódź Győr Brașov')).to.equal('Lódz Gyor Brasov');
    expect(toStandardFontText('東京 Ωmega')).to.equal('?? ?mega');
  });
});

describe('dashboardPdfFileName', () => {
  it('names the download after the wave in plain file-name letters', () => {
    expect(dashboardPdfFileName('Otoño 2026 / "Norte"')).to.equal('otono-2026-norte-dashboard.pdf');
    expect(dashboardPdfFileName('東京')).to.equal('export-dashboard.pdf');
  });
});

describe('renderDashboardPdf', () => {
  it('when a unit name holds letters no standard font has, still makes a PDF', async () => {
    const pdf = await renderDashboardPdf(presentReport(openWaveDashboard('Łódź 東京 😀'), english), { organizationName: 'Salud Mental Región Ñuble', generatedOn: '2026-10-02', language: 'en', t: english });
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).to.match(/%%EOF/);
  });
});
