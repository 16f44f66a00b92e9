import type { Translate } from '../i18n/translate.js';
import { escapeHtml } from '../mail/html.js';
import type { OutgoingMail } from '../mail/service.js';

/**
 * The "Forgot your password?" message, in the language the account reads PeerClimate in: the
 * one-time link as it is, in text and HTML (no tracking, no rewritten link), how long it
 * works, and what to do if the person did not ask.
 */
export function composePasswordResetMail(t: Translate, to: string, link: string, validHours: number): OutgoingMail {
  const asked = t('Someone asked to reset the password of your PeerClimate account.');
  const choose = t('Choose a new password here (the link works once, within {hours} hours):', { hours: validHours });
  const ignore = t('If you did not ask, ignore this message: your password stays as it is.');
  return {
    to,
    subject: t('Reset your PeerClimate password'),
    text: `${asked}\n\n${choose}\n${link}\n\n${ignore}\n`,
    html: `<p>${escapeHtml(asked)}</p>\n<p>${escapeHtml(choose)}<br>\n<a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>\n<p>${escapeHtml(ignore)}</p>\n`,
  };
}
