import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { postgresAdminUrl } from './databases.js';

export type Bouncer = { port: number; urlFor(databaseUrl: string): string; stop(): Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited with ${child.exitCode}`);
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); }).on('error', () => resolve(false));
    });
    if (isOpen) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('pgbouncer did not start');
}

/**
 * PgBouncer in transaction pooling mode in front of the test PostgreSQL: every transaction may
 * run on another server connection, so session state (named prepared statements, session
 * advisory locks, SET) would not survive between statements. It refuses to run as root, so as
 * root it runs as the postgres user.
 */
export async function startPgBouncer(): Promise<Bouncer> {
  const admin = new URL(postgresAdminUrl);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'peerclimate-pgbouncer-'));
  const port = await freePort();
  const server = `host=${admin.hostname} port=${admin.port || '5432'} user=${decodeURIComponent(admin.username)}${admin.password ? ` password=${decodeURIComponent(admin.password)}` : ''}`;
  await fs.writeFile(path.join(dir, 'pgbouncer.ini'), [
    '[databases]', `* = ${server}`, '[pgbouncer]', 'listen_addr = 127.0.0.1', `listen_port = ${port}`, 'auth_type = any',
    'pool_mode = transaction', 'max_client_conn = 500', 'default_pool_size = 8', 'unix_socket_dir =',
    'ignore_startup_parameters = extra_float_digits,options', `logfile = ${path.join(dir, 'pgbouncer.log')}`,
  ].join('\n'));
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await fs.chmod(dir, 0o777);
  const command = isRoot ? ['runuser', '-u', 'postgres', '--', 'pgbouncer', path.join(dir, 'pgbouncer.ini')] : ['pgbouncer', path.join(dir, 'pgbouncer.ini')];
  const child = spawn(command[0] ?? 'pgbouncer', command.slice(1), { stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    port,
    urlFor(databaseUrl) {
      const url = new URL(databaseUrl);
      url.host = `127.0.0.1:${port}`;
      return url.toString();
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
