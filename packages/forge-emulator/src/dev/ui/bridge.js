/* global document, window, location, fetch, URL */
// forge-emulator dev: the Custom UI bridge. @forge/bridge calls window.__bridge.callBridge(name, args);
// on Forge the host page answers; here `invoke` goes to the dev server, which runs the module's resolver
// on the emulator as the chosen user (?as=admin|user in the page URL, admin by default).
(function () {
  const script = document.currentScript;
  const params = new URL(script ? script.src : location.href).searchParams;
  const page = params.get('page');
  const moduleType = params.get('type');
  const as = () => new URL(location.href).searchParams.get('as') || 'admin';

  async function invoke(args) {
    const res = await fetch('/__forge/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ page, as: as(), functionKey: args.functionKey, payload: args.payload || {} }),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || `invoke failed with HTTP ${res.status}`);
    if (!body.ok) throw new Error(`There was an error invoking the function - ${body.error}`);
    return body.result;
  }

  async function callBridge(name, args) {
    switch (name) {
      case 'invoke':
        return invoke(args || {});
      case 'getContext':
        return { moduleKey: page, extension: { type: moduleType }, accountId: params.get('account'), environmentType: 'DEVELOPMENT', localId: page, siteUrl: location.origin };
      case 'resize':
      case 'setTitle':
        return undefined;
      default:
        throw new Error(`forge-emulator dev: the bridge call '${name}' is not emulated (see the emulator's DIFFERENCES.md)`);
    }
  }

  window.__bridge = { callBridge };
})();
