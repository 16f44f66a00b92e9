import { escapeHtml } from '../../../mail/html.js';

/**
 * The invitation and reminder e-mails, in English and Spanish: plain text and HTML with the same
 * words, no images (no tracking pixel) and the personal link written out as it is (no redirect).
 */
export type InvitationMail = {
  kind: 'invitation' | 'reminder';
  language: 'en' | 'es';
  organizationName: string;
  waveName: string;
  unitName: string;
  closesOn: string | null;
  link: string;
};

type Words = {
  subject: (mail: InvitationMail) => string;
  opening: (mail: InvitationMail) => string;
  reminder: string;
  closes: (day: string) => string;
  anonymity: string;
  personal: string;
  crisis: string;
};

const words: Record<InvitationMail['language'], Words> = {
  en: {
    subject: (mail) => `${mail.kind === 'reminder' ? 'Reminder: your' : 'Your'} invitation to the ${mail.waveName} survey (${mail.organizationName})`,
    opening: (mail) => `${mail.organizationName} invites you, as a member of ${mail.unitName}, to answer the ${mail.waveName} survey about your workplace.`,
    reminder: 'You receive this reminder because your invitation has not been opened yet. If you have decided not to answer, please ignore it.',
    closes: (day) => `The survey is open until ${day}.`,
    anonymity: 'Your answers are anonymous. When you open the link, your browser makes a one-time answer token that the server signs without seeing it: the organization can know that you opened your invitation, never which answers are yours. Results are shown only for groups large enough that no one stands out.',
    personal: 'This link is yours alone and answers once. Please do not forward it.',
    crisis: 'If you need support right now: in the US, call or text 988 (Suicide & Crisis Lifeline).',
  },
  es: {
    subject: (mail) => `${mail.kind === 'reminder' ? 'Recordatorio: su' : 'Su'} invitación a la encuesta ${mail.waveName} (${mail.organizationName})`,
    opening: (mail) => `${mail.organizationName} le invita, como integrante de ${mail.unitName}, a responder la encuesta ${mail.waveName} sobre su lugar de trabajo.`,
    reminder: 'Recibe este recordatorio porque todavía no abrió su invitación. Si decidió no responder, puede ignorarlo.',
    closes: (day) => `La encuesta está abierta hasta el ${day}.`,
    anonymity: 'Sus respuestas son anónimas. Al abrir el enlace, su navegador crea una clave de respuesta de un solo uso que el servidor firma sin verla: la organización puede saber que usted abrió su invitación, nunca cuáles respuestas son suyas. Los resultados se muestran solo para grupos lo bastante grandes para que nadie se distinga.',
    personal: 'Este enlace es solo para usted y responde una sola vez. Por favor, no lo reenvíe.',
    crisis: 'Si necesita apoyo ahora mismo: en EE. UU., llame o envíe un texto al 988 (Línea de Prevención del Suicidio y Crisis).',
  },
};

export function composeInvitationMail(mail: InvitationMail): { subject: string; text: string; html: string } {
  const chosen = words[mail.language];
  const paragraphs = [
    chosen.opening(mail),
    ...(mail.kind === 'reminder' ? [chosen.reminder] : []),
    mail.link,
    ...(mail.closesOn ? [chosen.closes(mail.closesOn)] : []),
    chosen.anonymity,
    chosen.personal,
    chosen.crisis,
  ];
  const html = paragraphs.map((paragraph) => (paragraph === mail.link
    ? `<p><a href="${escapeHtml(mail.link)}">${escapeHtml(mail.link)}</a></p>`
    : `<p>${escapeHtml(paragraph)}</p>`)).join('\n');
  return {
    subject: chosen.subject(mail),
    text: `${paragraphs.join('\n\n')}\n`,
    html: `<!doctype html>\n<html lang="${mail.language}"><body>\n${html}\n</body></html>\n`,
  };
}
