import type { Installation } from '@forge-queue/forge-emulator';
import { atFor, type HistoryStep } from '../gen/history.js';
import { type IssuedWrite, type PushedUnreadable, writesOf } from '../model/ops.js';
import { createProducer, pushRaw } from './library.js';
import type { Tap } from './tap.js';
import { DeepValue, type Stamper, storedForm } from './values.js';

export interface StepContext {
  readonly ordered: boolean;
  readonly direct: boolean;
  /** Ordered mode without the version entity in the manifest: every ordered write fails permanently. */
  readonly versionEntity: boolean;
  readonly seed: number;
  readonly stamper: Stamper;
  readonly tap: Tap;
}

export interface StepResult {
  readonly writes: Array<Omit<IssuedWrite, 'seq'>>;
  readonly unreadable: PushedUnreadable[];
  rejected: number;
  readonly untypedErrors: string[];
  /** Calls that resolved although a value's JSON breaks a KVS rule (must be a typed error at the call). */
  badValuesAccepted: number;
}

/**
 * Runs one history step as one invocation of the installation: one producer instance, its calls
 * awaited one after the other. A call that throws marks its writes "maybe"; the next call still runs.
 */
export async function runStep(step: HistoryStep, index: number, installation: Installation, ctx: StepContext): Promise<StepResult> {
  const out: StepResult = { writes: [], unreadable: [], rejected: 0, untypedErrors: [], badValuesAccepted: 0 };
  await installation.run(() =>
    ctx.tap.run(`producer#${index}`, undefined, async () => {
      const produce = createProducer({ ordered: ctx.ordered, direct: ctx.direct, seed: ctx.seed });
      const at = (w: { atLagMs?: number | undefined }): { at?: number } => {
        const ms = atFor(w.atLagMs, step.gapMs, Date.now());
        return ms === undefined ? {} : { at: ms };
      };
      for (const [c, call] of step.calls.entries()) {
        const op = ctx.stamper.op(call, step.size);
        let accepted = true;
        let pushed: PushedUnreadable[] = [];
        try {
          if (op.kind === 'raw') {
            const raw = ctx.stamper.unreadable(op.ops, installation.id, Date.now());
            // Its own tap scope: a 429 answered to this push is not the library's to honour.
            await ctx.tap.run(`raw#${index}.${c}`, undefined, () => pushRaw(`raw-${index}-${c}`, Date.now(), raw.ops));
            pushed = raw.pushed;
          } else {
            await produce(op, at);
          }
        } catch (error) {
          accepted = false;
          out.rejected += 1;
          // A raw push goes through @forge/events, whose errors are the platform's, not the library's.
          if (op.kind !== 'raw' && !isTypedError(error)) out.untypedErrors.push(describeError(error));
        }
        out.unreadable.push(...pushed);
        if (accepted && writesOf(op).some((w) => w.kind === 'set' && w.value instanceof DeepValue)) out.badValuesAccepted += 1;
        for (const write of writesOf(op)) {
          const value = write.kind === 'set' ? write.value : undefined;
          const stored = storedForm(value);
          out.writes.push({
            installation: installation.id,
            producer: index,
            write: write.kind === 'set' ? { ...write, value: stored } : write,
            accepted,
            marker: markerOf(stored) ?? deepMarker(value),
            permanent: value instanceof DeepValue || (ctx.ordered && !ctx.versionEntity),
          });
        }
      }
    }),
  );
  return out;
}

export function markerOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'marker' in value ? String(value.marker) : undefined;
}

/** The marker at the bottom of a too-deep value. */
function deepMarker(value: unknown): string | undefined {
  if (!(value instanceof DeepValue)) return undefined;
  let v: unknown = value.toJSON();
  while (typeof v === 'object' && v !== null && !('marker' in v)) v = Object.values(v)[0];
  return markerOf(v);
}

export function isTypedError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('QS_');
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
