import type { Catalogue } from '../translate.js';

/** Text of the page frame (header, navigation, error pages) and words several pages share. */
export const common: Catalogue = {
  'Skip to content': 'Ir al contenido',
  Account: 'Cuenta',
  'Your access': 'Su acceso',
  'Platform admin': 'Administración de la plataforma',
  'Change password': 'Cambiar contraseña',
  Help: 'Ayuda',
  'Sign out': 'Cerrar sesión',
  'Go back and correct it': 'Volver y corregirlo',
};
