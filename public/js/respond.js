/* Renders the survey with SurveyJS and posts the answers as JSON to this page's own address. */
(function () {
  'use strict';
  var container = document.getElementById('survey');
  var status = document.getElementById('submit-status');
  var languageSelect = document.getElementById('language-select');
  var config = JSON.parse(container.getAttribute('data-config'));
  var languages = Object.keys(config.texts);

  var survey = new Survey.Model(config.survey);
  // On narrow touch screens SurveyJS turns ratings into dropdowns that hide the scale;
  // buttons keep every point of the scale visible and one tap away, with the end labels
  // above and below so the five buttons stay on one line of a phone.
  var isNarrow = window.matchMedia('(max-width: 600px)').matches;
  survey.getAllQuestions().forEach(function (question) {
    if (question.getType() !== 'rating') return;
    question.displayMode = 'buttons';
    if (isNarrow) question.rateDescriptionLocation = 'topBottom';
  });
  // The default accent (#19b394) fails WCAG AA contrast on white; this green passes (7:1).
  survey.applyTheme({
    cssVariables: {
      '--sjs-primary-backcolor': '#1d5e52',
      '--sjs-primary-backcolor-dark': '#154a40',
      '--sjs-primary-backcolor-light': 'rgba(29, 94, 82, 0.1)',
      '--sjs-primary-forecolor': '#ffffff',
      '--sjs-general-forecolor-light': '#5c5c5c',
    },
  });

  function setLanguage(language) {
    survey.locale = language === 'en' ? '' : language;
    document.documentElement.lang = language;
    var text = config.texts[language];
    document.querySelectorAll('[data-text]').forEach(function (element) {
      element.textContent = text[element.getAttribute('data-text')];
    });
    document.getElementById('survey-title').textContent = config.titles[language] || config.titles.en;
  }

  function currentLanguage() {
    return survey.locale || 'en';
  }

  function describeError(body) {
    if (!body || !body.error) return '';
    var details = (body.error.details || []).map(function (detail) { return detail.path + ': ' + detail.message; });
    return details.length > 0 ? details.join('; ') : body.error.message;
  }

  survey.onComplete.add(function (sender, options) {
    var text = config.texts[currentLanguage()];
    // A staff preview of an instrument: the answers stay in the browser.
    if (config.isPreview) {
      options.showSaveSuccess();
      status.textContent = document.getElementById('preview-notice').textContent;
      return;
    }
    options.showSaveInProgress(text.sending);
    status.textContent = text.sending;
    fetch(window.location.pathname, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ answers: sender.data, language: currentLanguage() }),
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (!result.ok) throw new Error(describeError(result.body) || 'HTTP error');
        options.showSaveSuccess();
        window.location.assign(result.body.next);
      })
      .catch(function (error) {
        var message = text.sendFailed + ' ' + error.message;
        options.showSaveError(message);
        status.textContent = message;
      });
  });

  if (languageSelect) {
    var preferred = (navigator.language || 'en').slice(0, 2);
    if (languages.indexOf(preferred) >= 0) languageSelect.value = preferred;
    languageSelect.addEventListener('change', function () { setLanguage(languageSelect.value); });
    setLanguage(languageSelect.value);
  }
  container.textContent = '';
  SurveyUI.renderSurvey(survey, container);
})();
