import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { tempDir } from '@mlship/test-support';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle, contentHashOf } from '../src/bundle/build.js';
import { apigeeConfig, apigeeNames } from '../src/names.js';
import { apigeeResolved, CORS, OAUTH } from './config.js';
import { apigeelint } from './lint.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

function bundleFor(apigee: Record<string, unknown> = {}, env = 'staging') {
  const resolved = apigeeResolved('/tmp', apigee, env);
  return buildBundle(apigeeConfig(resolved), apigeeNames(resolved));
}

function file(bundle: ReturnType<typeof bundleFor>, path: string): string {
  const entry = bundle.files.find((f) => f.path === path);
  if (!entry) throw new Error(`${path} is not in the bundle`);
  return String(entry.data);
}

const OPTIONS = {
  jwt: {},
  'jwt + cors': { cors: CORS },
  oauth: { auth: OAUTH },
  'oauth + cors': { auth: OAUTH, cors: CORS },
};

describe('the API proxy bundle', () => {
  it.each(Object.entries(OPTIONS))(
    'passes apigeelint --profile apigeex with no warning (%s)',
    async (_, options) => {
      const dir = await tempDir();
      try {
        expect(await apigeelint(dir.path, bundleFor(options).files)).toEqual([]);
      } finally {
        await dir.cleanup();
      }
    },
  );

  it('is checked by a lint that can fail: a VirtualHost (banned in Apigee X) is reported', async () => {
    const bundle = bundleFor();
    const files = bundle.files.map((f) =>
      f.path === 'apiproxy/proxies/default.xml'
        ? { ...f, data: String(f.data).replace('<BasePath>', '<VirtualHost>secure</VirtualHost><BasePath>') }
        : f,
    );
    const dir = await tempDir();
    try {
      const rules = (await apigeelint(dir.path, files)).map((m) => m.ruleId);
      expect(rules).toContain('PD005');
    } finally {
      await dir.cleanup();
    }
  });

  it('gives the same bytes for the same config, and other bytes for another', () => {
    const a = bundleFor();
    expect(bundleFor().sha256).toBe(a.sha256);
    expect(Buffer.from(bundleFor().bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(bundleFor({ spikeArrest: { rate: '50ps' } }).sha256).not.toBe(a.sha256);
  });

  it('gives the same bytes in another process, time zone, umask and directory', async () => {
    const dir = await tempDir();
    try {
      const script = fileURLToPath(new URL('./print-bundle-hash.ts', import.meta.url));
      const tsx = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/loader.mjs')).href;
      const node = `umask 077 && exec "${process.execPath}" --conditions=source --import "${tsx}" "${script}"`;
      const { stdout } = await run('sh', ['-c', node], {
        cwd: dir.path,
        env: { ...process.env, TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8' },
      });
      expect(stdout).toBe(bundleFor().sha256);
    } finally {
      await dir.cleanup();
    }
  });

  it('zips the apiproxy tree and names its content hash in the descriptor', () => {
    const bundle = bundleFor();
    const paths = Object.keys(unzipSync(bundle.bytes));
    expect(paths).toContain('apiproxy/iris-staging.xml');
    expect(paths).toContain('apiproxy/proxies/default.xml');
    expect(paths).toContain('apiproxy/targets/default.xml');
    expect(paths.every((p) => p.startsWith('apiproxy/'))).toBe(true);
    const description = /<Description>(.*)<\/Description>/.exec(
      file(bundle, 'apiproxy/iris-staging.xml'),
    )?.[1];
    expect(contentHashOf(description)).toBe(bundle.contentHash);
  });

  it('runs SpikeArrest, then auth, then Quota, with the base path /<app>/<env>', () => {
    const proxy = file(bundleFor(), 'apiproxy/proxies/default.xml');
    const steps = [...proxy.matchAll(/<Name>([^<]+)<\/Name>/g)].map((m) => m[1]);
    const preFlow = proxy.slice(proxy.indexOf('<PreFlow'), proxy.indexOf('</PreFlow>'));
    expect([...preFlow.matchAll(/<Name>([^<]+)<\/Name>/g)].map((m) => m[1])).toEqual([
      'SA-Limit',
      'JWT-Verify',
      'Q-Enforce',
    ]);
    expect(steps).toContain('RF-NotFound');
    expect(proxy).toContain('<BasePath>/iris/staging</BasePath>');
    expect(proxy).toContain('(proxy.pathsuffix MatchesPath "/predict/batch") and (request.verb = "POST")');
    expect(proxy).toContain('(proxy.pathsuffix MatchesPath "/invocations") and (request.verb = "POST")');
    expect(file(bundleFor({ basePath: '/ml/iris' }), 'apiproxy/proxies/default.xml')).toContain(
      '<BasePath>/ml/iris</BasePath>',
    );
  });

  it('reads issuer, audience and JWKS URI from a property set, and OAuth scopes into VerifyAccessToken', () => {
    const jwt = bundleFor();
    expect(file(jwt, 'apiproxy/policies/JWT-Verify.xml')).toContain(
      '<JWKS uriRef="propertyset.mlship.jwks_uri"/>',
    );
    expect(file(jwt, 'apiproxy/resources/properties/mlship.properties')).toBe(
      'audience=iris-api\nissuer=https://auth.example.com/\njwks_uri=https://auth.example.com/.well-known/jwks.json\n',
    );
    const oauth = bundleFor({ auth: OAUTH });
    expect(file(oauth, 'apiproxy/policies/OAuth-VerifyToken.xml')).toContain('<Scope>predict</Scope>');
    expect(oauth.files.some((f) => f.path.includes('properties'))).toBe(false);
  });

  it('targets the TargetServer and adds the origin secret from the encrypted KVM, never a literal', () => {
    const bundle = bundleFor();
    expect(file(bundle, 'apiproxy/targets/default.xml')).toContain('<Server name="iris-staging-aws"/>');
    expect(file(bundle, 'apiproxy/policies/KVM-GetOriginSecret.xml')).toContain(
      'mapIdentifier="iris-staging-secrets"',
    );
    expect(file(bundle, 'apiproxy/policies/AM-SetOriginSecret.xml')).toContain(
      '<Header name="x-mlship-origin-secret">{private.origin_secret}</Header>',
    );
  });

  it('answers CORS preflights before auth when cors is configured', () => {
    const proxy = file(bundleFor({ cors: CORS }), 'apiproxy/proxies/default.xml');
    expect(proxy).toContain('<Name>CORS-Allow</Name>');
    expect(proxy).toContain('<RouteRule name="no-target">');
    expect(file(bundleFor({ cors: CORS }), 'apiproxy/policies/CORS-Allow.xml')).toContain(
      '<AllowOrigins>https://app.example.com</AllowOrigins>',
    );
  });
});
