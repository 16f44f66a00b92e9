/**
 * Themes of free-text comments, assigned on the server from a fixed word list: no outside
 * service ever reads a comment. The themes follow the constructs PeerClimate measures (DOMAIN.md)
 * plus the workplace words peer staff use for them, in English and Spanish. A word matches at
 * the start of a word, ignoring case and accents ("supervis" matches "Supervisión").
 */
export type Theme = { key: string; label: string };

const lexicon: ReadonlyArray<Theme & { stems: readonly string[] }> = [
  { key: 'role_clarity', label: 'Role and expectations', stems: ['role', 'duties', 'duty', 'job description', 'expectation', 'scope', 'evaluat', 'responsibilit', 'rol', 'funcion', 'expectativa', 'tareas'] },
  { key: 'microaggressions_stigma', label: 'Stigma and how peers are treated', stems: ['stigma', 'joke', 'label', 'diagnos', 'discriminat', 'fragile', 'treated like', 'patient', 'estigma', 'broma', 'etiqueta', 'discrimina'] },
  { key: 'perceived_value_support', label: 'Being valued and included', stems: ['valued', 'value', 'respect', 'recogni', 'appreciat', 'listen', 'opinion', 'included', 'invited', 'meeting', 'team', 'colleague', 'valor', 'respet', 'reconoc', 'equipo', 'reunion'] },
  { key: 'supervision_support', label: 'Supervision, training and career', stems: ['supervis', 'manager', 'training', 'mentor', 'career', 'promotion', 'grow', 'formacion', 'capacitacion', 'carrera'] },
  { key: 'job_conditions_wellbeing', label: 'Pay, workload and well-being', stems: ['pay', 'salary', 'wage', 'workload', 'caseload', 'stress', 'burnout', 'burned out', 'wellness', 'well-being', 'wellbeing', 'hours', 'security', 'contract', 'tired', 'sueldo', 'salario', 'carga', 'estres', 'agotad', 'bienestar', 'horas'] },
  { key: 'recovery_culture', label: 'Recovery-oriented culture', stems: ['recovery', 'person-cent', 'person cent', 'co-design', 'language', 'peer support', 'peer voice', 'recuperacion', 'lenguaje'] },
];

/** Every theme in a fixed order, and the one for comments no word places. */
export const themes: readonly Theme[] = lexicon.map(({ key, label }) => ({ key, label }));
export const otherTheme: Theme = { key: 'other', label: 'Other' };

/** Lower case without accents, so "Supervisión" and "supervision" read alike. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const matchers = lexicon.map((theme) => ({ key: theme.key, pattern: new RegExp(`(^|[^\\p{L}])(${theme.stems.map(escapeRegExp).join('|')})`, 'u') }));

/** The keys of the themes a comment speaks to, in theme order; ["other"] when none. */
export function assignThemes(text: string): string[] {
  const folded = foldText(text);
  const keys = matchers.filter((matcher) => matcher.pattern.test(folded)).map((matcher) => matcher.key);
  return keys.length > 0 ? keys : [otherTheme.key];
}

/** Whether a comment holds the search words: every word, anywhere, ignoring case and accents. */
export function matchesSearch(text: string, search: string): boolean {
  const folded = foldText(text);
  return foldText(search).split(/\s+/).filter((word) => word !== '').every((word) => folded.includes(word));
}
