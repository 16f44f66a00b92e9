import type { Catalogue } from '../translate.js';

/**
 * The dashboard of a wave (page, charts and PDF), its comments and the hiding of a comment.
 * Construct and item names are not here: they come from each instrument's own Spanish.
 */
export const dashboards: Catalogue = {
  // Page frame and filters.
  Breadcrumb: 'Ruta de navegación',
  '{wave}: dashboard': '{wave}: panel de resultados',
  '{instrument} · results only for groups of {k} or more · every hidden figure reads “{suppressed}”':
    '{instrument} · resultados solo para grupos de {k} o más personas · toda cifra oculta dice “{suppressed}”',
  'Filter the dashboard': 'Filtrar el panel de resultados',
  Supervisors: 'Supervisores(as)',
  'Clinical and other staff': 'Personal clínico y otro personal',
  'Print this report': 'Imprimir este informe',
  'Download PDF': 'Descargar PDF',
  '{label} (suppressed)': '{label} (oculto)',

  // Participation.
  Participation: 'Participación',
  'Showing:': 'Mostrando:',
  'responses:': 'respuestas:',
  'Showing: {group}. Responses: {count}.': 'Mostrando: {group}. Respuestas: {count}.',
  'Responses and response rate by unit': 'Respuestas y tasa de respuesta por unidad',
  'Response rate': 'Tasa de respuesta',
  '{count} or more (counted in steps of {step} while the wave is open)': '{count} o más (se cuentan en pasos de {step} mientras la ronda está abierta)',
  'after close': 'al cerrar',
  'open link': 'enlace abierto',
  'Results appear when the wave closes, so that no single response can be spotted by comparing two visits.':
    'Los resultados aparecen cuando la ronda se cierra, para que no se pueda identificar ninguna respuesta comparando dos visitas.',
  'Results for {group} are not shown: the group is too small, or showing it would let someone work out a group smaller than {k}.':
    'No se muestran resultados de {group}: el grupo es demasiado pequeño, o mostrarlo permitiría deducir un grupo de menos de {k} personas.',

  // Areas.
  'How the wave rates each area': 'Cómo califica la ronda cada área',
  'How {group} rates each area': 'Cómo califica {group} cada área',
  'Percent favorable by area; the table below holds the same numbers': 'Porcentaje favorable por área; la tabla de abajo tiene las mismas cifras',
  '% favorable is the share of answers that are 4 "Agree" or 5 "Strongly agree" (after reverse coding). For an area it counts every answer to the area\'s items, so an area\'s % favorable always lies between those of its items. The page, the charts, "What to do next", the PDF and the exports all use it.':
    'El % favorable es la proporción de respuestas que son 4 "De acuerdo" o 5 "Totalmente de acuerdo" (después de invertir las preguntas redactadas en sentido inverso). Para un área cuenta todas las respuestas a sus preguntas, por lo que el % favorable de un área siempre queda entre los de sus preguntas. La página, los gráficos, "Qué hacer a continuación", el PDF y las exportaciones usan esta misma definición.',
  'Mean (1 to 5, higher is better), n and SD over respondents, % favorable over answers (see above), and respondents by their area mean: below 3, 3 to under 4, 4 or more':
    'Media (de 1 a 5, más alto es mejor), n y DE sobre las personas que respondieron, % favorable sobre las respuestas (vea arriba), y personas según su media en el área: menos de 3, de 3 a menos de 4, 4 o más',
  'Mean from 1 to 5 (higher is better), n and SD over respondents. {definition}':
    'Media de 1 a 5 (más alto es mejor), n y DE sobre las personas que respondieron. {definition}',
  Area: 'Área',
  Mean: 'Media',
  SD: 'DE',
  'Mean (1 to 5)': 'Media (de 1 a 5)',
  'Respondents by mean: <3 / 3–4 / 4+': 'Personas según su media: <3 / 3–4 / 4+',

  // What to do next.
  'What to do next': 'Qué hacer a continuación',
  'The one to three areas to act on first: those below 60% favorable, lowest first (when none is, the lowest area), with the first steps the research suggests.':
    'Las una a tres áreas en las que actuar primero: las que están por debajo del 60% favorable, de la más baja a la más alta (si ninguna lo está, el área más baja), con los primeros pasos que sugiere la investigación.',
  'The one to three areas to act on first: those below 60% favorable, lowest first (when none is, the lowest area).':
    'Las una a tres áreas en las que actuar primero: las que están por debajo del 60% favorable, de la más baja a la más alta (si ninguna lo está, el área más baja).',
  'Why:': 'Por qué:',
  'Why: {reason}.': 'Por qué: {reason}.',
  '{favorable}% favorable, {points} points below {low}%': '{favorable}% de respuestas favorables, {points} puntos por debajo del {low}%',
  '{favorable}% favorable': '{favorable}% de respuestas favorables',
  'the lowest of the {count} areas shown': 'la más baja de las {count} áreas que se muestran',
  'peer staff rate it {gap} lower than supervisors and clinical staff': 'el personal de apoyo de pares la califica {gap} más bajo que los supervisores(as) y el personal clínico',
  'down {points} points since the previous wave': 'bajó {points} puntos desde la ronda anterior',
  'Co-write a peer job description with peer staff and their supervisors.': 'Redacte junto con el personal de apoyo de pares y sus supervisores(as) una descripción del puesto de apoyo de pares.',
  'Define the peer scope of practice beside the clinical roles on each team.': 'Defina el ámbito de práctica del apoyo de pares junto a los roles clínicos de cada equipo.',
  'Set evaluation criteria that fit peer work, and share them with peer staff.': 'Establezca criterios de evaluación adecuados al trabajo de apoyo de pares y compártalos con ese personal.',
  'Train clinical staff on the recovery model and on what the peer role is for.': 'Capacite al personal clínico sobre el modelo de recuperación y sobre para qué sirve el rol de apoyo de pares.',
  'Agree team norms about language: no jokes or labels about mental illness or addiction.': 'Acuerden normas de equipo sobre el lenguaje: nada de bromas ni etiquetas sobre enfermedades mentales o adicciones.',
  'Include peer staff in team meetings and give them access to care records.': 'Incluya al personal de apoyo de pares en las reuniones de equipo y deles acceso a los expedientes de atención.',
  'Give peer staff a safe, confidential route to raise incidents.': 'Ofrezca al personal de apoyo de pares una vía segura y confidencial para informar incidentes.',
  'Train clinical staff on the recovery model and the value of peer work.': 'Capacite al personal clínico sobre el modelo de recuperación y el valor del trabajo de apoyo de pares.',
  'Ask for peer staff views in team decisions, and say how they were used.': 'Pida la opinión del personal de apoyo de pares en las decisiones del equipo y explique cómo se tuvo en cuenta.',
  'Include peer staff in team meetings and care records as colleagues.': 'Incluya al personal de apoyo de pares en las reuniones de equipo y en los expedientes de atención como colegas.',
  'Train supervisors in peer work, or arrange supervision by an experienced peer.': 'Capacite a los supervisores(as) en el trabajo de apoyo de pares, u organice la supervisión con un par con experiencia.',
  'Hold regular, scheduled supervision for every peer staff member.': 'Ofrezca supervisión regular y programada a cada especialista en apoyo de pares.',
  'Start peer supervision or a community of practice; offer training and a career ladder.': 'Inicie una supervisión entre pares o una comunidad de práctica; ofrezca capacitación y una trayectoria profesional.',
  'Review peer pay against comparable roles, and review job security and caseloads.': 'Compare el salario del personal de apoyo de pares con el de puestos similares, y revise la estabilidad laboral y la carga de casos.',
  'Support self-care and respect wellness plans as a workplace right.': 'Apoye el autocuidado y respete los planes de bienestar como un derecho laboral.',
  'Involve peer staff in service design and decisions (co-design).': 'Involucre al personal de apoyo de pares en el diseño de los servicios y en las decisiones (codiseño).',
  'Use recovery-oriented, person-first language in meetings, records and policies.': 'Use un lenguaje orientado a la recuperación y centrado en la persona en reuniones, expedientes y políticas.',

  // By group, items, trend, change, gap, drivers.
  'Role group': 'Grupo de rol',
  'Mean score by unit and area': 'Puntuación media por unidad y área',
  'Mean score by role group and area': 'Puntuación media por grupo de rol y área',
  'Mean score by unit and area; the heatmap table below holds the same numbers': 'Puntuación media por unidad y área; la tabla de calor de abajo tiene las mismas cifras',
  'Mean score by role group and area; the heatmap table below holds the same numbers': 'Puntuación media por grupo de rol y área; la tabla de calor de abajo tiene las mismas cifras',
  'Mean score by unit and area (darker is better; “{suppressed}” marks a hidden group)': 'Puntuación media por unidad y área (más oscuro es mejor; “{suppressed}” indica un grupo oculto)',
  'Mean score by role group and area (darker is better; “{suppressed}” marks a hidden group)': 'Puntuación media por grupo de rol y área (más oscuro es mejor; “{suppressed}” indica un grupo oculto)',
  'Darker is better: the shade follows the printed mean on one continuous scale, as on the page.': 'Más oscuro es mejor: el tono sigue la media impresa en una sola escala continua, como en la página.',
  'Items, lowest first': 'Preguntas, de la más baja a la más alta',
  'Percent favorable by item, lowest first; the table below holds the same numbers': 'Porcentaje favorable por pregunta, de la más baja a la más alta; la tabla de abajo tiene las mismas cifras',
  'Each item’s mean and percent favorable after reverse coding (R: reverse-worded)': 'Media y porcentaje favorable de cada pregunta después de invertir las redactadas en sentido inverso (R: redactada en sentido inverso)',
  'Each item after reverse coding; (R) marks a reverse-worded item.': 'Cada pregunta después de invertir las redactadas en sentido inverso; (R) indica una pregunta redactada en sentido inverso.',
  'Trend across the closed waves of this survey': 'Tendencia en las rondas cerradas de esta encuesta',
  'Mean score by area in each closed wave; the table below holds the same numbers': 'Puntuación media por área en cada ronda cerrada; la tabla de abajo tiene las mismas cifras',
  'Mean (1 to 5) by area in each closed wave, oldest first, for {group}; a wave that hides the group reads “{suppressed}” and has no point':
    'Media (de 1 a 5) por área en cada ronda cerrada, de la más antigua a la más reciente, para {group}; una ronda que oculta el grupo dice “{suppressed}” y no tiene punto',
  'Mean (1 to 5) by area in each closed wave, oldest first, for {group}; a wave that hides the group has no point.':
    'Media (de 1 a 5) por área en cada ronda cerrada, de la más antigua a la más reciente, para {group}; una ronda que oculta el grupo no tiene punto.',
  '{wave} (this wave)': '{wave} (esta ronda)',
  'A trend appears once a second wave of this survey has closed.': 'La tendencia aparece cuando se cierre una segunda ronda de esta encuesta.',
  'Change since the previous wave': 'Cambio desde la ronda anterior',
  'Compared with {wave}; shown only where both waves pass the minimum group size': 'Comparado con {wave}; se muestra solo donde ambas rondas alcanzan el tamaño mínimo de grupo',
  'Compared with {wave}; shown only where both waves pass the minimum group size.': 'Comparado con {wave}; se muestra solo donde ambas rondas alcanzan el tamaño mínimo de grupo.',
  'Mean change': 'Cambio en la media',
  '% favorable change': 'Cambio en el % favorable',
  '{change} pt': '{change} pts',
  Direction: 'Dirección',
  better: 'mejor',
  worse: 'peor',
  'about the same': 'casi igual',
  'No earlier closed wave of this survey.': 'No hay una ronda cerrada anterior de esta encuesta.',
  'Perception gap: peer staff and supervisors / clinical staff': 'Brecha de percepción: personal de apoyo de pares y supervisores(as) / personal clínico',
  'Means on the parallel areas, with {wave} (a positive gap: peer staff rate it higher)': 'Medias en las áreas paralelas, con {wave} (una brecha positiva: el personal de apoyo de pares la califica más alto)',
  'Means on the parallel areas, with {wave} (a positive gap: peer staff rate it higher).': 'Medias en las áreas paralelas, con {wave} (una brecha positiva: el personal de apoyo de pares la califica más alto).',
  Gap: 'Brecha',
  'No closed wave of the other audience to compare with.': 'No hay una ronda cerrada del otro grupo de personal con la cual comparar.',
  'What goes with the outcome question': 'Qué va de la mano con la pregunta de resultado',
  'What goes with the outcome': 'Qué va de la mano con el resultado',
  'Areas ranked by their correlation (r) with “{outcome}”': 'Áreas ordenadas por su correlación (r) con “{outcome}”',
  'Areas ranked by their correlation (r) with "{outcome}".': 'Áreas ordenadas por su correlación (r) con "{outcome}".',
  'Shown when at least {minimum} responses support it.': 'Se muestra cuando hay al menos {minimum} respuestas que lo respalden.',

  // Comments.
  'Search the comments': 'Buscar en los comentarios',
  Search: 'Buscar',
  'Comment themes': 'Temas de los comentarios',
  'Themes:': 'Temas:',
  All: 'Todos',
  'Role and expectations': 'Rol y expectativas',
  'Stigma and how peers are treated': 'Estigma y trato al personal de apoyo de pares',
  'Being valued and included': 'Sentirse valorado(a) e incluido(a)',
  'Supervision, training and career': 'Supervisión, capacitación y carrera',
  'Pay, workload and well-being': 'Salario, carga de trabajo y bienestar',
  'Recovery-oriented culture': 'Cultura orientada a la recuperación',
  Other: 'Otros',
  'fewer than {k} comments': 'menos de {k} comentarios',
  '{count} comment': '{count} comentario',
  '{count} comments': '{count} comentarios',
  'match “{search}” in the theme {theme}.': 'coinciden con “{search}” en el tema {theme}.',
  'match “{search}”.': 'coinciden con “{search}”.',
  'in the theme {theme}.': 'en el tema {theme}.',
  'In random order, dated by the wave ({wave}); a random sample, drawn anew on each visit. Themes are given by matching words, on this server. Search and themes only narrow this list: counts below {k} read “fewer than {k}”. Hidden comments are recorded in the audit log.':
    'En orden aleatorio, fechados por la ronda ({wave}); una muestra aleatoria, que se toma de nuevo en cada visita. Los temas se asignan por palabras coincidentes, en este servidor. La búsqueda y los temas solo reducen esta lista: los recuentos por debajo de {k} dicen “menos de {k}”. Los comentarios ocultos quedan en el registro de auditoría.',
  'In random order, dated by the wave ({wave}). Themes are given by matching words, on this server. Search and themes only narrow this list: counts below {k} read “fewer than {k}”. Hidden comments are recorded in the audit log.':
    'En orden aleatorio, fechados por la ronda ({wave}). Los temas se asignan por palabras coincidentes, en este servidor. La búsqueda y los temas solo reducen esta lista: los recuentos por debajo de {k} dicen “menos de {k}”. Los comentarios ocultos quedan en el registro de auditoría.',
  'In random order, dated by the wave ({wave}); a random sample; {matches} match this search or theme.': 'En orden aleatorio, fechados por la ronda ({wave}); una muestra aleatoria; {matches} coinciden con esta búsqueda o tema.',
  'In random order, dated by the wave ({wave}); {matches} match this search or theme.': 'En orden aleatorio, fechados por la ronda ({wave}); {matches} coinciden con esta búsqueda o tema.',
  'In random order, dated by the wave ({wave}); a random sample.': 'En orden aleatorio, fechados por la ronda ({wave}); una muestra aleatoria.',
  'In random order, dated by the wave ({wave}).': 'En orden aleatorio, fechados por la ronda ({wave}).',
  'Comments are listed for the whole wave and by unit, never by role group: two lists could be compared to single out a comment.':
    'Los comentarios se muestran para toda la ronda y por unidad, nunca por grupo de rol: se podrían comparar dos listas para identificar un comentario.',
  'Comments are shown only for groups of {threshold} or more respondents.': 'Los comentarios se muestran solo para grupos de {threshold} o más personas que respondieron.',
  'Comments for this unit are not shown: the units not listed would be too small, so their comments could be singled out.':
    'No se muestran los comentarios de esta unidad: las unidades que no se listan serían demasiado pequeñas, y sus comentarios se podrían identificar.',

  // Hiding a comment.
  'Hide this comment…': 'Ocultar este comentario…',
  'Hide this comment?': '¿Ocultar este comentario?',
  'It will no longer show on the dashboard or in its PDF, for anyone. It is not deleted or changed: the audit log records that you hid it, and you can show it again.':
    'Ya no aparecerá en el panel de resultados ni en su PDF, para nadie. No se borra ni se modifica: el registro de auditoría anota que usted lo ocultó, y puede volver a mostrarlo.',
  'Hide the comment': 'Ocultar el comentario',
  'Cancel, keep it': 'Cancelar, mantenerlo',
  'Comment hidden': 'Comentario oculto',
  'Done: this comment no longer shows on the dashboard or in its PDF. You can undo this.': 'Listo: este comentario ya no aparece en el panel de resultados ni en su PDF. Puede deshacerlo.',
  'Undo: show it again': 'Deshacer: volver a mostrarlo',
  'Back to the dashboard': 'Volver al panel de resultados',
  'Comment shown': 'Comentario visible',
  'Done: this comment shows on the dashboard again.': 'Listo: este comentario vuelve a aparecer en el panel de resultados.',
  'comment: no such comment in this wave. Reload the dashboard and try again.': 'comentario: no existe ese comentario en esta ronda. Vuelva a cargar el panel de resultados e inténtelo de nuevo.',
  'comment: already hidden': 'comentario: ya está oculto',
  'comment: not hidden': 'comentario: no está oculto',

  // The PDF.
  '{wave}: climate dashboard': '{wave}: panel de resultados del clima laboral',
  '{instrument} · closed · report made on {date}': '{instrument} · cerrada · informe generado el {date}',
  '{instrument} · still open · report made on {date}': '{instrument} · todavía abierta · informe generado el {date}',
  'To protect anonymity, results are shown only for groups of {k} or more, and comments only for groups of {threshold} or more. Every figure that is hidden reads "{suppressed}"; a second group may be hidden with a small one, so that no total gives it away.':
    'Para proteger el anonimato, los resultados se muestran solo para grupos de {k} o más personas, y los comentarios solo para grupos de {threshold} o más. Toda cifra oculta dice "{suppressed}"; se puede ocultar un segundo grupo junto con uno pequeño, para que ningún total lo revele.',
  '{wave} · page {page} of {pages} · figures for groups of fewer than {k} respondents are suppressed':
    '{wave} · página {page} de {pages} · las cifras de grupos de menos de {k} personas están ocultas',
};
