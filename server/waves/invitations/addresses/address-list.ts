/**
 * A pasted or uploaded list of addresses: one per line, `email,unit` or `email,unit,language`
 * (en or es), or only `email` when a unit is chosen for the whole list. A first line that starts
 * with "email" is a header. Every problem names its line; a list with any problem stores nothing.
 */
export type WaveUnitName = { id: string; name: string };
export type ListedAddress = { line: number; email: string; unitId: string; language: 'en' | 'es' };
export type AddressProblem = { line: number; message: string };
export type ParsedAddressList = { addresses: ListedAddress[]; problems: AddressProblem[] };

export const maxAddressesPerList = 5000;

// Deliberately plain: one @, no spaces or commas, a dot in the domain. The mail server decides the rest.
const addressPattern = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/;

function splitFields(line: string): string[] {
  return line.split(/[,;\t]/).map((field) => field.trim().replace(/^"(.*)"$/, '$1').trim());
}

function readLine(fields: string[], units: ReadonlyMap<string, string>, defaultUnitId: string | undefined): ListedAddress | string {
  const [rawEmail = '', unitName = '', language = ''] = fields;
  const email = rawEmail.toLowerCase();
  if (email.length > 254 || !addressPattern.test(email)) return `"${rawEmail}" is not an e-mail address`;
  const unitId = unitName === '' ? defaultUnitId : units.get(unitName.toLowerCase());
  if (!unitId) return unitName === '' ? 'no unit: add ",unit name" or choose a unit for the whole list' : `"${unitName}" is not a unit of this wave`;
  const normalLanguage = language.toLowerCase() || 'en';
  if (normalLanguage !== 'en' && normalLanguage !== 'es') return `"${language}" is not a language of the invitation (en or es)`;
  if (fields.length > 3) return 'too many fields: give email,unit or email,unit,language';
  return { line: 0, email, unitId, language: normalLanguage };
}

export function parseAddressList(text: string, units: readonly WaveUnitName[], defaultUnitId: string | undefined, known: ReadonlySet<string>): ParsedAddressList {
  const byName = new Map(units.map((unit) => [unit.name.trim().toLowerCase(), unit.id]));
  const addresses: ListedAddress[] = [];
  const problems: AddressProblem[] = [];
  const seen = new Map<string, number>();
  text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || (addresses.length === 0 && problems.length === 0 && /^\s*"?e-?mail"?\s*([,;\t]|$)/i.test(raw))) return;
    const read = readLine(splitFields(raw), byName, defaultUnitId);
    if (typeof read === 'string') return void problems.push({ line, message: read });
    const earlier = seen.get(read.email);
    if (earlier !== undefined) return void problems.push({ line, message: `${read.email} is already on line ${earlier}` });
    if (known.has(read.email)) return void problems.push({ line, message: `${read.email} was already invited to this wave` });
    seen.set(read.email, line);
    addresses.push({ ...read, line });
  });
  if (addresses.length + problems.length === 0) problems.push({ line: 1, message: 'the list is empty: give one address per line' });
  if (addresses.length > maxAddressesPerList) problems.push({ line: maxAddressesPerList + 1, message: `at most ${maxAddressesPerList} addresses at a time` });
  return { addresses, problems };
}
