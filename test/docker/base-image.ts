import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Docker, imageExists } from './docker.js';
import { type Engine, onPath } from './engine.js';

const exec = promisify(execFile);
const script = join(import.meta.dirname, 'stand-in-node-image.sh');
/** npm's major version bundled with the Node major the Dockerfile names. */
const NPM_MAJOR: Record<string, string> = { '20': '10', '22': '10', '24': '11' };

export interface BaseImages {
  /** The image the Dockerfile names (NODE_IMAGE's default): real, or the stand-in imported under its tag. */
  runtime: string;
  /** runtime plus this machine's npm registry and CA settings, for BUILD_IMAGE: never in the final image. */
  build: string;
  /** How the runtime image was obtained, for the test output. */
  origin: string;
}

/** Where the stand-in base is cached between runs (a fresh clone on the same machine reuses it). */
export function cacheDir(): string {
  const candidates = [
    process.env.MLSHIP_TEST_CACHE,
    '/var/cache/mlship-test',
    join(tmpdir(), 'mlship-test-cache'),
  ];
  for (const dir of candidates) {
    if (!dir) continue;
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
      return dir;
    } catch {}
  }
  throw new Error('no writable cache directory for the stand-in Node image');
}

/**
 * Makes the Dockerfile's base image available: present already, pulled (an engine this harness did not start),
 * or, in the engine started here where no registry serves base images, the stand-in built by
 * stand-in-node-image.sh (cached by its inputs) and imported under the same tag.
 */
export async function ensureBaseImages(docker: Docker, engine: Engine, tag: string): Promise<BaseImages> {
  const major = /^node:(\d+)-bookworm-slim$/.exec(tag)?.[1];
  if (!major) throw new Error(`the Dockerfile's base ${tag} is not node:<major>-bookworm-slim`);
  let origin = 'already in the engine';
  if (!(await imageExists(docker, tag))) {
    if (engine.owned) {
      origin = await importStandIn(docker, tag, major);
    } else {
      await docker(['pull', tag]);
      origin = 'pulled';
    }
  }
  return { runtime: tag, build: await buildImageWithNpmSettings(docker, tag), origin };
}

async function importStandIn(docker: Docker, tag: string, major: string): Promise<string> {
  const npmMajor = NPM_MAJOR[major] ?? 'latest';
  const key = createHash('sha256')
    .update(readFileSync(script))
    .update(`${major}/${npmMajor}/${process.env.MLSHIP_DEBIAN_MIRROR ?? ''}`)
    .digest('hex')
    .slice(0, 12);
  const tarball = join(cacheDir(), `node-${major}-bookworm-slim-${key}.tar`);
  let origin = `stand-in from cache ${tarball}`;
  if (!existsSync(tarball)) {
    if (!onPath('debootstrap'))
      throw new Error('building the stand-in Node image needs debootstrap (apt-get install debootstrap)');
    const { stdout } = await exec('bash', [script, major, npmMajor, tarball], { timeout: 900_000 });
    writeFileSync(`${tarball}.version`, stdout.trim().split('\n').pop() ?? '');
    origin = `stand-in built now into ${tarball}`;
  }
  const version = readFileSync(`${tarball}.version`, 'utf8').trim().replace(/^v/, '');
  await docker([
    'import',
    '--change',
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    '--change',
    `ENV NODE_VERSION=${version}`,
    '--change',
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    '--change',
    'CMD ["node"]',
    tarball,
    tag,
  ]);
  return `${origin} (Node ${version})`;
}

/** The host's npm registry, CA and proxy settings (no tokens) on top of the base, for the build stage only. */
async function buildImageWithNpmSettings(docker: Docker, base: string): Promise<string> {
  const { stdout } = await exec('npm', ['config', 'ls', '--json']);
  const config = JSON.parse(stdout) as Record<string, unknown>;
  const lines = [`registry=${config.registry}`];
  for (const key of ['https-proxy', 'proxy', 'strict-ssl']) {
    if (config[key] !== null && config[key] !== undefined) lines.push(`${key}=${config[key]}`);
  }
  const context = mkdtempSync(join(tmpdir(), 'mlship-node-build-'));
  try {
    const dockerfile = [`FROM ${base}`, 'COPY npmrc /usr/local/etc/npmrc'];
    const ca = typeof config.cafile === 'string' ? readFileSync(config.cafile) : undefined;
    if (ca) {
      writeFileSync(join(context, 'ca.crt'), ca);
      lines.push('cafile=/usr/local/share/mlship-test/ca.crt');
      dockerfile.push(
        'COPY ca.crt /usr/local/share/mlship-test/ca.crt',
        'ENV NODE_EXTRA_CA_CERTS=/usr/local/share/mlship-test/ca.crt',
      );
    }
    writeFileSync(join(context, 'npmrc'), `${lines.join('\n')}\n`);
    writeFileSync(join(context, 'Dockerfile'), `${dockerfile.join('\n')}\n`);
    const hash = createHash('sha256')
      .update(base)
      .update(lines.join('\n'))
      .update(ca ?? '')
      .digest('hex');
    const tag = `mlship-test/node-build:${hash.slice(0, 12)}`;
    if (!(await imageExists(docker, tag))) {
      await docker(['build', '--quiet', '--tag', tag, context], { env: { DOCKER_BUILDKIT: '0' } });
    }
    return tag;
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
