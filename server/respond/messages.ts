import type { ErrorCode } from '../http/errors.js';

/**
 * What a respondent is told when a link cannot take their answers, and on the thank-you page, in
 * each language the survey pages speak. Every such page also carries the crisis line.
 */
export type RespondentProblem =
  | 'link_unknown' | 'link_used' | 'wave_closed' | 'instrument_retired' | 'link_busy' | 'link_full' | 'form_token_expired' | 'form_token_used'
  | 'token_invalid' | 'token_used' | 'token_already_issued';

type MessageText = { title: string; message: string };

export type ThanksText = MessageText & { kioskNext: string; kioskButton: string; alreadyReceived: string };

const problems: Record<string, Record<RespondentProblem, MessageText>> = {
  en: {
    link_unknown: { title: 'This link is not valid', message: 'This survey link is not valid. Please check the address, or ask the person who sent it for a new one.' },
    link_used: { title: 'This link has already been used', message: 'This link has already been used. Each invitation link can be used once; ask the person who sent it for a new one if you have not answered yet.' },
    wave_closed: { title: 'This survey is closed', message: 'This survey is not open right now, so it cannot take answers. Thank you for your interest.' },
    instrument_retired: { title: 'This survey is closed', message: 'This survey has been replaced by a newer version and no longer takes answers. Please ask the person who sent the link for a new one.' },
    link_busy: { title: 'Please try again in a few minutes', message: 'This survey link has been opened unusually often in the last few minutes, so it is paused for a short time to protect the survey. Please try again in about ten minutes. The survey team has been told.' },
    link_full: { title: 'This link has all its answers', message: 'This survey link has received as many answers as the team has members, so it takes no more. If you have not answered yet, please tell the person who sent the link.' },
    form_token_expired: { title: 'This page was open too long', message: 'This page was open for too long to send. Reload the page and send again: your answers are kept on this device.' },
    form_token_used: { title: 'Already received', message: 'These answers were already received. Thank you.' },
    token_invalid: { title: 'This answer token is not valid', message: 'This answer token was not issued for this survey, or it was changed on the way. Open your invitation link again.' },
    token_used: { title: 'Already received', message: 'This invitation has already sent its answers. Each invitation answers once. Thank you.' },
    token_already_issued: { title: 'This invitation was opened elsewhere', message: 'This invitation was already opened in another browser or on another device, and it gives one answer token only. Go back to the browser where you first opened it: your token and answers are kept there until you send them.' },
  },
  es: {
    link_unknown: { title: 'Este enlace no es válido', message: 'Este enlace de la encuesta no es válido. Revise la dirección o pida uno nuevo a quien se lo envió.' },
    link_used: { title: 'Este enlace ya se usó', message: 'Este enlace ya se usó. Cada enlace de invitación sirve una sola vez; si todavía no ha respondido, pida uno nuevo a quien se lo envió.' },
    wave_closed: { title: 'Esta encuesta está cerrada', message: 'Esta encuesta no está abierta en este momento, así que no puede recibir respuestas. Gracias por su interés.' },
    instrument_retired: { title: 'Esta encuesta está cerrada', message: 'Esta encuesta fue reemplazada por una versión más nueva y ya no recibe respuestas. Pida un enlace nuevo a quien se lo envió.' },
    link_busy: { title: 'Vuelva a intentarlo en unos minutos', message: 'Este enlace se abrió muchas más veces de lo normal en los últimos minutos, así que se pausó un momento para proteger la encuesta. Vuelva a intentarlo en unos diez minutos. El equipo de la encuesta ya fue avisado.' },
    link_full: { title: 'Este enlace ya tiene todas sus respuestas', message: 'Este enlace recibió tantas respuestas como personas tiene el equipo, así que no acepta más. Si todavía no ha respondido, avise a quien le envió el enlace.' },
    form_token_expired: { title: 'La página estuvo abierta demasiado tiempo', message: 'Esta página estuvo abierta demasiado tiempo para enviarla. Vuelva a cargar la página y envíela otra vez: sus respuestas se guardan en este dispositivo.' },
    form_token_used: { title: 'Ya se recibieron', message: 'Estas respuestas ya se habían recibido. Gracias.' },
    token_invalid: { title: 'Esta clave de respuesta no es válida', message: 'Esta clave de respuesta no se emitió para esta encuesta o se modificó en el camino. Abra otra vez su enlace de invitación.' },
    token_used: { title: 'Ya se recibieron', message: 'Esta invitación ya envió sus respuestas. Cada invitación responde una sola vez. Gracias.' },
    token_already_issued: { title: 'Esta invitación se abrió en otro lugar', message: 'Esta invitación ya se abrió en otro navegador o en otro dispositivo, y da una sola clave de respuesta. Vuelva al navegador donde la abrió primero: su clave y sus respuestas se guardan allí hasta que las envíe.' },
  },
};

const thanks: Record<string, ThanksText> = {
  en: {
    title: 'Thank you', message: 'Your answers were saved anonymously. You can close this page.',
    kioskNext: 'This page will start again for the next person in a few seconds.', kioskButton: 'Start for the next person',
    alreadyReceived: 'Your answers had already been received.',
  },
  es: {
    title: 'Gracias', message: 'Sus respuestas se guardaron de forma anónima. Puede cerrar esta página.',
    kioskNext: 'En unos segundos esta página empezará de nuevo para la siguiente persona.', kioskButton: 'Empezar para la siguiente persona',
    alreadyReceived: 'Sus respuestas ya se habían recibido.',
  },
};

/** The languages these pages speak; any other falls back to English. */
export const respondentLanguages = ['en', 'es'] as const;

export function problemText(problem: RespondentProblem, language: string): MessageText {
  return (problems[language] ?? problems.en)?.[problem] ?? { title: problem, message: problem };
}

export function thanksText(language: string): ThanksText {
  const text = thanks[language] ?? thanks.en;
  if (!text) throw new Error('English thank-you text is missing');
  return text;
}

export function isRespondentProblem(code: ErrorCode): code is ErrorCode & RespondentProblem {
  return Object.hasOwn(problems.en ?? {}, code);
}
