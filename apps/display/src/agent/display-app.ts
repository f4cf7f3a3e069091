import type { StationApp } from '@qms/station';
import type { DisplayMethods, DisplayOwnView } from '../contract.js';
import { CUSTOM_PACK_PATH, DisplayAgent } from './display-agent.js';
import { DISPLAY_SECTION } from './display-settings.js';

/**
 * The hall display on the station platform: its station.json section, what it pairs as, its agent,
 * and the files it serves besides its board (a centre's own voice pack). Its audio plays in the
 * board (autoplay allowed), which reports its health through the bridge.
 */
export const displayStation: StationApp<(typeof DISPLAY_SECTION)['schema'], DisplayOwnView, DisplayMethods> = {
  section: DISPLAY_SECTION,
  deviceKind: 'display',
  permissions: [],
  files: (section): Record<string, string> => (section.voicePack ? { [CUSTOM_PACK_PATH]: section.voicePack } : {}),
  createAgent: (context) => new DisplayAgent(context),
};
