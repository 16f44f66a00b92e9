/**
 * The password rule, after NIST SP 800-63B §5.1.1.2: length matters, composition rules do not.
 * At least 12 characters; at most 200, since a longer one is pasted from somewhere else and
 * only costs hashing time. Returns the problem, or undefined when the password may be used.
 */
export const passwordMinLength = 12;
export const passwordMaxLength = 200;

export function checkNewPassword(password: string, email: string): string | undefined {
  if (password.length < passwordMinLength) return `must be at least ${passwordMinLength} characters`;
  if (password.length > passwordMaxLength) return `must be at most ${passwordMaxLength} characters`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'must not be your email address';
  return undefined;
}
