import type { Scenario } from '../try-app.js';

/** AtomOpera/forge-scheduled-trigger-lab: the message-of-the-day web trigger (the scheduled trigger runs after 5 minutes). */
const scenario: Scenario = async ({ site }) => {
  const r = await site.webTrigger('motd-listener', { method: 'POST', body: JSON.stringify({ motd: 'hello from the emulator' }) });
  console.log('WEBTRIGGER motd-listener ->', r.statusCode, r.body);
};
export default scenario;
