import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command line the script cannot read: names what was wrong and carries the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/**
 * `parseArgs` (strict, no positionals) with `--help`: returns the values, or `'help'` when `--help` /
 * `-h` was given; an unknown option, a missing value or a stray positional becomes a UsageError
 * naming it.
 */
type Options = NonNullable<ParseArgsConfig['options']>;
/** What `parseArgs` returns for these options (strict, no positionals). */
export type ArgValues<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];

export function readArgs<O extends Options>(options: O, usage: string, args: string[] = process.argv.slice(2)): 'help' | ArgValues<O> {
  if (args.includes('--help') || args.includes('-h')) return 'help' as const;
  try {
    return parseArgs({ options, args, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage);
  }
}

/** Prints the usage for 'help' (exit 0) or a UsageError (exit 2); other errors are rethrown. */
export function exitOnUsage(error: unknown): never {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${error.usage}\n`);
    process.exit(2);
  }
  throw error;
}

/** For a script's top level: the values, or the usage printed and the process ended (`--help`: 0, a bad command line: 2). */
export function readArgsOrExit<O extends Options>(options: O, usage: string): ArgValues<O> {
  let values: 'help' | ArgValues<O>;
  try {
    values = readArgs(options, usage);
  } catch (error) {
    return exitOnUsage(error);
  }
  if (values === 'help') {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return values;
}
