import type { Catalogue } from '../translate.js';

/** The error page (titles and messages of http/errors.ts and access.ts) and a form field's problem. */
export const errors: Catalogue = {
  // Titles
  'Page not found': 'Página no encontrada',
  'This survey is closed': 'Esta encuesta está cerrada',
  'This link has already been used': 'Este enlace ya se usó',
  'Too many attempts': 'Demasiados intentos',
  'Sign-in failed': 'No se pudo iniciar sesión',
  'Something went wrong': 'Algo salió mal',
  'We could not accept that': 'No pudimos aceptar eso',
  // Messages
  'There is no page at this address.': 'No hay ninguna página en esta dirección.',
  'Please sign in to see this page.': 'Inicie sesión para ver esta página.',
  'Only a platform admin may do this.': 'Solo la administración de la plataforma puede hacer esto.',
  'Your role in this organization does not allow this (needs manager).': 'Su rol en esta organización no permite esto (se necesita gerente).',
  'Your role in this organization does not allow this (needs researcher).': 'Su rol en esta organización no permite esto (se necesita investigador(a)).',
  'Your role in this organization does not allow this (needs manager or researcher).':
    'Su rol en esta organización no permite esto (se necesita gerente o investigador(a)).',
  'This form has expired or did not come from PeerClimate. Reload the page and try again.':
    'Este formulario venció o no provino de PeerClimate. Vuelva a cargar la página e inténtelo de nuevo.',
  'The request body is not valid JSON.': 'El contenido de la solicitud no es JSON válido.',
  'The request body is too large.': 'El contenido de la solicitud es demasiado grande.',
  'The request body must be UTF-8 JSON.': 'El contenido de la solicitud debe ser JSON en UTF-8.',
  'The address is not valid: it holds a malformed percent-encoding.': 'La dirección no es válida: contiene una codificación porcentual mal formada.',
  'The request body must be UTF-8 JSON or a form.': 'El contenido de la solicitud debe ser JSON en UTF-8 o un formulario.',
  'The request body could not be read.': 'No se pudo leer el contenido de la solicitud.',
  'The server could not complete this request. Please try again.': 'El servidor no pudo completar esta solicitud. Inténtelo de nuevo.',
  'This server does not answer for that host name.': 'Este servidor no responde a ese nombre de host.',
  'The request is not valid. {problems}': 'La solicitud no es válida. {problems}',
  // A form field's problem (views/partials/field-error.ejs)
  'Error: {problem}': 'Error: {problem}',
};
