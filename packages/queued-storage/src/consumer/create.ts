import { makeResolver } from '@forge/resolver';
import type { InvocationError } from '@forge/events';
import { handleDelivery } from './handle.js';
import { resolveConsumerOptions, type ConsumerOptions, type ResolvedConsumer } from './options.js';
import type { Delivery } from './outcome.js';

/** The modern consumer: manifest `consumer: [{ key, queue, function }]`, handler `(event, context)`. */
export type ConsumerHandler = (event: unknown, context?: unknown) => Promise<InvocationError | undefined>;

async function run(d: Delivery, o: ResolvedConsumer): Promise<InvocationError | undefined> {
  const { result, outcome } = await handleDelivery(d, o);
  try {
    o.log?.(outcome);
    await o.onOutcome?.(outcome);
  } catch {
    // Observability hooks must never turn a settled event into a failed one.
  }
  return result;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function createConsumer(options: ConsumerOptions = {}): ConsumerHandler {
  const o = resolveConsumerOptions(options);
  return (event) =>
    run(
      {
        body: field(event, 'body'),
        retryContext: field(event, 'retryContext'),
        queueName: str(field(event, 'queueName')),
        jobId: str(field(event, 'jobId')),
        eventId: str(field(event, 'eventId')),
      },
      o,
    );
}

export interface ResolverConsumerOptions extends ConsumerOptions {
  /** The manifest's `resolver.method`. Default 'apply-writes'. */
  method?: string;
}

/**
 * The v1 consumer form (the guide's): manifest `consumer: [{ key, queue, resolver: { function, method } }]`.
 * Returns `@forge/resolver` definitions; export them as the function's handler. The payload is the
 * event body plus `retryContext`; re-drives go to `options.queue` (this form does not name the queue).
 */
export type ResolverDefinitions = ReturnType<typeof makeResolver>;

export function createResolverConsumer(options: ResolverConsumerOptions = {}): ResolverDefinitions {
  const o = resolveConsumerOptions(options, 'createResolverConsumer', ['method']);
  const { method = 'apply-writes' } = options;
  if (typeof method !== 'string' || method.length === 0) throw new TypeError('[queued-storage] option method must be a non-empty string');
  const handler = async ({ payload, context }: { payload: unknown; context: unknown }) => {
    const { retryContext, ...body } = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
    return run({ body, retryContext, jobId: str(field(context, 'jobId')) }, o);
  };
  return makeResolver<Record<string, (request: { payload: unknown; context: unknown }) => Promise<InvocationError | undefined>>>({ [method]: handler });
}
