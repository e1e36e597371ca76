import { captureStream } from '@mlship/test-support';
import { describe, expect, it } from 'vitest';
import { CiIoHost } from '../src/io/ci-host.js';
import { createIoHost, hostKind } from '../src/io/create-host.js';
import { InteractiveIoHost } from '../src/io/interactive-host.js';
import { JsonIoHost } from '../src/io/json-host.js';
import { styler } from '../src/io/style.js';

describe('choosing the IoHost', () => {
  const tty = captureStream({ isTTY: true }).stream;
  const pipe = captureStream().stream;
  it('--json wins, then CI or a non-TTY stdout gives plain lines, else the interactive host', () => {
    expect(hostKind({ json: true }, { env: {}, stdout: tty, stdinIsTty: true })).toBe('json');
    expect(hostKind({}, { env: { CI: 'true' }, stdout: tty, stdinIsTty: true })).toBe('ci');
    expect(hostKind({}, { env: {}, stdout: pipe, stdinIsTty: true })).toBe('ci');
    expect(hostKind({}, { env: {}, stdout: tty, stdinIsTty: true })).toBe('interactive');
    expect(createIoHost({}, { env: {}, stdout: tty, stdinIsTty: true })).toBeInstanceOf(InteractiveIoHost);
    expect(createIoHost({}, { env: { CI: '1' }, stdout: tty })).toBeInstanceOf(CiIoHost);
    expect(createIoHost({ json: true }, { env: {}, stdout: tty })).toBeInstanceOf(JsonIoHost);
  });

  it('can ask whenever stdin is a terminal and CI is unset, even with stdout piped or --json', () => {
    const can = (flags: { json?: boolean }, env: NodeJS.ProcessEnv, stdinIsTty: boolean) =>
      createIoHost(flags, { env, stdout: pipe, stderr: pipe, stdinIsTty }).interactive;
    expect(can({}, {}, true)).toBe(true);
    expect(can({ json: true }, {}, true)).toBe(true);
    expect(can({}, { CI: 'true' }, true)).toBe(false);
    expect(can({ json: true }, {}, false)).toBe(false);
    expect(createIoHost({}, { env: {}, stdout: tty, stdinIsTty: true }).interactive).toBe(true);
  });

  it('NO_COLOR and --no-color turn colours off even on a terminal', () => {
    const out = captureStream({ isTTY: true });
    const host = createIoHost(
      {},
      { env: { CI: 'true', NO_COLOR: '' }, stdout: out.stream, stderr: out.stream },
    );
    host.notify({ level: 'warn', message: 'careful' });
    expect(out.text()).toBe('warning: careful\n');
    const colored = captureStream({ isTTY: true });
    createIoHost({}, { env: { CI: 'true' }, stdout: colored.stream, stderr: colored.stream }).notify({
      level: 'warn',
      message: 'careful',
    });
    expect(colored.text()).toBe('\u001b[33mwarning: careful\u001b[39m\n');
    const flagged = captureStream({ isTTY: true });
    createIoHost(
      { color: false },
      { env: { CI: 'true' }, stdout: flagged.stream, stderr: flagged.stream },
    ).notify({
      level: 'warn',
      message: 'careful',
    });
    expect(flagged.text()).toBe('warning: careful\n');
  });
});

describe('CiIoHost', () => {
  it('prints one plain line per state change with the elapsed time, and skips repeats', () => {
    const out = captureStream();
    let now = 0;
    const host = new CiIoHost({
      stdout: out.stream,
      stderr: out.stream,
      styler: styler(false),
      debug: false,
      now: () => now,
    });
    const progress = host.progress('Updating endpoint iris-dev');
    now = 2_000;
    progress.update('Updating');
    progress.update('Updating');
    now = 95_000;
    progress.update('InService');
    progress.succeed('Updating endpoint iris-dev: InService');
    host.notify({ level: 'debug', message: 'hidden without --debug' });
    expect(out.lines()).toEqual([
      '[0s] Updating endpoint iris-dev ...',
      '[2s] Updating endpoint iris-dev: Updating',
      '[1m35s] Updating endpoint iris-dev: InService',
      '[1m35s] done: Updating endpoint iris-dev: InService',
    ]);
  });

  it('never prompts: confirm answers the default', async () => {
    const out = captureStream();
    const host = new CiIoHost({
      stdout: out.stream,
      stderr: out.stream,
      styler: styler(false),
      debug: false,
    });
    expect(await host.confirm('go?')).toBe(false);
    expect(host.interactive).toBe(false);
  });
});

describe('JsonIoHost', () => {
  it('writes only the result to stdout and every log line to stderr', () => {
    const stdout = captureStream();
    const stderr = captureStream();
    const host = new JsonIoHost(stdout.stream, stderr.stream, false);
    host.notify({ level: 'info', message: 'Creating model', code: 'X' });
    host.progress('Creating endpoint').succeed();
    host.result({ env: 'dev', changed: true }, 'text ignored');
    expect(JSON.parse(stdout.text())).toEqual({ env: 'dev', changed: true });
    const logs = stderr.lines().map((line) => JSON.parse(line));
    expect(logs[0]).toEqual({ level: 'info', code: 'X', message: 'Creating model' });
    expect(logs.map((l) => l.state).slice(1)).toEqual(['start', 'succeed']);
  });
});

describe('InteractiveIoHost', () => {
  it('shows a spinner that ends with a tick and the elapsed time', () => {
    const out = captureStream({ isTTY: true, columns: 120 });
    const done = (...args: unknown[]) => {
      const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
    Object.assign(out.stream, { cursorTo: done, clearLine: done, moveCursor: done });
    const host = new InteractiveIoHost({
      stdout: out.stream,
      stderr: out.stream,
      styler: styler(false),
      debug: false,
      color: false,
    });
    const progress = host.progress('Creating endpoint iris-dev');
    progress.update('Creating');
    progress.succeed('Creating endpoint iris-dev: InService');
    expect(out.text()).toMatch(/✔ Creating endpoint iris-dev: InService \(0s\)/);
  });
});
