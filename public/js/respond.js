/*
 * Renders the survey with SurveyJS, keeps the answers on the device while they are given
 * (answer-store.js) and posts them as JSON to this page's own address, once, when the person
 * completes the survey. A send that fails for the network is retried when the connection
 * comes back; the single-use form token makes a repeated send count once.
 */
(function () {
  'use strict';
  var container = document.getElementById('survey');
  var status = document.getElementById('submit-status');
  var errorStatus = document.getElementById('error-status');
  var sendActions = document.getElementById('send-actions');
  var languageSelect = document.getElementById('language-select');
  var config = JSON.parse(container.getAttribute('data-config'));
  var languages = Object.keys(config.texts);
  var store = window.PeerClimateAnswerStore.create('peerclimate:answers:' + window.location.pathname, config.isKiosk);
  var retryDelayMs = 10000;
  var kioskIdleMs = 5 * 60 * 1000;
  var isSending = false;
  var retryTimer = null;
  // A personal invitation answers with its blind-signed token (token.js), sent to an address
  // that names the wave and unit, never this page's code; Referer is dropped for the same reason.
  var tokenKey = 'peerclimate:token:' + window.location.pathname;
  var tokenReady = config.token ? prepareToken() : null;

  var survey = new Survey.Model(config.survey);
  survey.showProgressBar = true;
  survey.progressBarLocation = 'top';
  survey.progressBarType = 'pages';
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
  // Unselected controls are outlined only by a faint shadow; WCAG 1.4.11 wants 3:1 against
  // white, and #767676 gives 4.5:1. The default error red on pink gives 3.97:1; #a8001f passes.
  survey.applyTheme({
    cssVariables: {
      '--sjs-primary-backcolor': '#1d5e52',
      '--sjs-primary-backcolor-dark': '#154a40',
      '--sjs-primary-backcolor-light': 'rgba(29, 94, 82, 0.1)',
      '--sjs-primary-forecolor': '#ffffff',
      '--sjs-general-forecolor-light': '#5c5c5c',
      '--sjs-shadow-small': '0 0 0 1px #767676',
      '--sjs-shadow-inner': 'inset 0 0 0 1px #767676',
      '--sjs-special-red': '#a8001f',
    },
  });

  function text() {
    return config.texts[currentLanguage()];
  }

  function currentLanguage() {
    return survey.locale || 'en';
  }

  function setLanguage(language) {
    survey.locale = language === 'en' ? '' : language;
    document.documentElement.lang = language;
    var texts = config.texts[language];
    document.querySelectorAll('[data-text]').forEach(function (element) {
      element.textContent = texts[element.getAttribute('data-text')];
    });
    document.getElementById('survey-title').textContent = config.titles[language] || config.titles.en;
  }

  var kept = store.load() || {};
  function keep(changes) {
    Object.keys(changes).forEach(function (name) { kept[name] = changes[name]; });
    store.save(kept);
  }
  function keepProgress() {
    keep({ data: survey.data, pageNo: survey.currentPageNo, language: currentLanguage() });
  }

  function describeError(body) {
    if (!body || !body.error) return '';
    var details = (body.error.details || []).map(function (detail) { return detail.path + ': ' + detail.message; });
    return details.length > 0 ? body.error.message + ' ' + details.join('; ') : body.error.message;
  }

  function say(message, isProblem) {
    status.textContent = message;
    if (isProblem) errorStatus.textContent = message;
  }

  function finish(wasAlreadyReceived) {
    store.clear();
    if (config.token) window.PeerClimateToken.forget(tokenKey);
    var query = '?lang=' + currentLanguage() + (config.isKiosk ? '&kiosk=1' : '') + (wasAlreadyReceived ? '&received=1' : '');
    if (config.isKiosk) {
      try { window.sessionStorage.setItem('peerclimate:kiosk-return', window.location.pathname); } catch { /* no reset then */ }
    }
    // replace(): Back from the thank-you page cannot bring the filled-in survey back.
    window.location.replace('/s/thanks' + query);
  }

  function retryLater(formToken) {
    say(text().offline, true);
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(function () { send(formToken); }, retryDelayMs);
  }
  window.addEventListener('online', function () {
    if (kept.pendingToken && !isSending) send(kept.pendingToken);
  });

  function handleAnswer(formToken, response, body) {
    if (response.ok) return finish(false);
    var code = body && body.error ? body.error.code : '';
    if (code === 'form_token_used' || code === 'token_used') return finish(true);
    if (code === 'form_token_expired' && formToken !== config.formToken) return send(config.formToken);
    if (response.status >= 500 || response.status === 429) return retryLater(formToken);
    keep({ pendingToken: null });
    say(text().sendFailed + ' ' + (describeError(body) || String(response.status)), true);
    sendActions.hidden = false;
  }

  function post(formToken) {
    var answers = { answers: kept.data, language: currentLanguage() };
    if (!config.token) {
      answers.formToken = formToken;
      return fetch(window.location.pathname, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(answers) });
    }
    return tokenReady.then(function (token) {
      answers.token = token.token;
      answers.signature = token.signature;
      return fetch(config.token.redeemPath, {
        method: 'POST', referrerPolicy: 'no-referrer', credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(answers),
      });
    });
  }

  function send(formToken) {
    if (isSending) return;
    isSending = true;
    window.clearTimeout(retryTimer);
    keep({ data: survey.data, pendingToken: formToken || 'answer-token', language: currentLanguage() });
    say(text().sending, false);
    post(formToken)
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          isSending = false;
          handleAnswer(formToken, response, body);
        });
      }, function () {
        isSending = false;
        retryLater(formToken);
      });
  }

  function prepareToken() {
    var tokenStatus = document.getElementById('token-status');
    var ready = window.PeerClimateToken.obtain(config.token, tokenKey, document.documentElement.lang || 'en');
    ready.then(function () {
      tokenStatus.setAttribute('data-text', 'tokenReady');
      tokenStatus.textContent = text().tokenReady;
    }, function (problem) {
      var message = problem && problem.code === 'webcrypto_missing' ? text().tokenNoCrypto
        : problem && problem.code === 'token_already_issued' ? problem.message
          : text().tokenFailed + ' ' + (problem && problem.message ? problem.message : String(problem));
      tokenStatus.removeAttribute('data-text');
      tokenStatus.textContent = message;
      tokenStatus.setAttribute('role', 'alert');
      sendActions.hidden = false;
      container.hidden = true;
    });
    return ready;
  }

  survey.onValueChanged.add(keepProgress);
  survey.onCurrentPageChanged.add(keepProgress);
  survey.onValidatePage.add(function (sender, options) {
    // SurveyJS marks each error beside its question; this also reads them out once, with the
    // question they belong to, for screen readers.
    errorStatus.textContent = options.questions.map(function (question) {
      return question.processedTitle + ': ' + question.errors.map(function (error) { return error.getText(); }).join(' ');
    }).join(' ');
  });
  survey.onComplete.add(function () {
    var canStop = document.getElementById('can-stop');
    if (canStop) canStop.hidden = true;
    // A staff preview of an instrument: the answers stay in the browser.
    if (config.isPreview) {
      store.clear();
      status.textContent = document.getElementById('preview-notice').textContent;
      return;
    }
    send(kept.pendingToken || config.formToken);
  });

  // A kiosk left in the middle of a survey starts again after a while without a touch, so the
  // next person never finds the last one's answers; never while a send is under way.
  if (config.isKiosk) {
    var idleTimer = null;
    var restartWhenIdle = function () {
      window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(function () {
        if (isSending || kept.pendingToken) return restartWhenIdle();
        store.clear();
        window.location.replace(window.location.pathname);
      }, kioskIdleMs);
    };
    ['pointerdown', 'keydown', 'input'].forEach(function (type) { document.addEventListener(type, restartWhenIdle, true); });
    restartWhenIdle();
  }

  document.getElementById('reload-button').addEventListener('click', function () { window.location.reload(); });
  // Answers given on the plain first page (drawn by the server while SurveyJS was loading).
  function takeOverFirstPage() {
    var firstPage = document.getElementById('first-page');
    if (!firstPage) return;
    var data = kept.data || {};
    firstPage.querySelectorAll('[data-field]').forEach(function (field) {
      var name = field.getAttribute('data-field');
      var checked = field.querySelector('input:checked');
      var textarea = field.querySelector('textarea');
      if (checked) data[name] = field.hasAttribute('data-number') ? Number(checked.value) : checked.value;
      if (textarea && textarea.value) data[name] = textarea.value;
    });
    kept.data = data;
  }

  if (languageSelect) {
    var preferred = kept.language || languageSelect.value;
    if (languages.indexOf(preferred) >= 0) languageSelect.value = preferred;
    languageSelect.addEventListener('change', function () {
      setLanguage(languageSelect.value);
      keepProgress();
    });
    setLanguage(languageSelect.value);
  }
  var hadKeptAnswers = Boolean(kept.data);
  takeOverFirstPage();
  if (kept.data) {
    survey.data = kept.data;
    if (typeof kept.pageNo === 'number') survey.currentPageNo = kept.pageNo;
    document.getElementById('restored-note').hidden = !hadKeptAnswers;
    keepProgress();
  }
  container.textContent = '';
  SurveyUI.renderSurvey(survey, container);
  // A send that was under way when the page was left is finished first: its token tells the
  // server whether it already arrived, so the answers are never stored twice.
  if (kept.pendingToken) survey.doComplete();
})();
