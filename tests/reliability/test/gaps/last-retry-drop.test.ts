import { expect, test } from 'vitest';
import { VALUE_PLACEHOLDER, type History } from '../../src/gen/history.js';
import { captureConsole } from '../../src/run/console.js';
import { runHistory } from '../../src/run/runHistory.js';
import { lostInDroppedEvents } from '../../src/run/platform-drops.js';

/**
 * Regression test for gap G1, found by the generated suite (seed 1, sample 269) and kept here as a fixed
 * history: while KVS answers 429 and the push quota (1 event/minute here) is used up, the consumer
 * reaches the platform's last retry, cannot apply, cannot re-drive (push 429) and cannot write a
 * dead letter (KVS 429); it gives up and the platform drops the event: the newest write to `g h` is
 * lost and the key keeps an older value. Fixed in queued-storage ce060ff (final-delivery fallback,
 * reserveRetries); this test fails if it comes back.
 */
const V = VALUE_PLACEHOLDER;
const history: History = {"installations": 1, "ordered": true, "direct": false, "steps": [{"installation": 0, "gapMs": 64454, "calls": [{"kind": "set", "key": "c.d_e-f#2", "value": V}], "size": "small"}, {"installation": 0, "gapMs": 33224, "calls": [{"kind": "set", "key": "b:1", "value": V}], "size": "tiny"}, {"installation": 0, "gapMs": 21541, "calls": [{"kind": "set", "key": "g h", "value": V}], "size": "tiny"}, {"installation": 0, "gapMs": 48708, "calls": [{"kind": "batch", "writes": [{"kind": "set", "key": "b:1", "value": V}, {"kind": "set", "key": "g h", "value": V}, {"kind": "set", "key": "a", "value": V}]}], "size": "tiny"}, {"installation": 0, "gapMs": 22257, "calls": [{"kind": "set", "key": "g h", "value": V}], "size": "tiny"}, {"installation": 0, "gapMs": 3, "calls": [{"kind": "setMany", "entries": [["c.d_e-f#2", V], ["a", V], ["b:1", V]]}], "size": "small"}], "versionEntity": true, "faults": {"seed": 1654492716, "storms": [{"startMs": 270367, "durationMs": 170715}], "kvs5xxRate": 0, "push5xxRate": 0.1999999999999997, "timeoutRate": 3.286188110836222e-215, "duplicateRate": 0, "reorder": true, "pushPartialFailureRate": 0, "pushEventsPerMinute": 1, "maxRetries": 4, "retentionMs": undefined, "crashes": [{"invocation": 4, "afterWrites": 1}], "restartAfterStep": 4}};

test('the newest write survives a last retry with KVS throttled and the push quota used up', async () => {
  const capture = captureConsole();
  try {
    const report = await runHistory(history);
    expect(lostInDroppedEvents(report)).toEqual([]);
  } finally {
    capture.restore();
  }
});
