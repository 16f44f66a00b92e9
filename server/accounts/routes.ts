import { finished } from 'node:stream/promises';
import { guestAccess, platformAdmin, signedIn } from '../http/access.js';
import { clearCookie, deviceCookie, languageCookie, readCookies, sessionCookie, setCookie } from '../http/cookies.js';
import { isLocalPath } from '../http/errors.js';
import { isStaffLanguage } from '../i18n/languages.js';
import { mailedBaseUrl, publicBaseUrl } from '../http/links.js';
import { actingStaff, defineRoute, NoInput, privatePage } from '../http/route.js';
import { loginNoticeText, presentAccountList, presentForgotPassword, presentHome } from './present.js';
import {
  AccountInput, ChangePasswordInput, ChooseLanguageInput, ChangePasswordPageInput, ForgotPasswordInput, ForgotPasswordPageInput, LinkPageInput, LoginPageInput, SetPasswordInput, SetupInput, SignInInput,
} from './schema.js';
import {
  changePassword, completeSetup, findUsableLink, limitPasswordResetRequests, listAccounts, mailedResetLinkHours, mailPasswordReset,
  resetPassword, revokeSessions, sessionLifetimeHours, setAccountLanguage, setPasswordWithLink, signIn, signOut, trustedDeviceDays,
} from './service.js';

const languageCookieDays = 365;

function localPathOr(next: string | undefined, fallback: string): string {
  return next !== undefined && isLocalPath(next) ? next : fallback;
}

