import type { Catalogue } from '../translate.js';

/** Organizations, units and colleagues: the platform admin's home, an organization's pages. */
export const organizations: Catalogue = {
  // Platform admin home
  Organizations: 'Organizaciones',
  'No organizations yet.': 'Todavía no hay organizaciones.',
  Managers: 'Gerentes',
  Researchers: 'Investigadores',
  'Create an organization': 'Crear una organización',
  'Create organization': 'Crear organización',
  'Grant a role': 'Asignar un rol',
  'A person without an account gets one, with a one-time link to choose a password.':
    'Una persona sin cuenta recibe una, con un enlace de un solo uso para elegir una contraseña.',
  Organization: 'Organización',
  Role: 'Rol',
  'Manager: runs units, waves and distribution': 'Gerente: administra unidades, rondas y distribución',
  'Researcher: reads what the organization shares': 'Investigador(a): lee lo que la organización comparte',
  'Grant role': 'Asignar rol',
  // Organization home
  Colleagues: 'Colegas',
  'How anonymity works': 'Cómo funciona el anonimato',
  'No units yet.': 'Todavía no hay unidades.',
  'Add the sites or teams that will answer.': 'Agregue los sitios o equipos que van a responder.',
  'Survey waves': 'Rondas de encuesta',
  Wave: 'Ronda',
  Results: 'Resultados',
  'of {wave}': 'de {wave}',
  "Counts are shown only for groups of at least the wave's minimum group size.":
    'Los conteos se muestran solo para grupos que alcanzan el tamaño mínimo de grupo de la ronda.',
  // Units
  'Units of {organization}': 'Unidades de {organization}',
  'Units are the sites or teams a survey link belongs to. Results are shown per unit only when it has enough responses.':
    'Las unidades son los sitios o equipos a los que pertenece un enlace de encuesta. Los resultados se muestran por unidad solo cuando tiene suficientes respuestas.',
  'The headcount, the number of people who could answer, lets an open-link wave show roughly what share of staff has answered, in steps that reveal no one.':
    'El número de personas que podrían responder permite que una ronda con enlace abierto muestre aproximadamente qué parte del personal ha respondido, en escalones que no revelan a nadie.',
  'Active units': 'Unidades activas',
  'Archive or delete': 'Archivar o eliminar',
  'Name of unit {unit}': 'Nombre de la unidad {unit}',
  Rename: 'Cambiar nombre',
  'Headcount of {unit}': 'Número de personas de {unit}',
  'headcount of {unit}': 'número de personas de {unit}',
  Archive: 'Archivar',
  Delete: 'Eliminar',
  'in a wave: archive keeps its results': 'en una ronda: al archivarla se conservan sus resultados',
  'Add a unit': 'Agregar una unidad',
  'Unit name': 'Nombre de la unidad',
  'Add unit': 'Agregar unidad',
  'Archived units': 'Unidades archivadas',
  'Archived units are not offered to new waves; their past waves and results stay as they were.':
    'Las unidades archivadas no se ofrecen en rondas nuevas; sus rondas y resultados anteriores quedan como estaban.',
  Restore: 'Restaurar',
  'The unit was added.': 'Se agregó la unidad.',
  'The unit was renamed.': 'Se cambió el nombre de la unidad.',
  'The unit was archived: new waves will not offer it.': 'Se archivó la unidad: las rondas nuevas no la ofrecerán.',
  'The unit is active again.': 'La unidad está activa otra vez.',
  'The unit was deleted.': 'Se eliminó la unidad.',
  'The headcount was saved.': 'Se guardó el número de personas.',
  // Colleagues
  'Colleagues in {organization}': 'Colegas en {organization}',
  'Managers run units, waves and distribution; researchers read dashboards and download de-identified exports. Both see only this organization.':
    'Los gerentes administran unidades, rondas y distribución; los investigadores leen los paneles de resultados y descargan exportaciones sin datos identificables. Ambos ven solo esta organización.',
  'Managers and researchers of {organization}': 'Gerentes e investigadores de {organization}',
  'E-mail': 'Correo electrónico',
  '(you)': '(usted)',
  'another manager can remove this': 'otro gerente puede quitar este rol',
  '{email} as {role}': '{email} como {role}',
  manager: 'gerente',
  researcher: 'investigador(a)',
  active: 'activa',
  'has not set a password yet': 'todavía no ha establecido una contraseña',
  'Invite a colleague': 'Invitar a un(a) colega',
  'Someone without an account gets one, and you see a one-time link to send them so they can choose a password. Someone who already has an account simply gets the role.':
    'Una persona sin cuenta recibe una, y usted ve un enlace de un solo uso para enviárselo y que elija una contraseña. Quien ya tiene una cuenta simplemente recibe el rol.',
  'E-mail address': 'Correo electrónico',
  Invite: 'Invitar',
  'Colleague invited': 'Colega invitado(a)',
  'Back to colleagues': 'Volver a colegas',
  'The role was granted. They can sign in with their existing password.': 'Se asignó el rol. Puede iniciar sesión con su contraseña actual.',
  'The role was removed.': 'Se quitó el rol.',
  // Shared wave-form partials (unit-choice.ejs, comment-export.ejs)
  // Form problems and refusals
  'must be an organization id': 'debe ser un identificador de organización',
  'choose an organization': 'elija una organización',
  'must be manager or researcher': 'debe ser gerente o investigador(a)',
  'must be 1 to 100000, or blank': 'debe ser de 1 a 100000, o quedar en blanco',
  'there is already a unit called "{name}"': 'ya existe una unidad llamada "{name}"',
  'there is already an organization called "{name}"': 'ya existe una organización llamada "{name}"',
  'already holds the {role} role here': 'ya tiene el rol de {role} aquí',
  '{email} is already {role} in this organization.': '{email} ya tiene el rol de {role} en esta organización.',
  '"{name}" is part of a survey wave, so it keeps its history: archive it instead.':
    '"{name}" forma parte de una ronda de encuesta, así que conserva su historial: archívela en su lugar.',
  'There is no such unit in this organization.': 'No existe esa unidad en esta organización.',
  'That account does not hold that role in that organization.': 'Esa cuenta no tiene ese rol en esa organización.',
  'You cannot remove your own manager role; ask another manager of this organization.':
    'No puede quitar su propio rol de gerente; pídaselo a otro gerente de esta organización.',
};
