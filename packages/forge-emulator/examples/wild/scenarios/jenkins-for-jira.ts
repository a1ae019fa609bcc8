import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Scenario } from '../try-app.js';

/**
 * atlassian/jenkins-for-jira (app/): admin resolvers (permission check, storage and secrets, web
 * trigger URL), then the Jenkins web trigger with JWTs signed by the app's own `atlassian-jwt`.
 */
const scenario: Scenario = async ({ emu, site, appDir, call }) => {
  const jwt = createRequire(join(appDir, 'package.json'))('atlassian-jwt') as { encodeSymmetric(claims: object, secret: string): string };
  const context = { moduleKey: 'jenkins-for-jira-ui-admin-page' };
  await call('resolver', 'fetchJenkinsEventHandlerUrl', {}, context);
  await call('resolver', 'connectJenkinsServer', { uuid: 'u-1', name: 'ci', secret: 's3cret', pipelines: [] }, context);
  await call('resolver', 'getAllJenkinsServers', {}, context);
  await call('resolver', 'fetchUserPerms', {}, context);
  const sign = (body: object): string => {
    const iat = Math.floor(emu.now() / 1000); // the app checks iat/exp against the virtual clock
    return jwt.encodeSymmetric({ iss: 'jenkins-plugin', aud: ['jenkins-forge-app'], iat, exp: iat + 60, request_body_json: JSON.stringify(body) }, 's3cret');
  };
  const requests = [
    { requestType: 'ping' },
    { requestType: 'event', eventType: 'build', pipelineName: 'main', status: 'successful', lastUpdated: new Date(emu.now()).toISOString(), payload: { builds: [] } },
    { requestType: 'gatingStatus', deploymentId: 'd1', pipelineId: 'p1', environmentId: 'e1' },
  ];
  for (const body of requests) {
    const r = await site.webTrigger('jenkins-webtrigger', { method: 'POST', body: sign(body), queryParameters: { jenkins_server_uuid: ['u-1'] } });
    console.log(`WEBTRIGGER ${body.requestType} ->`, r.statusCode, r.body.slice(0, 200));
  }
};
export default scenario;
