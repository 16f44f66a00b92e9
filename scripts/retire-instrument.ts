/**
 * `npm run retire-instrument -- <key> <version> [--organization <uuid>]`: retires a published
 * instrument version. Its waves then refuse new answers (410 instrument_retired); stored
 * responses, results and its codebook stay. Without --organization it names a built-in
 * instrument from surveys/. On PGlite, stop the server first.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../server/http/errors.js';
import { retireInstrumentVersion } from '../server/instruments/service.js';
import { openConfiguredDatabase, runScript } from './support.js';

const usage = 'usage: npm run retire-instrument -- <key> <version> [--organization <organization uuid>]';

const Args = z.object({
  key: z.string().min(1),
  version: z.coerce.number().int().min(1),
  organization: z.uuid().optional(),
});

await runScript(async () => {
  const { values, positionals } = parseArgs({ options: { organization: { type: 'string' } }, allowPositionals: true });
  const [key, version, ...extra] = positionals;
  const args = Args.safeParse({ key, version, organization: values.organization });
  if (!args.success || extra.length > 0) throw new AppError('invalid_input', usage);
  const db = await openConfiguredDatabase();
  try {
    const id = await retireInstrumentVersion(db, args.data.organization ?? null, args.data.key, args.data.version);
    return `Retired ${args.data.key} version ${args.data.version} (id ${id}); its waves no longer take answers.`;
  } finally {
    await db.close();
  }
});
