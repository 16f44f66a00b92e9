import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { buildSync } from 'esbuild';

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => path.dirname(require.resolve(name));
const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'public');

/** Browser files from node_modules (never a CDN) and our own that pages load by fingerprinted address. */
const sources: Record<string, string> = {
  'survey-core.js': path.join(packageDir('survey-core'), 'survey.core.min.js'),
  'survey-core.css': path.join(packageDir('survey-core'), 'survey-core.fontless.min.css'),
  'survey-spanish.js': path.join(packageDir('survey-core'), 'i18n', 'spanish.min.js'),
  'survey-js-ui.js': path.join(packageDir('survey-js-ui'), 'survey-js-ui.min.js'),
  'app.css': path.join(publicDir, 'css', 'app.css'),
  'respond.js': path.join(publicDir, 'js', 'respond.js'),
  'answer-store.js': path.join(publicDir, 'js', 'answer-store.js'),
  'thanks.js': path.join(publicDir, 'js', 'thanks.js'),
  'chart.js': path.join(packageDir('chart.js'), 'chart.umd.min.js'),
  'token.js': bundle(path.join(publicDir, 'js', 'token.js')),
};

/**
 * A script of ours that imports a package (token.js uses @cloudflare/blindrsa-ts), bundled into
 * one file when the server starts and kept under the system's temporary folder by content hash.
 */
function bundle(entry: string): string {
  const [output] = buildSync({ entryPoints: [entry], bundle: true, format: 'iife', minify: true, write: false, target: 'es2020', platform: 'browser' }).outputFiles;
  if (!output) throw new Error(`bundling ${entry} gave no output`);
  const folder = path.join(os.tmpdir(), 'peerclimate-bundles');
  const file = path.join(folder, `${createHash('sha256').update(output.contents).digest('hex').slice(0, 16)}.js`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(folder, { recursive: true });
    const temporary = `${file}.${String(process.pid)}.tmp`;
    fs.writeFileSync(temporary, output.contents);
    fs.renameSync(temporary, file);
  }
  return file;
}

export type Encoding = 'br' | 'gzip';
export type Asset = { name: string; file: string; hash: string; url: string; variants: Partial<Record<Encoding, string>> };

function fingerprint(name: string, file: string): Asset {
  const hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 16);
  const extension = path.extname(name);
  return { name, file, hash, url: `/assets/${path.basename(name, extension)}.${hash}${extension}`, variants: {} };
}

// Read once at start: the content hash in each address lets browsers keep a file for a year,
// and a new release gets new addresses.
const assets = Object.entries(sources).map(([name, file]) => fingerprint(name, file));
const byUrlName = new Map(assets.map((asset) => [path.basename(asset.url), asset]));
const byName = new Map(assets.map((asset) => [asset.name, asset]));

/** The fingerprinted address of a named asset, for templates. */
export function assetUrl(name: string): string {
  const asset = byName.get(name);
  if (!asset) throw new Error(`unknown asset ${name}`);
  return asset.url;
}

/** The asset behind a fingerprinted file name, or undefined (an old or made-up address). */
export function findAsset(urlName: string): Asset | undefined {
  return byUrlName.get(urlName);
}

const compressors: Record<Encoding, (input: Buffer) => Promise<Buffer>> = {
  br: (input) => promisify(zlib.brotliCompress)(input, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length } }),
  gzip: (input) => promisify(zlib.gzip)(input, { level: 9 }),
};

async function ensureVariant(cacheDir: string, asset: Asset, encoding: Encoding): Promise<void> {
  const target = path.join(cacheDir, `${asset.hash}${path.extname(asset.name)}.${encoding}`);
  if (!fs.existsSync(target)) {
    const compressed = await compressors[encoding](await fs.promises.readFile(asset.file));
    // Written under a unique name and renamed, so processes starting together never read half a file.
    const temporary = `${target}.${String(process.pid)}.${String(Date.now())}.tmp`;
    await fs.promises.writeFile(temporary, compressed);
    await fs.promises.rename(temporary, target);
  }
  asset.variants[encoding] = target;
}

/**
 * Prepares the brotli and gzip copy of every asset in `cacheDir` (named by content hash, so a
 * copy made by an earlier start or another process is reused; only the first start after a
 * release pays the few seconds brotli's best level takes). Until this finishes, files go out
 * uncompressed.
 */
export async function prepareAssets(cacheDir: string): Promise<void> {
  await fs.promises.mkdir(cacheDir, { recursive: true });
  await Promise.all(assets.flatMap((asset) => (['br', 'gzip'] as const).map((encoding) => ensureVariant(cacheDir, asset, encoding))));
}
