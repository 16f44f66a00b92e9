/**
 * `npm run import-instrument -- --organization <uuid> <file.json>`: imports an organization's
 * own instrument (SurveyJS JSON plus metadata, as in surveys/). A bad file is refused with
 * the file and field named, and nothing is stored. On PGlite, stop the server first: it holds
 * the data folder exclusively.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../server/http/errors.js';
import { importInstrument } from '../server/instruments/service.js';
import { openConfiguredDatabase, runScript } from './support.js';

const usage = 'usage: npm run import-instrument -- --organization <organization uuid> <file.json>';

await runScript(async () => {
  const { values, positionals } = parseArgs({ options: { organization: { type: 'string' } }, allowPositionals: true });
  const organizationId = z.uuid().safeParse(values.organization);
  const [file, ...extra] = positionals;
  if (!organizationId.success || !file || extra.length > 0) throw new AppError('invalid_input', usage);
  const text = await fs.readFile(file, 'utf8');
  const db = await openConfiguredDatabase();
  try {
    const imported = await importInstrument(db, organizationId.data, path.basename(file), text);
    return `${imported.isNew ? 'Imported' : 'Already imported'} ${imported.instrument.key} version ${imported.instrument.version} (id ${imported.id}).`;
  } finally {
    await db.close();
  }
});
