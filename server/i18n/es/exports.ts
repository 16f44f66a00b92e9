import type { Catalogue } from '../translate.js';

/**
 * The researchers' export page. The exported files themselves (CSV, codebook, R, SPSS and Stata
 * syntax) are data for software and stay as they are; file and program names are not translated.
 */
export const exportsPage: Catalogue = {
  'Exports: {organization}': 'Exportaciones: {organization}',
  '{instrument} (version {version}) · {status} · k = {k}': '{instrument} (versión {version}) · {status} · k = {k}',
  draft: 'borrador',
  scheduled: 'programada',
  open: 'abierta',
  closed: 'cerrada',
  '{instrument}: all waves': '{instrument}: todas las rondas',
  'Closed waves: {waves}': 'Rondas cerradas: {waves}',
  'Closed waves: none yet': 'Rondas cerradas: ninguna todavía',
  'Data leave PeerClimate only from {closed} waves: two downloads of an open wave would differ by the newest answers. Every download is recorded in the audit log.':
    'Los datos salen de PeerClimate solo de una ronda {closed}: dos descargas de una ronda abierta se diferenciarían en las respuestas más recientes. Cada descarga queda en el registro de auditoría.',
  '{aggregated} (CSV): each group (wave, role group, unit, unit × role group) × subscale with n, mean, SD and % favorable. Groups hidden by the minimum group size k, or to protect another group, show {suppressed} and no numbers.':
    '{aggregated} (CSV): cada grupo (ronda, grupo de rol, unidad, unidad × grupo de rol) × subescala con n, media, DE y % favorable. Los grupos ocultos por el tamaño mínimo de grupo k, o para proteger a otro grupo, muestran {suppressed} y ninguna cifra.',
  Aggregated: 'Agregados',
  '{codebook} (CSV), {spss} and {stata}: every column of the respondent-level file, its question and value labels (SPSS: missing values too; Stata 14 or later: coded text such as the role group becomes labelled numbers).':
    '{codebook} (CSV), {spss} y {stata}: cada columna del archivo por persona que responde, con su pregunta y las etiquetas de sus valores (SPSS: también los valores perdidos; Stata 14 o posterior: el texto codificado, como el grupo de rol, se convierte en números con etiqueta).',
  "{reliability} (page and CSV, per closed wave): Cronbach's alpha, omega, item-rest correlations and alpha if an item is deleted, per subscale.":
    '{reliability} (página y CSV, por ronda cerrada): alfa de Cronbach, omega, correlaciones ítem-resto y alfa si se elimina el ítem, por subescala.',
  Reliability: 'Fiabilidad',
  '{respondentLevel} (CSV, researchers only): one row per response in random order, with unit, role group and tenure band merged into "other" or left empty until every group and every unit × role group × tenure band combination has at least k responses (the {coarseningNotes} list what was changed). Comments only where the wave allows it and you ask for them.':
    '{respondentLevel} (CSV, solo investigadores(as)): una fila por respuesta en orden aleatorio, con la unidad, el grupo de rol y el rango de antigüedad agrupados en "other" (otro) o dejados vacíos hasta que cada grupo y cada combinación de unidad × grupo de rol × rango de antigüedad tenga al menos k respuestas (las {coarseningNotes} indican qué se cambió). Comentarios solo donde la ronda lo permite y usted los pide.',
  'Respondent-level': 'Por persona que responde',
  'coarsening notes': 'notas de agrupación',
  'Two kinds of CSV file': 'Dos tipos de archivo CSV',
  '{statistics} (R, SPSS, Stata, Python): UTF-8, every answer exactly as typed. The R snippet, the SPSS syntax and the Stata do-file read this one.':
    '{statistics} (R, SPSS, Stata, Python): UTF-8, cada respuesta exactamente como se escribió. El código de R, la sintaxis de SPSS y el archivo do de Stata leen este.',
  'For statistics software': 'Para programas de estadística',
  '{spreadsheets} (Excel, LibreOffice Calc): UTF-8 with a byte-order mark, which Excel needs to show accents, and a {quote} put before any text starting with {equals}, {plus}, {minus} or {at}, so that no answer runs as a formula.':
    '{spreadsheets} (Excel, LibreOffice Calc): UTF-8 con marca de orden de bytes (BOM), que Excel necesita para mostrar los acentos, y un {quote} delante de todo texto que empiece por {equals}, {plus}, {minus} o {at}, para que ninguna respuesta se ejecute como fórmula.',
  'That {quote} is not part of the answer: do not analyse this file in statistics software.':
    'Ese {quote} no es parte de la respuesta: no analice este archivo en un programa de estadística.',
  'For spreadsheets': 'Para hojas de cálculo',
  // LibreOffice's own Spanish labels in its Text Import dialog.
  '{calc} ignores the byte-order mark: in its Text Import dialog, set {characterSet} to {unicode} and {separatedBy} to {comma}, or accents come out wrong.':
    '{calc} no tiene en cuenta la marca de orden de bytes: en su cuadro de diálogo Importar texto, elija {characterSet} {unicode} y {separatedBy} {comma}; si no, los acentos salen mal.',
  'Character set': 'Juego de caracteres',
  'Separated by': 'Separado por',
  Comma: 'Coma',
  'Respondent-level CSV of {set}': 'CSV por persona que responde de {set}',
  'Include free-text comments': 'Incluir los comentarios de texto libre',
  'Respondent-level CSV for statistics software': 'CSV por persona que responde para programas de estadística',
  'Respondent-level CSV for spreadsheets': 'CSV por persona que responde para hojas de cálculo',
  'Coarsening notes:': 'Notas de agrupación:',
  'CSV for statistics software': 'CSV para programas de estadística',
  'for spreadsheets': 'para hojas de cálculo',
  'Aggregated:': 'Agregados:',
  'Codebook:': 'Libro de códigos:',
  'SPSS syntax': 'Sintaxis de SPSS',
  'with comments': 'con comentarios',
  'Stata do-file': 'Archivo do de Stata',
  'Reliability report': 'Informe de fiabilidad',
  '(alpha and omega per subscale)': '(alfa y omega por subescala)',
  'R: read the respondent-level file with its codebook': 'R: leer el archivo por persona que responde con su libro de códigos',
  'Not closed yet: data exports open when the wave closes.': 'Todavía no está cerrada: las exportaciones de datos se habilitan cuando la ronda se cierra.',
  'Codebook (CSV)': 'Libro de códigos (CSV)',
  Waves: 'Rondas',
  'One instrument across waves': 'Un instrumento en varias rondas',
  'Rows of every closed wave that used the instrument with the same questions, with wave and instrument version columns. The coarsening is worked out over the whole file with the largest k of its waves; a wave with fewer than k responses is left out.':
    'Filas de cada ronda cerrada que usó el instrumento con las mismas preguntas, con columnas de ronda y de versión del instrumento. La agrupación se calcula sobre todo el archivo con el k más grande de sus rondas; se omite una ronda con menos de k respuestas.',
};
