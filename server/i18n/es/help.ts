import type { Catalogue } from '../translate.js';

/** The directors' help page: how anonymity works, what k means, how to run a wave. */
export const help: Catalogue = {
  "Peer staff answer PeerClimate's surveys about stigma, their role and their workplace. Many have been clients of the organization that now employs them, and they answer honestly only if nobody can find out what they said. This page explains what PeerClimate does to keep that promise, and what you can do to keep it too.":
    'El personal de apoyo de pares responde las encuestas de PeerClimate sobre el estigma, su función y su lugar de trabajo. Muchas de estas personas fueron clientes de la organización que ahora las emplea, y solo responden con honestidad si nadie puede saber lo que dijeron. Esta página explica lo que hace PeerClimate para cumplir esa promesa y lo que usted puede hacer para cumplirla también.',
  'On this page': 'En esta página',
  'What is stored about a respondent': 'Qué se guarda sobre la persona que responde',
  'The minimum group size k': 'El tamaño mínimo de grupo k',
  'How to run a wave': 'Cómo realizar una ronda',
  'What you can do': 'Lo que usted puede hacer',
  'For each response: a random id, the wave, the unit the link belongs to, the role group answered, the language, the {day} of submission (never the time), and the answers. Never stored: a name, e-mail address, account, IP address, browser, time of day, or which link or invitation was used. A single-use invitation is used up when it is answered, but nothing connects it to the response it brought. Logs never hold addresses, link codes or answers.':
    'De cada respuesta: un identificador aleatorio, la ronda, la unidad a la que pertenece el enlace, el grupo de función indicado, el idioma, el {day} de envío (nunca la hora) y las respuestas. Nunca se guarda: un nombre, una dirección de correo electrónico, una cuenta, una dirección IP, el navegador, la hora del día ni qué enlace o invitación se usó. Una invitación de un solo uso deja de servir cuando se responde, pero nada la vincula con la respuesta que trajo. Los registros nunca contienen direcciones, códigos de enlace ni respuestas.',
  day: 'día',
  'Every number PeerClimate shows for a group of respondents (a count, a mean, a percentage, a chart) comes from at least {k} responses. k is set per wave: 5 unless you choose otherwise, never below 3, and fixed once the wave opens, because the survey page tells respondents what it is.':
    'Cada cifra que PeerClimate muestra para un grupo de personas que responden (un conteo, un promedio, un porcentaje, un gráfico) proviene de al menos {k} respuestas. k se fija para cada ronda: 5 a menos que usted elija otro valor, nunca menos de 3, y no cambia una vez abierta la ronda, porque la página de la encuesta les dice su valor a quienes responden.',
  'A group with fewer than k responses shows as {suppressed}. So does an empty group: a 0 would tell you that the one supervisor of a clinic did not answer.':
    'Un grupo con menos de k respuestas aparece como {suppressed}. Lo mismo ocurre con un grupo vacío: un 0 le diría que el único supervisor o supervisora de una clínica no respondió.',
  'Other groups are sometimes hidden too, so that a hidden number cannot be worked out by subtracting the shown ones from a total. Every hidden group looks the same, whatever the reason.':
    'A veces también se ocultan otros grupos, para que una cifra oculta no pueda calcularse restando de un total las que se muestran. Todo grupo oculto se ve igual, sea cual sea el motivo.',
  'While a wave is open, its page shows how many have answered only as far as k allows and, when every unit has a headcount, roughly what share of staff has answered (counted in steps of 5). Results appear on the dashboard once the wave closes.':
    'Mientras una ronda está abierta, su página muestra cuántas personas han respondido solo en la medida en que k lo permite y, cuando cada unidad tiene su número de personas, qué parte aproximada del personal ha respondido (en pasos de 5). Los resultados aparecen en el panel de resultados cuando la ronda se cierra.',
  'A draft wave shows {none}: nobody can answer before it opens.': 'Una ronda en borrador muestra {none}: nadie puede responder antes de que se abra.',
  "Written comments can identify their writer, so they need a larger group: the wave's comment threshold (10 unless you choose otherwise, at least k). They are shown only after the wave closes, and reach researchers' exports only when you allowed it while the wave was a draft.":
    'Los comentarios escritos pueden identificar a quien los escribe, por lo que necesitan un grupo más grande: el umbral de comentarios de la ronda (10 a menos que usted elija otro valor, al menos k). Se muestran solo después de que la ronda se cierra, y llegan a las exportaciones de investigación solo si usted lo permitió mientras la ronda era un borrador.',
  'Add the sites or teams under {units}, with the number of staff in each (the headcount) if you know it. Archive a unit that no longer exists: its past results stay.':
    'Agregue los sitios o equipos en {units}, con el número de personas del personal de cada uno, si lo conoce. Archive una unidad que ya no existe: sus resultados anteriores se conservan.',
  'Units.': 'Unidades.',
  'Create a wave.': 'Cree una ronda.',
  'Choose the instrument (for peer staff, or for supervisors and clinical staff), the units taking part, how links are given out, the dates, k and the comment threshold. A wave starts as a draft: you can still edit or delete it.':
    'Elija el instrumento (para el personal de apoyo de pares, o para supervisores y personal clínico), las unidades que participan, cómo se reparten los enlaces, las fechas, k y el umbral de comentarios. Una ronda empieza como borrador: todavía puede modificarla o eliminarla.',
  'Distribution.': 'Distribución.',
  'With open links, each unit gets one address and a printable QR code: share it with that unit only. With single-use invitations, download a CSV of links per unit and hand them out; each works once.':
    'Con enlaces abiertos, cada unidad recibe una dirección y un código QR para imprimir: compártalo solo con esa unidad. Con invitaciones de un solo uso, descargue un CSV de enlaces por unidad y repártalos; cada uno funciona una sola vez.',
  'Open the wave.': 'Abra la ronda.',
  'From then on its name, units, k and comment threshold stay as respondents saw them. Tell staff that answering is voluntary, that every question may be skipped, and where to find the crisis line.':
    'A partir de ese momento, su nombre, sus unidades, k y el umbral de comentarios quedan tal como los vieron quienes responden. Diga al personal que responder es voluntario, que puede omitir cualquier pregunta y dónde encontrar la línea de crisis.',
  '{close} on its close date (it closes by itself the day after) or earlier from its page. PeerClimate asks you to confirm first.':
    '{close} en su fecha de cierre (se cierra sola al día siguiente) o antes, desde su página. PeerClimate le pide que lo confirme primero.',
  '{read} and share the suggested actions with peer staff and supervisors. Researchers can download de-identified exports with a codebook.':
    '{read} y comparta las acciones sugeridas con el personal de apoyo de pares y con supervisores. El personal de investigación puede descargar exportaciones sin datos de identificación, con un libro de códigos.',
  'Read the dashboard': 'Lea el panel de resultados',
  'Keep units large enough: a unit with three peer staff will never show results of its own. Combine small teams.':
    'Mantenga unidades lo bastante grandes: una unidad con tres personas de apoyo de pares nunca mostrará resultados propios. Combine los equipos pequeños.',
  'Do not try to guess who answered, and do not ask. Do not rename units or split waves to narrow a group down: PeerClimate hides what it can, but trust lost once is lost for every later survey.':
    'No intente adivinar quién respondió, y no lo pregunte. No cambie el nombre de las unidades ni divida las rondas para reducir un grupo: PeerClimate oculta lo que puede, pero la confianza que se pierde una vez se pierde para todas las encuestas posteriores.',
  'Share results as a team, with the people who answered, and act on them.': 'Comparta los resultados en equipo, con las personas que respondieron, y actúe en consecuencia.',
};
