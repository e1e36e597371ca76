/** The results table of docs/performance.md, from bench/results/latest.json. */
// biome-ignore lint/suspicious/noExplicitAny: the result files are plain JSON written by the suites
type Json = any;

const fixed = (value: number, digits = 2) => Number(value).toFixed(digits);
const int = (value: number) => Math.round(value).toLocaleString('en-US');

export function renderTable(latest: Json): string {
  const { server, proxy, cli, deploy } = latest;
  const m = (target: string, scenario: string) =>
    server.measurements.find((x: Json) => x.target === target && x.scenario === scenario);
  const iris = m('iris-onnx', 'single-row');
  const raw = m('raw-http', 'single-row');
  const echo = m('echo', 'single-row');
  const batch = m('iris-onnx', 'batch-64');
  const rounds = (baseline: string, scenario: string) => {
    const of = (target: string) =>
      server.runs.filter((r: Json) => r.target === target && r.scenario === scenario);
    const base = of(baseline);
    return of('iris-onnx')
      .map((r: Json, i: number) => fixed(r.requestsPerSecond / base[i].requestsPerSecond))
      .join(', ');
  };
  const cliCase = (name: string) => cli.results.find((r: Json) => r.command.includes(name));
  const node = cliCase('node -e');
  const help = cliCase('--help');
  const init =
    cli.results.find((r: Json) => /init demo --yes$|init demo --yes --force/.test(r.command)) ??
    cliCase('init');
  const rows: Array<[string, string, string]> = [
    [
      'iris-onnx single row, req/s (p50 / p99 ms)',
      `${int(iris.requestsPerSecond)} (${fixed(iris.latencyP50Ms)} / ${fixed(iris.latencyP99Ms)})`,
      'measured',
    ],
    ['raw node:http fixed body, req/s (ceiling)', int(raw.requestsPerSecond), 'baseline'],
    ['bare Fastify echo, req/s', int(echo.requestsPerSecond), 'baseline'],
    [
      'iris-onnx ÷ raw node:http, single row (median of per-round ratios)',
      `${fixed(server.targets.singleRowVsRawHttp.value)} (rounds: ${rounds('raw-http', 'single-row')})`,
      '≥ 0.80',
    ],
    [
      'iris-onnx ÷ Fastify echo, single row (median of per-round ratios)',
      `${fixed(server.targets.singleRowVsEcho.value)} (rounds: ${rounds('echo', 'single-row')})`,
      '≥ 0.75',
    ],
    ['iris-onnx ÷ raw node:http, 64-row batches (requests)', fixed(server.targets.batchVsRawHttp.value), ''],
    ['iris-onnx 64-row batches, rows/s', int(batch.rowsPerSecond), '≥ 300,000'],
    ['iris-onnx peak RSS, MB', String(server.peakRssMb['iris-onnx']), '≤ 150'],
    ['proxy HIT p50 / p99, ms', `${fixed(proxy.hit.p50Ms, 3)} / ${fixed(proxy.hit.p99Ms, 3)}`, '≤ 1 / ≤ 5'],
    ['proxy MISS overhead over a direct InvokeEndpoint (p50), ms', fixed(proxy.missOverheadP50Ms, 3), '≤ 2'],
    [
      'proxy failed requests with Redis killed / hung',
      `${proxy.redisKilled.failed} / ${proxy.redisHung.failed}`,
      '0',
    ],
    ['Lambda zip size, bytes', int(proxy.zip.bytes), '≤ 500,000'],
    ['Lambda module init under Node 24 (median), ms', fixed(proxy.initUnderNode24.medianMs, 0), ''],
    ['`mlship --help` ÷ `node -e ""` (median)', fixed(help.medianMs / node.medianMs), '≤ 1.5'],
    [
      '`mlship init` ÷ `node -e ""` (median)',
      `${fixed(init.medianMs / node.medianMs)} (${fixed(init.medianMs, 0)} ms)`,
      '≤ 1 s',
    ],
    [
      `first deploy against the fakes (${deploy.chain.join(' → ')}), ms`,
      fixed(deploy.firstDeployMedianMs, 1),
      '',
    ],
    ...deploy.phases.map((p: Json): [string, string, string] => [
      `  ${p.run} ${p.target} ${p.phase}, ms`,
      fixed(p.medianMs),
      '',
    ]),
    ['no-op re-deploy, ms', fixed(deploy.noopRedeployMedianMs, 1), ''],
    [
      'no-op re-deploy: AWS calls / mutating calls',
      `${deploy.noopCalls} / ${deploy.noopMutatingCalls}`,
      '— / 0',
    ],
  ];
  const machine = latest.machine;
  return [
    `Run ${latest.date.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpus} × ${machine.cpuModel}, ` +
      `${machine.memoryGb} GB, Node ${machine.node}; load average ${latest.loadAverageAtStart[0]} at the start, ` +
      `${latest.loadAverageAtEnd[0]} at the end (1 min); ${latest.totalSeconds} s in all. Ratios are measured in the ` +
      'same run; the raw data is in `bench/results/latest.json`.',
    '',
    '| measure | value | goal |',
    '| --- | ---: | --- |',
    ...rows.map(([what, value, goal]) => `| ${what} | ${value} | ${goal} |`),
  ].join('\n');
}
