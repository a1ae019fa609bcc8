import { parseCli, USAGE, type RunCommand } from './cli/args.js';
import { generateEvents, readEvents } from './cli/events.js';
import { formatSummary } from './cli/summary.js';
import { createEmulator } from './emulator.js';

/** `forge-emulator` command line. */
async function run(cmd: RunCommand): Promise<void> {
  const emu = createEmulator({ seed: cmd.seed, quotas: cmd.quotas, clock: cmd.realTime ? 'real' : 'virtual', attemptLogLimit: 1000, egress: cmd.allowEgress ? 'allow-all' : 'enforce' });
  try {
    const app = await emu.loadApp(cmd.appDir, { ...(cmd.source === undefined ? {} : { source: cmd.source }), acceptModules: cmd.acceptModules });
    const start = emu.now();
    const events = cmd.generate !== undefined ? generateEvents(cmd.generate.eventType, cmd.generate.count, cmd.generate.windowSeconds, start) : await readEvents(cmd.eventsFile ?? '');
    const product = events.some((e) => e.eventType.startsWith('avi:confluence:')) ? 'confluence' : 'jira';
    const inst = emu.install(app, { installationId: 'cli-installation', product });
    const wall0 = performance.now();
    for (const e of events) inst.fireProductEvent(e.eventType, e.payload, { atMs: start + e.atSeconds * 1000 });
    await emu.runUntilIdle();
    if (cmd.runForSeconds !== undefined) await emu.advance(cmd.runForSeconds * 1000);
    const wallMs = performance.now() - wall0;
    process.stdout.write(formatSummary({ metrics: emu.metrics(), inspect: emu.inspect(), keys: inst.kvs.entries().length, events: events.length, wallMs }));
  } finally {
    emu.dispose();
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'dev') return (await import('./dev/run.js')).runDev(argv.slice(1));
  let cmd: RunCommand | 'help';
  try {
    cmd = parseCli(argv);
  } catch (e) {
    process.stderr.write(`forge-emulator: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}\n`);
    return 2;
  }
  if (cmd === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  await run(cmd);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`forge-emulator: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
