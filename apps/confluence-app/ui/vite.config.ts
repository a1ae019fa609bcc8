// Builds the admin page (@forge-queue/forge-admin's ui/, shared by both apps) into ui/dist, the
// manifest's `admin-ui` resource.
import { fileURLToPath } from 'node:url';
import { adminPageViteConfig } from '@forge-queue/forge-admin/vite';

export default adminPageViteConfig(fileURLToPath(new URL('./dist', import.meta.url)));
