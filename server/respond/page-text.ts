/** Respondent-facing text around the survey, in every language an instrument may offer. */
export type PageText = {
  languageLabel: string;
  promiseTitle: string;
  promiseStored: string;
  promiseNotStored: string;
  promiseGroups: string;
  promiseComments: string;
  promiseResearch: string;
  promiseResearchComments: string;
  promiseSkip: string;
  crisisTitle: string;
  crisisText: string;
  /** Said only while the person can still stop: on the survey, before sending. */
  canStop: string;
  /** The line that stays on screen at the bottom of every survey page. */
  crisisShort: string;
  sending: string;
  sendFailed: string;
  offline: string;
  restored: string;
  reload: string;
  startOver: string;
  /** Said on a personal invitation (e-mailed link or printed card) only. */
  promiseInvitation: string;
  tokenPreparing: string;
  tokenReady: string;
  tokenNoCrypto: string;
  tokenFailed: string;
  cardTitle: string;
  cardIntro: string;
  cardLabel: string;
  cardHint: string;
  cardButton: string;
  cardInvalid: string;
};

const minGroupSizeSlot = '{k}';
const commentThresholdSlot = '{c}';

const pageTexts: Record<string, PageText> = {
  en: {
    languageLabel: 'Language',
    promiseTitle: 'Your answers are anonymous',
    promiseStored: 'We store only your answers, the team this link belongs to, your role group and the day you answered.',
    promiseNotStored: 'We do not store your name, email, account, IP address, device or the time of day. Nothing links your answers to you or to the link you used.',
    promiseGroups: `Results are shown only for groups of ${minGroupSizeSlot} or more people, only after the survey closes, and they never change after that. Nobody, including your manager, can see one person's answers, with two exceptions no survey can prevent: when everyone in a group gives the same answer, and for someone who already knows the answers of everyone else in your group.`,
    promiseComments: `Written comments are shown only after the survey closes, only for groups of ${commentThresholdSlot} or more people, in random order and without the date.`,
    promiseResearch: 'Researchers working with the organization may receive everyone\'s answers without anything that identifies a person: small teams, roles and lengths of service are merged, and at most the month is kept.',
    promiseResearchComments: 'Your written comments may be included.',
    promiseSkip: 'You may skip any question unless it is marked as required.',
    crisisTitle: 'If you need support right now',
    crisisText: 'In the US, call or text 988 (Suicide & Crisis Lifeline), any time, free and confidential. If you are in danger, call 911.',
    canStop: 'You can stop this survey at any moment.',
    crisisShort: 'Need support now? Call or text',
    sending: 'Sending your answers…',
    sendFailed: 'Your answers were not saved:',
    offline: 'No connection right now. Your answers are kept on this device and will be sent as soon as the connection comes back.',
    restored: 'Your answers so far were kept on this device and are filled in again.',
    reload: 'Reload the page',
    startOver: 'Start over (clears the answers on this device)',
    promiseInvitation: 'This is your personal invitation. When you open it, your browser makes a one-time answer token that the server signs without seeing it, so the organization can know that you opened your invitation, never which answers are yours. The token stays in this browser until you send your answers.',
    tokenPreparing: 'Preparing your one-time answer token…',
    tokenReady: 'Your one-time answer token is ready and kept in this browser.',
    tokenNoCrypto: 'This browser cannot make the anonymous answer token (it lacks the Web Cryptography API, or the page was not opened over https). Please open your invitation in a current version of Firefox, Chrome, Edge or Safari.',
    tokenFailed: 'Your answer token could not be prepared:',
    cardTitle: 'Answer with your survey card',
    cardIntro: 'Type the code printed on your card. Nobody keeps a list of who received which card, and each card answers once.',
    cardLabel: 'Card code',
    cardHint: 'Ten letters and digits, for example ABCDE-12345. Capitals, spaces and dashes do not matter.',
    cardButton: 'Open the survey',
    cardInvalid: 'That is not a card code: it has ten letters and digits. Check the card and type it again.',
  },
  es: {
    languageLabel: 'Idioma',
    promiseTitle: 'Sus respuestas son anónimas',
    promiseStored: 'Solo guardamos sus respuestas, el equipo al que pertenece este enlace, su grupo de función y el día en que respondió.',
    promiseNotStored: 'No guardamos su nombre, correo, cuenta, dirección IP, dispositivo ni la hora. Nada vincula sus respuestas con usted ni con el enlace que usó.',
    promiseGroups: `Los resultados se muestran solo para grupos de ${minGroupSizeSlot} personas o más, solo después de que cierre la encuesta, y no cambian después. Nadie, ni siquiera su supervisor, puede ver las respuestas de una persona, con dos excepciones que ninguna encuesta puede evitar: cuando todas las personas de un grupo dan la misma respuesta, y para alguien que ya conoce las respuestas de todas las demás personas de su grupo.`,
    promiseComments: `Los comentarios escritos se muestran solo después de que cierre la encuesta, solo para grupos de ${commentThresholdSlot} personas o más, en orden aleatorio y sin fecha.`,
    promiseResearch: 'Es posible que investigadores que trabajan con la organización reciban las respuestas de todas las personas sin nada que identifique a nadie: los equipos, funciones y antigüedades pequeños se agrupan y solo se conserva el mes.',
    promiseResearchComments: 'Sus comentarios escritos pueden incluirse.',
    promiseSkip: 'Puede omitir cualquier pregunta, salvo las marcadas como obligatorias.',
    crisisTitle: 'Si necesita apoyo ahora mismo',
    crisisText: 'En EE. UU., llame o envíe un mensaje de texto al 988 (Línea de Prevención del Suicidio y Crisis), a cualquier hora, gratis y confidencial. Si está en peligro, llame al 911.',
    canStop: 'Puede dejar esta encuesta en cualquier momento.',
    crisisShort: '¿Necesita apoyo ahora? Llame o envíe un texto al',
    sending: 'Enviando sus respuestas…',
    sendFailed: 'Sus respuestas no se guardaron:',
    offline: 'No hay conexión en este momento. Sus respuestas se guardan en este dispositivo y se enviarán en cuanto vuelva la conexión.',
    restored: 'Las respuestas que ya había dado se guardaron en este dispositivo y se vuelven a mostrar.',
    reload: 'Volver a cargar la página',
    startOver: 'Empezar de nuevo (borra las respuestas de este dispositivo)',
    promiseInvitation: 'Esta es su invitación personal. Al abrirla, su navegador crea una clave de respuesta de un solo uso que el servidor firma sin verla, así que la organización puede saber que usted abrió su invitación, nunca cuáles respuestas son suyas. La clave se queda en este navegador hasta que envíe sus respuestas.',
    tokenPreparing: 'Preparando su clave de respuesta de un solo uso…',
    tokenReady: 'Su clave de respuesta de un solo uso está lista y se guarda en este navegador.',
    tokenNoCrypto: 'Este navegador no puede crear la clave de respuesta anónima (le falta la API de criptografía web, o la página no se abrió con https). Abra su invitación en una versión actual de Firefox, Chrome, Edge o Safari.',
    tokenFailed: 'No se pudo preparar su clave de respuesta:',
    cardTitle: 'Responder con su tarjeta de encuesta',
    cardIntro: 'Escriba el código impreso en su tarjeta. Nadie guarda una lista de quién recibió cada tarjeta, y cada tarjeta responde una sola vez.',
    cardLabel: 'Código de la tarjeta',
    cardHint: 'Diez letras y números, por ejemplo ABCDE-12345. Las mayúsculas, los espacios y los guiones no importan.',
    cardButton: 'Abrir la encuesta',
    cardInvalid: 'Eso no es un código de tarjeta: tiene diez letras y números. Revise la tarjeta y escríbalo otra vez.',
  },
};

/** The page text in `language`, falling back to English for a language without a translation. */
export function pageTextIn(language: string): PageText {
  const text = pageTexts[language] ?? pageTexts.en;
  if (!text) throw new Error('English page text is missing');
  return text;
}

/**
 * The page text for each language, with the wave's promised thresholds filled in, and the
 * research promise saying whether written comments may go to researchers (a wave setting).
 */
export function pageTextsFor(languages: readonly string[], thresholds: { minGroupSize: number; commentThreshold: number; allowCommentExport: boolean }): Record<string, PageText> {
  const texts: Record<string, PageText> = {};
  for (const language of languages) {
    const text = pageTextIn(language);
    texts[language] = {
      ...text,
      promiseGroups: text.promiseGroups.replace(minGroupSizeSlot, String(thresholds.minGroupSize)),
      // A threshold below k acts as k (server/disclosure/comments.ts), so promise the larger.
      promiseComments: text.promiseComments.replace(commentThresholdSlot, String(Math.max(thresholds.commentThreshold, thresholds.minGroupSize))),
      promiseResearch: thresholds.allowCommentExport ? `${text.promiseResearch} ${text.promiseResearchComments}` : text.promiseResearch,
    };
  }
  return texts;
}
