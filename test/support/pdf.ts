import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { hasCommand, skipTier } from './tiers.js';

/** Skips the test by name where poppler's pdftotext is missing (.ci/run installs it). */
export async function requirePdfText(context: Mocha.Context): Promise<void> {
  if (!(await hasCommand('pdftotext'))) skipTier(context, 'PDF text', 'no pdftotext on PATH (apt-get install poppler-utils)');
}

/**
 * A PDF's text as poppler reads it: pages end with a form feed, and the layout is kept so each
 * table row reads as one line.
 */
export async function readPdfText(pdf: Buffer): Promise<string> {
  const running = promisify(execFile)('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { encoding: 'utf8' });
  running.child.stdin?.end(pdf);
  return (await running).stdout;
}

/** The text with every run of white space made one space, to find a wrapped sentence. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ');
}
