import { createRequire } from 'node:module';

// Through the package name, not a relative path: this code also runs bundled from apps/hub/dist.
export const HUB_VERSION: string = (createRequire(import.meta.url)('@qms/hub/package.json') as { version: string }).version;
