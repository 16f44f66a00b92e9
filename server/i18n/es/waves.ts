import type { Catalogue } from '../translate.js';

/**
 * The wave pages (views/waves/, server/waves/): the new-wave and draft forms, the wave page's
 * facts, units, open links and kiosks, the confirmations and the printable QR sheets.
 */
export const waves: Catalogue = {
  // The wave page's facts and status.
  Audience: 'Público',
  Dates: 'Fechas',
  'Minimum group size k': 'Tamaño mínimo de grupo k',
  'Comment threshold': 'Umbral de comentarios',
  'Comments in research exports': 'Comentarios en las exportaciones de investigación',
  'Responses in all units': 'Respuestas en todas las unidades',
  'Share of staff who answered': 'Parte del personal que respondió',
  'Draft: not open yet': 'Borrador: todavía no está abierta',
  'Scheduled: opens on {date}': 'Programada: se abre el {date}',
  'Open until {date}': 'Abierta hasta el {date}',
  Open: 'Abierta',
  Closed: 'Cerrada',
  '{opensOn} to {closesOn}': 'Del {opensOn} al {closesOn}',
  'not set': 'sin definir',
  'Allowed: researchers may ask for them': 'Permitidos: los investigadores pueden solicitarlos',
  '{title} (version {version})': '{title} (versión {version})',
  'Open link per unit': 'Enlace abierto por unidad',
  'Personal invitations (e-mail or printed cards)': 'Invitaciones personales (correo electrónico o tarjetas impresas)',
  'Open the dashboard': 'Abrir el panel de resultados',
  '(results appear when the wave closes)': '(los resultados aparecen cuando la ronda se cierra)',
  'Edit name, dates and units': 'Editar nombre, fechas y unidades',
  'Delete this draft': 'Eliminar este borrador',
  'Minimum group size k (at least 3)': 'Tamaño mínimo de grupo k (al menos 3)',
  'Comment threshold (at least k)': 'Umbral de comentarios (al menos k)',
  'Save thresholds': 'Guardar umbrales',
  'Both are fixed once the wave opens: the survey page promises them to respondents.':
    'Ambos quedan fijos cuando la ronda se abre: la página de la encuesta se los promete a las personas que responden.',
  'Open the wave': 'Abrir la ronda',
  'Reopen the wave': 'Volver a abrir la ronda',
  'Close the wave…': 'Cerrar la ronda…',

  // Participation, counted in steps while the wave is open.
  'Final results on the dashboard': 'Resultados finales en el panel de resultados',
  'deleted at close': 'eliminado al cerrar',
  'see the dashboard': 'vea el panel de resultados',
  'fewer than 5 so far': 'menos de 5 hasta ahora',
  '{count} or more (counted in steps of {step})': '{count} o más (contadas en pasos de {step})',
  'fewer than {k}': 'menos de {k}',
  'at least {percent}% of {staff} staff ({count} or more responses)': 'al menos el {percent}% de {staff} personas ({count} respuestas o más)',

  // Units, open links, kiosks.
  'Responses and links per unit': 'Respuestas y enlaces por unidad',
  Invited: 'Invitadas',
  Opened: 'Abiertas',
  'Open link': 'Enlace abierto',
  'not given': 'sin indicar',
  'no link yet': 'todavía sin enlace',
  'Printable QR codes for every unit': 'Códigos QR imprimibles para cada unidad',
  'An open link was opened unusually often.': 'Un enlace abierto se abrió con una frecuencia inusual.',
  'Each link hands out at most a set number of survey pages per ten minutes; above that it pauses, so a script cannot flood the wave with answers. Check the responses of these units:':
    'Cada enlace entrega como máximo un número fijo de páginas de encuesta cada diez minutos; por encima de ese número se pausa, para que un programa automático no pueda inundar la ronda con respuestas. Revise las respuestas de estas unidades:',
  '{unit}: more than {ceiling} pages in ten minutes, {time}': '{unit}: más de {ceiling} páginas en diez minutos, {time}',
  'Headcount and kiosk per unit': 'Número de personas y quiosco por unidad',
  "A headcount stops a unit's link once it has that many responses (leave blank for no limit). A kiosk link is for a shared device: after each thank-you page the survey starts again for the next person and nothing stays on the device.":
    'El número de personas detiene el enlace de una unidad cuando alcanza esa cantidad de respuestas (déjelo en blanco para no poner límite). Un enlace de quiosco es para un dispositivo compartido: después de cada página de agradecimiento, la encuesta vuelve a empezar para la siguiente persona y no queda nada guardado en el dispositivo.',
  Kiosk: 'Quiosco',
  kiosk: 'quiosco',
  'Save headcounts and kiosks': 'Guardar números de personas y quioscos',
  'Add the units created since this wave, with their open links': 'Agregar las unidades creadas después de esta ronda, con sus enlaces abiertos',

  // Dates.
  'Change the dates': 'Cambiar las fechas',
  'Open date': 'Fecha de apertura',
  'Close date': 'Fecha de cierre',
  'Close date (the last day answers are accepted)': 'Fecha de cierre (el último día en que se aceptan respuestas)',
  'Save dates': 'Guardar fechas',

  // The new-wave and draft forms.
  'New to running a wave?': '¿Es la primera vez que organiza una ronda?',
  'For example "Peer staff survey, spring".': 'Por ejemplo, "Encuesta al personal de apoyo de pares, primavera".',
  'Instrument (the current version of each)': 'Instrumento (la versión actual de cada uno)',
  'version {version} · for {audience}': 'versión {version} · para {audience}',
  'One open link per unit (print its QR code or share it)': 'Un enlace abierto por unidad (imprima su código QR o compártalo)',
  'Personal invitations: e-mailed by PeerClimate or printed as cards; each answers once, and nobody can tell whose answers are whose':
    'Invitaciones personales: enviadas por correo electrónico por PeerClimate o impresas como tarjetas; cada una responde una sola vez y nadie puede saber de quién son las respuestas',
  'No number is shown for a group with fewer responses than this.': 'No se muestra ningún número para un grupo con menos respuestas que esta cantidad.',
  'Comments are shown only for groups with at least this many respondents, after the wave closes. Both numbers are fixed once the wave opens.':
    'Los comentarios se muestran solo para grupos con al menos esta cantidad de personas que responden, después de que la ronda se cierra. Ambos números quedan fijos cuando la ronda se abre.',
  'Create wave': 'Crear ronda',
  'Edit {wave}': 'Editar {wave}',
  'Edit the draft': 'Editar el borrador',
  'A draft can change until it opens: respondents then answer under its name, dates and units.':
    'Un borrador se puede cambiar hasta que se abre: a partir de entonces, las personas responden con su nombre, sus fechas y sus unidades.',
  'Save the draft': 'Guardar el borrador',

  // Confirmations.
  'Delete the draft {wave}?': '¿Eliminar el borrador {wave}?',
  'Nobody has answered a draft. Deleting it removes its links and any invitations issued for it; this cannot be undone.':
    'Nadie ha respondido un borrador. Al eliminarlo se borran sus enlaces y las invitaciones emitidas para él; esto no se puede deshacer.',
  'Delete the draft': 'Eliminar el borrador',
  'Close {wave}?': '¿Cerrar {wave}?',
  "Closing stops the wave taking answers now, on every link. Results are then computed for the dashboard and the research exports, shown only for groups of at least the wave's minimum size k.":
    'Al cerrarla, la ronda deja de aceptar respuestas ahora mismo, en todos los enlaces. Luego se calculan los resultados para el panel de resultados y las exportaciones de investigación, y se muestran solo para grupos de al menos el tamaño mínimo k de la ronda.',
  'Cancel and go back': 'Cancelar y volver',

  // The printable QR sheets.
  'Survey links: {wave}': 'Enlaces de la encuesta: {wave}',
  'Print this page: each unit gets its own sheet with its QR code and address.':
    'Imprima esta página: cada unidad tiene su propia hoja con su código QR y su dirección.',
  'This wave has no open links.': 'Esta ronda no tiene enlaces abiertos.',
  'QR code for the {unit} survey link': 'Código QR del enlace de la encuesta de {unit}',
  'Your answers are anonymous. Results are shown only for groups, never for one person.':
    'Sus respuestas son anónimas. Los resultados se muestran solo por grupos, nunca para una sola persona.',

  // Refusals of the wave pages (their error page, or a form's own problem).
  'There is no such wave in this organization.': 'No existe esa ronda en esta organización.',
  'Add at least one unit before creating a wave.': 'Agregue al menos una unidad antes de crear una ronda.',
  'This wave is already open.': 'Esta ronda ya está abierta.',
  'This wave uses invitations, not open links.': 'Esta ronda usa invitaciones, no enlaces abiertos.',
  'There is no such unit link in this wave.': 'No existe ese enlace de unidad en esta ronda.',
  'This wave is a draft, so it cannot be closed.': 'Esta ronda es un borrador, así que no se puede cerrar.',
  'This wave is already closed.': 'Esta ronda ya está cerrada.',
  'This wave is open: only a draft can be edited or deleted.': 'Esta ronda está abierta: solo un borrador se puede editar o eliminar.',
  'This wave is closed: only a draft can be edited or deleted.': 'Esta ronda está cerrada: solo un borrador se puede editar o eliminar.',
  "This wave's results were first shown on {date}, so it is final and cannot be reopened. Start a new wave instead, or next time extend the close date before it passes.":
    'Los resultados de esta ronda se mostraron por primera vez el {date}, así que es definitiva y no se puede volver a abrir. Inicie una ronda nueva o, la próxima vez, extienda la fecha de cierre antes de que pase.',
  'The close date ({date}) has passed. Set a later close date first, then open the wave.':
    'La fecha de cierre ({date}) ya pasó. Primero elija una fecha de cierre posterior y luego abra la ronda.',
  'The minimum group size and the comment threshold are fixed once a wave has opened: the survey page promised them to every respondent.':
    'El tamaño mínimo de grupo y el umbral de comentarios quedan fijos cuando una ronda se ha abierto: la página de la encuesta se los prometió a cada persona que responde.',
};
