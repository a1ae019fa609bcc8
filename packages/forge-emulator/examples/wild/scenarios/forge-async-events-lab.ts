import type { Scenario } from '../try-app.js';

/** AtomOpera/forge-async-events-lab: push to the queue from a resolver, then ask for the job's stats. */
const scenario: Scenario = async ({ emu, call }) => {
  await call('resolver', 'getText', {});
  const jobId = await call('resolver', 'sendMessageToQueue', {});
  await emu.runUntilIdle();
  await call('resolver', 'getQueueStatus', { jobId });
};
export default scenario;
