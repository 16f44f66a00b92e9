/**
 * The invitation download: one row per single-use link, for mail-merge or printing. The
 * tokens exist only in this file; the server keeps their hashes.
 */
export type InvitationLine = { unitName: string; link: string };

// A cell that a spreadsheet would run as a formula is prefixed with an apostrophe (OWASP CSV injection).
function escapeCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with CRLF line ends and a header row: wave, unit, link. */
export function formatInvitationCsv(waveName: string, lines: readonly InvitationLine[]): string {
  const rows = [['wave', 'unit', 'link'], ...lines.map((line) => [waveName, line.unitName, line.link])];
  return rows.map((row) => row.map(escapeCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name from the wave name, keeping only characters every system accepts. */
export function invitationFileName(waveName: string): string {
  const slug = waveName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `invitations-${slug || 'wave'}.csv`;
}
