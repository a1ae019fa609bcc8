/** `forge-emulator dev`: the local development server (dashboard + Custom UI bridge). */
export { startDevServer, type DevServer, type DevServerOptions } from './server.js';
export { parseDevArgs, DEV_USAGE, type DevCommand } from './args.js';
export { DEV_USERS, type DevUser } from './session.js';
