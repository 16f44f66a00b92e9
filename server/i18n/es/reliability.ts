import type { Catalogue } from '../translate.js';

/** The reliability report of a closed wave (its CSV stays English: it is data for statistics software). */
export const reliability: Catalogue = {
  'Reliability: {wave}': 'Fiabilidad: {wave}',
  'How it is computed': 'Cómo se calcula',
  'Incomplete responses:': 'Respuestas incompletas:',
  'listwise: only respondents who answered every item of the subscale': 'casos completos: solo las personas que respondieron todos los ítems de la subescala',
  "{rule} (listwise deletion, as R's {function} on complete cases).": '{rule} (eliminación por lista, como {function} de R con casos completos).',
  '{n} is the number of such respondents.': '{n} es el número de esas personas.',
  "{leftOut} is the group's other respondents, who skipped at least one item.": '{leftOut} son las demás personas del grupo, que omitieron al menos un ítem.',
  'Left out': 'Excluidas',
  'Reverse-worded items are reversed first, so every item points the same way.': 'Primero se invierten los ítems redactados en sentido inverso, para que todos los ítems apunten en la misma dirección.',
  Alpha: 'Alfa',
  "Cronbach's alpha.": 'alfa de Cronbach.',
  Omega: 'Omega total',
  "McDonald's omega total from a one-factor maximum-likelihood model (n/a when it cannot be estimated, e.g. fewer than 3 items).":
    'omega total de McDonald a partir de un modelo de un factor por máxima verosimilitud (n/d cuando no se puede estimar, por ejemplo con menos de 3 ítems).',
  'Per item: {itemRest} (its correlation with the sum of the other items) and {alphaIfDeleted}.':
    'Por ítem: {itemRest} (su correlación con la suma de los demás ítems) y {alphaIfDeleted}.',
  'item-rest r': 'r ítem-resto',
  'alpha if deleted': 'alfa si se elimina',
  'Shown only for groups the dashboard shows (at least k = {k} respondents, and not hidden to protect another group), and only where at least {minimum} respondents answered every item of the subscale.':
    'Se muestra solo para los grupos que muestra el panel de resultados (al menos k = {k} personas que responden, y no ocultos para proteger a otro grupo), y solo cuando al menos {minimum} personas respondieron todos los ítems de la subescala.',
  'Download:': 'Descargar:',
  'CSV for statistics software (R, SPSS, Stata, Python)': 'CSV para software estadístico (R, SPSS, Stata, Python)',
  'CSV for spreadsheets (Excel, LibreOffice)': 'CSV para hojas de cálculo (Excel, LibreOffice)',
  'In LibreOffice Calc, choose {option} in the import dialog.': 'En LibreOffice Calc, elija {option} en el diálogo de importación.',
  'Character set: Unicode (UTF-8)': 'Conjunto de caracteres: Unicode (UTF-8)',
  'Not shown: too few respondents, or hidden so that another group cannot be worked out.':
    'No se muestra: muy pocas personas respondieron, o se oculta para que no se pueda deducir otro grupo.',
  'not shown: too few respondents, or hidden so that another group cannot be worked out': 'no se muestra: muy pocas personas respondieron, o se oculta para que no se pueda deducir otro grupo',
  'fewer than {minimum} complete responses': 'menos de {minimum} respuestas completas',
  'Not shown': 'No se muestra',
  'n/a': 'n/d',
  '{group}: {count} respondents': '{group}: {count} personas que responden',
  Subscale: 'Subescala',
  Note: 'Nota',
  'Items of {subscale} ({group})': 'Ítems de {subscale} ({group})',
  'Item statistics: {subscale}, {group}': 'Estadísticas por ítem: {subscale}, {group}',
  Question: 'Pregunta',
  'Item-rest r': 'r ítem-resto',
  'Alpha if deleted': 'Alfa si se elimina',
  'Role group not given': 'Grupo de función no indicado',
  'Reliability is reported only after the wave closes, so that two reports cannot be compared to single out the newest answers.':
    'La fiabilidad se informa solo después de que la ronda se cierra, para que no se puedan comparar dos informes y aislar las respuestas más recientes.',
};
