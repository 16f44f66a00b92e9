import type { Catalogue } from '../translate.js';

/** Sign-in, passwords, the account's home page, staff accounts and the password-reset e-mail. */
export const accounts: Catalogue = {
  // Sign-in and its notices
  'Sign in': 'Iniciar sesión',
  'For managers, researchers and platform admins. People answering a survey never need an account.':
    'Para gerentes, investigadores y la administración de la plataforma. Quienes responden una encuesta nunca necesitan una cuenta.',
  'Email address': 'Correo electrónico',
  Password: 'Contraseña',
  'Forgot your password?': '¿Olvidó su contraseña?',
  'Setup is complete. Sign in with the email address and password you chose.':
    'La configuración está completa. Inicie sesión con el correo electrónico y la contraseña que eligió.',
  'Your password is set. Sign in with it now.': 'Su contraseña quedó establecida. Inicie sesión con ella ahora.',
  'You have signed out.': 'Cerró la sesión.',
  // Forgot password
  'If an account exists for that address, we have sent it an e-mail with a link to choose a new password. The link works once, within {hours} hours.':
    'Si existe una cuenta con esa dirección, le enviamos un correo electrónico con un enlace para elegir una contraseña nueva. El enlace funciona una sola vez, dentro de {hours} horas.',
  'Nothing arrived after a few minutes? Check your spam folder, and that you typed the address you sign in with.':
    '¿No llegó nada después de unos minutos? Revise su carpeta de correo no deseado y que haya escrito la dirección con la que inicia sesión.',
  'Type the e-mail address you sign in with. If it has an account, PeerClimate sends it a one-time link to choose a new password.':
    'Escriba el correo electrónico con el que inicia sesión. Si tiene una cuenta, PeerClimate le envía un enlace de un solo uso para elegir una contraseña nueva.',
  'Send me a link': 'Enviarme un enlace',
  'No e-mail?': '¿No le llegó el correo?',
  'A platform admin can also give you a new one-time link: ask whoever runs PeerClimate for your organization, telling them the address you sign in with.':
    'La administración de la plataforma también puede darle un enlace nuevo de un solo uso: pídaselo a quien administra PeerClimate para su organización e indíquele la dirección con la que inicia sesión.',
  'They create it under {place}.': 'Se crea en {place}.',
  'Platform admin › Staff accounts › New set-password link':
    'Administración de la plataforma › Cuentas del personal › Nuevo enlace para establecer contraseña',
  'Nobody can see your old password: PeerClimate keeps only a hash of it.':
    'Nadie puede ver su contraseña anterior: PeerClimate guarda solo un hash de ella.',
  'Back to sign in': 'Volver a iniciar sesión',
  // Home
  'Signed in as {email}.': 'Sesión iniciada como {email}.',
  'You are a platform admin: you see every organization.': 'Usted pertenece a la administración de la plataforma: ve todas las organizaciones.',
  'Create organizations and grant roles': 'Crear organizaciones y asignar roles',
  'Organizations you have a role in': 'Organizaciones en las que tiene un rol',
  'Your roles': 'Sus roles',
  'You have no role in any organization yet. Ask a platform admin to grant you one.':
    'Todavía no tiene un rol en ninguna organización. Pida uno a la administración de la plataforma.',
  Manager: 'Gerente',
  Researcher: 'Investigador(a)',
  // Passwords
  'Change your password': 'Cambiar su contraseña',
  'Your password was changed. Every other session of this account was signed out.':
    'Su contraseña se cambió. Se cerraron todas las demás sesiones de esta cuenta.',
  'Current password': 'Contraseña actual',
  'New password (at least 12 characters)': 'Contraseña nueva (al menos 12 caracteres)',
  'Type the new password again': 'Escriba la contraseña nueva otra vez',
  'Choose your password': 'Elija su contraseña',
  'For the account {email}. This link works once.': 'Para la cuenta {email}. Este enlace funciona una sola vez.',
  'Password (at least 12 characters)': 'Contraseña (al menos 12 caracteres)',
  'Type the password again': 'Escriba la contraseña otra vez',
  'Set password': 'Establecer contraseña',
  'Set up PeerClimate': 'Configurar PeerClimate',
  'Create the first platform admin account. This link works once.':
    'Cree la primera cuenta de administración de la plataforma. Este enlace funciona una sola vez.',
  'Your email address': 'Su correo electrónico',
  'Choose a password (at least 12 characters)': 'Elija una contraseña (al menos 12 caracteres)',
  'Create the admin account': 'Crear la cuenta de administración',
  // Staff accounts and one-time links
  'Staff accounts': 'Cuentas del personal',
  'Every staff account, its roles and sessions': 'Cada cuenta del personal, sus roles y sesiones',
  Email: 'Correo electrónico',
  'Roles held': 'Roles asignados',
  Actions: 'Acciones',
  '(platform admin)': '(administración de la plataforma)',
  '{role} in {organization}': '{role} en {organization}',
  Remove: 'Quitar',
  '{role} role of {email} in {organization}': 'rol de {role} de {email} en {organization}',
  'Sign out everywhere': 'Cerrar todas las sesiones',
  'New set-password link': 'Nuevo enlace para establecer contraseña',
  'waiting for its set-password link': 'esperando su enlace para establecer contraseña',
  '{count} active session': '{count} sesión activa',
  '{count} active sessions': '{count} sesiones activas',
  'One-time link': 'Enlace de un solo uso',
  'Account created': 'Cuenta creada',
  'The role was granted and an account was created for {email}.': 'Se asignó el rol y se creó una cuenta para {email}.',
  'Send this one-time link to {email} so they can choose a password. It works once and expires in 3 days.':
    'Envíe este enlace de un solo uso a {email} para que elija una contraseña. Funciona una sola vez y vence en 3 días.',
  'It is shown only now:': 'Se muestra solo ahora:',
  'PeerClimate keeps only a hash of it.': 'PeerClimate guarda solo un hash de él.',
  'Back to staff accounts': 'Volver a las cuentas del personal',
  // The password-reset e-mail
  'Someone asked to reset the password of your PeerClimate account.': 'Alguien pidió restablecer la contraseña de su cuenta de PeerClimate.',
  'Choose a new password here (the link works once, within {hours} hours):':
    'Elija una contraseña nueva aquí (el enlace funciona una sola vez, dentro de {hours} horas):',
  'If you did not ask, ignore this message: your password stays as it is.':
    'Si usted no lo pidió, ignore este mensaje: su contraseña sigue igual.',
  'Reset your PeerClimate password': 'Restablezca su contraseña de PeerClimate',
  // Form problems (schema.ts, passwords.ts, service.ts)
  'must be at most 254 characters': 'debe tener como máximo 254 caracteres',
  'must be an email address': 'debe ser un correo electrónico',
  'is too long': 'es demasiado largo',
  'does not match the password': 'no coincide con la contraseña',
  'does not match the new password': 'no coincide con la contraseña nueva',
  'must be an account id': 'debe ser un identificador de cuenta',
  'must be at least {count} characters': 'debe tener al menos {count} caracteres',
  'must be at most {count} characters': 'debe tener como máximo {count} caracteres',
  'must not be your email address': 'no puede ser su correo electrónico',
  'currentPassword: is not correct': 'Contraseña actual: no es correcta',
  'is not correct': 'no es correcta',
  'The email address or password is not correct.': 'El correo electrónico o la contraseña no son correctos.',
  'Too many sign-in attempts for this account. Wait {minutes} minutes and try again.':
    'Demasiados intentos de inicio de sesión para esta cuenta. Espere {minutes} minutos e inténtelo de nuevo.',
  'Too many password reset requests for this address. Wait {minutes} minutes and try again.':
    'Demasiadas solicitudes para restablecer la contraseña de esta dirección. Espere {minutes} minutos e inténtelo de nuevo.',
  'There is no such account.': 'No existe esa cuenta.',
  'This link is not valid: it has expired or has already been used. Ask a platform admin for a new one.':
    'Este enlace no es válido: venció o ya se usó. Pida uno nuevo a la administración de la plataforma.',
};
