import fs from 'node:fs/promises';

/** The node arguments `npm start` runs after building (package.json), so a benchmark measures the server as deployed. */
export async function readStartCommand(): Promise<string[]> {
  const scripts = (JSON.parse(await fs.readFile('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command = '', ...args] = (scripts.start ?? '').split('&&').at(-1)?.trim().split(/\s+/) ?? [];
  if (command !== 'node') throw new Error(`npm start no longer ends in a node command: ${scripts.start ?? ''}`);
  return args;
}