export const accountRoutes = [
  defineRoute({
    method: 'get', path: '/', access: signedIn, input: NoInput,
    handler(context, res) {
      res.set(privatePage).render('accounts/home', presentHome(context.t, actingStaff(context)));
    },
  }),
  defineRoute({
    method: 'get', path: '/login', access: guestAccess, input: LoginPageInput,
    handler({ input, staff }, res) {
      if (staff) {
        res.redirect(303, localPathOr(input.query.next, '/'));
        return;
      }
      res.set(privatePage).render('accounts/login', { title: 'Sign in', next: input.query.next ?? '', notice: loginNoticeText(input.query.notice) });
    },
  }),
  defineRoute({
    method: 'get', path: '/login/forgot', access: guestAccess, input: ForgotPasswordPageInput,
    handler({ input, t }, res) {
      res.set(privatePage).render('accounts/forgot-password', presentForgotPassword(t, input.query.sent === '1', mailedResetLinkHours));
    },
  }),
  defineRoute({
    method: 'post', path: '/login/forgot', access: guestAccess, input: ForgotPasswordInput,
    formPage({ t }, problems, res) {
      res.set(privatePage).render('accounts/forgot-password', presentForgotPassword(t, false, mailedResetLinkHours, problems));
      return Promise.resolve();
    },
    async handler({ input, db, deps, req, language }, res) {
      await limitPasswordResetRequests(db, input.body.email);
      res.redirect(303, '/login/forgot?sent=1');
      // Only once the answer has been handed to the network and the event loop has read what came
      // in meanwhile, so its timing cannot tell whether the address has an account: PGlite runs the
      // work's statements in this thread, and begun at once they delayed whatever was waiting.
      await finished(res).catch(() => undefined);
      await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
      if (await mailPasswordReset(db, input.body.email, mailedBaseUrl(req, deps.config), language)) deps.kickMail?.();
    },
  }),
  defineRoute({
    method: 'post', path: '/login', access: guestAccess, input: SignInInput,
    async handler({ input, db, deps, req }, res) {
      const cookies = readCookies(req);
      const browserLanguage = cookies.get(languageCookie);
      const { token, accountId, deviceToken } = await signIn(db, input.body, cookies.get(deviceCookie), isStaffLanguage(browserLanguage) ? browserLanguage : undefined);
      deps.log.info('staff signed in', { accountId });
      setCookie(req, res, deps.config, sessionCookie, token, sessionLifetimeHours * 3_600_000);
      setCookie(req, res, deps.config, deviceCookie, deviceToken, trustedDeviceDays * 86_400_000);
      res.redirect(303, localPathOr(input.body.next, '/'));
    },
  }),
  defineRoute({
    method: 'post', path: '/logout', access: signedIn, input: NoInput,
    async handler(context, res) {
      await signOut(context.db, actingStaff(context));
      clearCookie(context.req, res, context.deps.config, sessionCookie);
      res.redirect(303, '/login?notice=signed_out');
    },
  }),
  defineRoute({
    // Guest access: the switch works on the sign-in page too; signed in, the account remembers it.
    method: 'post', path: '/account/language', access: guestAccess, input: ChooseLanguageInput,
    async handler({ input, db, deps, req, staff }, res) {
      if (staff) await setAccountLanguage(db, staff, input.body.language);
      setCookie(req, res, deps.config, languageCookie, input.body.language, languageCookieDays * 86_400_000);
      res.redirect(303, localPathOr(input.body.back, '/'));
    },
  }),
  defineRoute({
    method: 'get', path: '/account/password', access: signedIn, input: ChangePasswordPageInput,
    handler({ input }, res) {
      res.set(privatePage).render('accounts/change-password', { title: 'Change your password', isChanged: input.query.changed === '1' });
    },
  }),
  defineRoute({
    method: 'post', path: '/account/password', access: signedIn, input: ChangePasswordInput,
    async handler(context, res) {
      await changePassword(context.db, actingStaff(context), context.input.body);
      res.redirect(303, '/account/password?changed=1');
    },
  }),
  defineRoute({
    method: 'get', path: '/setup/:token', access: guestAccess, input: LinkPageInput,
    async handler({ input, db }, res) {
      await findUsableLink(db, input.params.token, 'setup');
      res.set(privatePage).render('accounts/setup', { title: 'Set up PeerClimate' });
    },
  }),
  defineRoute({
    method: 'post', path: '/setup/:token', access: guestAccess, input: SetupInput,
    async handler({ input, db }, res) {
      await completeSetup(db, input.params.token, input.body);
      res.redirect(303, '/login?notice=setup_done');
    },
  }),
  defineRoute({
    method: 'get', path: '/password/:token', access: guestAccess, input: LinkPageInput,
    async handler({ input, db }, res) {
      const link = await findUsableLink(db, input.params.token, 'set_password');
      res.set(privatePage).render('accounts/set-password', { title: 'Choose your password', email: link.email ?? '' });
    },
  }),
  defineRoute({
    method: 'post', path: '/password/:token', access: guestAccess, input: SetPasswordInput,
    async handler({ input, db }, res) {
      await setPasswordWithLink(db, input.params.token, input.body.password);
      res.redirect(303, '/login?notice=password_set');
    },
  }),
  defineRoute({
    method: 'get', path: '/admin/accounts', access: platformAdmin, input: NoInput,
    async handler({ db, t }, res) {
      res.set(privatePage).render('accounts/accounts', presentAccountList(t, await listAccounts(db)));
    },
  }),
  defineRoute({
    method: 'post', path: '/admin/accounts/:accountId/sessions/revoke', access: platformAdmin, input: AccountInput,
    async handler(context, res) {
      await revokeSessions(context.db, actingStaff(context), context.input.params.accountId);
      res.redirect(303, '/admin/accounts');
    },
  }),
  defineRoute({
    method: 'post', path: '/admin/accounts/:accountId/password-link', access: platformAdmin, input: AccountInput,
    async handler(context, res) {
      const { email, token } = await resetPassword(context.db, actingStaff(context), context.input.params.accountId);
      res.set(privatePage).render('accounts/link-issued', {
        title: 'One-time link', email, link: `${publicBaseUrl(context.req, context.deps.config)}/password/${token}`, isNewAccount: false,
      });
    },
  }),
];
