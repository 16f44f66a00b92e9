import type { Catalogue } from '../translate.js';

/**
 * The wave page's personal invitations (server/waves/invitations/): e-mail addresses, reminders,
 * the mail sent, printed cards, and the problems of their forms. The e-mails themselves and the
 * cards' PDF speak the respondent's language (mail-text.ts, card-pdf.ts), not this catalogue.
 */
export const invitations: Catalogue = {
  '"Opened" counts invitations whose survey page made its one-time answer token: it is shown per unit only once {k} have been, and it never tells which person opened one or which answers are theirs.':
    '"Abiertas" cuenta las invitaciones cuya página de encuesta generó su token de respuesta de un solo uso: se muestra por unidad solo cuando se han abierto {k}, y nunca indica qué persona abrió una ni cuáles respuestas son suyas.',
  'Invite by e-mail': 'Invitar por correo electrónico',
  "PeerClimate sends each address one e-mail, in English or Spanish, with a personal link. Opening it makes a one-time answer token in the person's browser that the server signs without seeing, so nobody, PeerClimate included, can tell which answers came from which invitation. Addresses are deleted when the wave closes.":
    'PeerClimate envía a cada dirección un correo electrónico, en inglés o en español, con un enlace personal. Al abrirlo se genera en el navegador de la persona un token de respuesta de un solo uso que el servidor firma sin verlo, así que nadie, ni siquiera PeerClimate, puede saber qué respuestas vinieron de qué invitación. Las direcciones se eliminan cuando la ronda se cierra.',
  'Choose a CSV file (columns email, unit and, for Spanish, es)': 'Elija un archivo CSV (columnas email, unit y, para español, es)',
  'or paste the addresses, one per line: {plain} or {withLanguage} for Spanish': 'o pegue las direcciones, una por línea: {plain} o {withLanguage} para español',
  'Paste from a spreadsheet (CSV with the columns email and unit). A line with only an address takes the unit chosen below.':
    'Pegue desde una hoja de cálculo (CSV con las columnas email y unit). Una línea que solo tiene una dirección recibe la unidad elegida abajo.',
  'Unit for lines without one': 'Unidad para las líneas que no indican una',
  '(each line names its unit)': '(cada línea indica su unidad)',
  'Send the invitations': 'Enviar las invitaciones',
  'Invitations can be sent while the wave is open.': 'Las invitaciones se pueden enviar mientras la ronda está abierta.',
  'Addresses you uploaded ({count}); only you see them, and not whether they were opened':
    'Direcciones que usted cargó ({count}); solo usted las ve, y no se indica si se abrieron',

  // Reminders.
  Reminders: 'Recordatorios',
  'A reminder goes only to addresses whose invitation has not been opened yet; nobody sees which ones. At most three per wave.':
    'Un recordatorio se envía solo a las direcciones cuya invitación todavía no se ha abierto; nadie ve cuáles son. Como máximo tres por ronda.',
  Cancel: 'Cancelar',
  'Send a reminder ({count} left)': 'Enviar un recordatorio (quedan {count})',
  Now: 'Ahora',
  'On a later day': 'Otro día más adelante',
  'Day (for a later reminder)': 'Día (para un recordatorio posterior)',
  'Add the reminder': 'Agregar el recordatorio',
  'Scheduled for {day}': 'Programado para el {day}',
  'Sent {day} to {count} address whose invitation had not been opened': 'Enviado el {day} a {count} dirección cuya invitación no se había abierto',
  'Sent {day} to {count} addresses whose invitation had not been opened': 'Enviado el {day} a {count} direcciones cuya invitación no se había abierto',

  // The mail sent for the wave (views/mail/batches.ejs).

  // Printed cards.
  'Print survey cards': 'Imprimir tarjetas de la encuesta',
  "For staff without e-mail: a PDF of cards, eight to a page, each with a short code and a QR code. Shuffle each unit's cards and let people take one: PeerClimate keeps only a hash of each code, never who got which card, and each card answers once. The PDF is the only copy of the codes.":
    'Para el personal sin correo electrónico: un PDF de tarjetas, ocho por página, cada una con un código corto y un código QR. Mezcle las tarjetas de cada unidad y deje que cada persona tome una: PeerClimate guarda solo un hash de cada código, nunca quién recibió qué tarjeta, y cada tarjeta responde una sola vez. El PDF es la única copia de los códigos.',
  'Cards for {unit}': 'Tarjetas para {unit}',
  'Make the PDF of cards': 'Crear el PDF de tarjetas',

  // Problems of the wave forms (server/waves/problem-text.ts).
  'must be a date (YYYY-MM-DD)': 'debe ser una fecha (AAAA-MM-DD)',
  'must be at least 3': 'debe ser al menos 3',
  'must be at most 1000': 'debe ser como máximo 1000',
  'must be at least the minimum group size k': 'debe ser al menos el tamaño mínimo de grupo k',
  'choose at least one unit': 'elija al menos una unidad',
  'choose one of the published instruments': 'elija uno de los instrumentos publicados',
  'choose open links or single-use invitations': 'elija enlaces abiertos o invitaciones de un solo uso',
  'choose yes or no': 'elija sí o no',
  'choose among the active units of this organization': 'elija entre las unidades activas de esta organización',
  'can be changed only while the wave is a draft': 'solo se puede cambiar mientras la ronda es un borrador',
  'must be on or after the open date ({date})': 'debe ser igual o posterior a la fecha de apertura ({date})',
  'must be today ({date}) or later': 'debe ser hoy ({date}) o una fecha posterior',
  'must be today or later': 'debe ser hoy o una fecha posterior',
  'must be on or before the close date, {date}': 'debe ser igual o anterior a la fecha de cierre, {date}',
  'there is already a wave called "{name}"': 'ya existe una ronda llamada "{name}"',
  'invitations were already issued for {units}; keep them in the wave': 'ya se emitieron invitaciones para {units}; manténgalas en la ronda',
  'must be a unit of this wave': 'debe ser una unidad de esta ronda',
  'must be at most {count} lines': 'debe tener como máximo {count} líneas',
  'line {line}: {problem}': 'línea {line}: {problem}',
  '"{email}" is not an e-mail address': '"{email}" no es una dirección de correo electrónico',
  'no unit: add ",unit name" or choose a unit for the whole list': 'sin unidad: agregue ",nombre de la unidad" o elija una unidad para toda la lista',
  '"{unit}" is not a unit of this wave': '"{unit}" no es una unidad de esta ronda',
  '"{language}" is not a language of the invitation (en or es)': '"{language}" no es un idioma de la invitación (en o es)',
  'too many fields: give email,unit or email,unit,language': 'demasiados campos: indique email,unidad o email,unidad,idioma',
  '{email} is already on line {line}': '{email} ya está en la línea {line}',
  '{email} was already invited to this wave': '{email} ya fue invitado a esta ronda',
  'the list is empty: give one address per line': 'la lista está vacía: indique una dirección por línea',
  'at most {count} addresses at a time': 'como máximo {count} direcciones a la vez',
  'A wave has at most {count} reminders.': 'Una ronda tiene como máximo {count} recordatorios.',

  // Refusals shown on the error page.
  'This wave uses open links, not invitations.': 'Esta ronda usa enlaces abiertos, no invitaciones.',
  'This wave is a draft: invitations can be sent only while it is open.': 'Esta ronda es un borrador: las invitaciones se pueden enviar solo mientras está abierta.',
  'This wave is not open yet: invitations can be sent only while it is open.': 'Esta ronda todavía no está abierta: las invitaciones se pueden enviar solo mientras está abierta.',
  'This wave is closed: invitations can be sent only while it is open.': 'Esta ronda está cerrada: las invitaciones se pueden enviar solo mientras está abierta.',
  'This wave is a draft: reminders can be sent only while it is open.': 'Esta ronda es un borrador: los recordatorios se pueden enviar solo mientras está abierta.',
  'This wave is not open yet: reminders can be sent only while it is open.': 'Esta ronda todavía no está abierta: los recordatorios se pueden enviar solo mientras está abierta.',
  'This wave is closed: reminders can be sent only while it is open.': 'Esta ronda está cerrada: los recordatorios se pueden enviar solo mientras está abierta.',
  'There is no such unit in this wave.': 'No existe esa unidad en esta ronda.',
  'There is no such scheduled reminder in this wave.': 'No existe ese recordatorio programado en esta ronda.',
  'This wave is closed: cards can be printed while it is a draft or open.':
    'Esta ronda está cerrada: las tarjetas se pueden imprimir mientras es un borrador o está abierta.',
  'counts: ask for at least one card': 'cantidades: pida al menos una tarjeta',
};
