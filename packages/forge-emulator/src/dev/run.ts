import { join, resolve } from 'node:path';
import { DEV_USAGE, parseDevArgs } from './args.js';
import { startDevServer } from './server.js';

/** `forge-emulator dev <appDir> ...`: runs until SIGINT/SIGTERM, saving the store on the way out. */
export async function runDev(argv: string[]): Promise<number> {
  let cmd;
  try {
    cmd = parseDevArgs(argv);
  } catch (e) {
    process.stderr.write(`forge-emulator dev: ${e instanceof Error ? e.message : String(e)}\n\n${DEV_USAGE}\n`);
    return 2;
  }
  if (cmd === 'help') {
    process.stdout.write(`${DEV_USAGE}\n`);
    return 0;
  }
  const statePath = cmd.persist ? resolve(cmd.statePath ?? join(cmd.appDir, '.forge-emulator', 'dev-state.json')) : undefined;
  const server = await startDevServer({ appDir: cmd.appDir, port: cmd.port, seed: cmd.seed, statePath, source: cmd.source, quotas: cmd.quotas, watch: cmd.watch, site: { issues: cmd.issues, pages: cmd.pages } });
  process.stdout.write(`forge-emulator dev: ${cmd.appDir} on ${server.url}\n  dashboard  ${server.url}/\n${server.session.info.pages.map((p) => `  ${p.type.padEnd(10)} ${server.url}/ui/${p.key}/index.html?as=admin  (?as=user: without admin rights)\n`).join('')}  store      ${statePath ?? 'not kept (--no-persist)'}\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
