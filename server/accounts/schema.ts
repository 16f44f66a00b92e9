import { z } from 'zod';
import { staffLanguages } from '../i18n/languages.js';
import { passwordMaxLength } from './passwords.js';

/** E-mail addresses compare lower-cased and trimmed, so one person has one account. */
export const Email = z.string().trim().toLowerCase().max(254, 'must be at most 254 characters')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address');

// The length rule itself is checked by the service (checkNewPassword) with a clear message;
// this bound only keeps absurd bodies away from the hasher.
const Password = z.string().min(1, 'is required').max(passwordMaxLength * 5, 'is too long');
const Next = z.string().max(2000).optional();

export const ChooseLanguageInput = z.object({
  body: z.object({ language: z.enum(staffLanguages), back: Next }),
});

export const loginNotices = ['setup_done', 'password_set', 'signed_out'] as const;

export const LoginPageInput = z.object({
  query: z.object({ next: Next, notice: z.enum(loginNotices).optional() }),
});

export const SignInInput = z.object({
  body: z.object({ email: Email, password: Password, next: Next }),
});

const TokenParams = z.object({ token: z.string().min(1).max(100) });

export const LinkPageInput = z.object({ params: TokenParams });

function confirmationMatches(body: { password: string; confirmPassword: string }): boolean {
  return body.password === body.confirmPassword;
}
const confirmationProblem = { message: 'does not match the password', path: ['confirmPassword'] };

export const SetupInput = z.object({
  params: TokenParams,
  body: z.object({ email: Email, password: Password, confirmPassword: z.string() }).refine(confirmationMatches, confirmationProblem),
});

export const SetPasswordInput = z.object({
  params: TokenParams,
  body: z.object({ password: Password, confirmPassword: z.string() }).refine(confirmationMatches, confirmationProblem),
});

export const ChangePasswordPageInput = z.object({ query: z.object({ changed: z.literal('1').optional() }) });

export const ChangePasswordInput = z.object({
  body: z.object({ currentPassword: Password, newPassword: Password, confirmPassword: z.string() })
    .refine((body) => body.newPassword === body.confirmPassword, { message: 'does not match the new password', path: ['confirmPassword'] }),
});

export const AccountInput = z.object({ params: z.object({ accountId: z.uuid('must be an account id') }) });

export const ForgotPasswordPageInput = z.object({ query: z.object({ sent: z.literal('1').optional() }) });

export const ForgotPasswordInput = z.object({ body: z.object({ email: Email }) });
