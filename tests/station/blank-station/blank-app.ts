import { EventEmitter } from 'node:events';
import { BRIDGE_ERRORS, BridgeFailure, type StationApp, text } from '@qms/station';
import type { BlankMethods, BlankView } from './contract.js';

const SECTION = { key: 'blank', defaultName: 'Blank', schema: { greeting: text('Xin chào') } };

/** The blank station's agent and definition: all a new kind of station writes. */
export const blankStation: StationApp<(typeof SECTION)['schema'], BlankView, BlankMethods> = {
  section: SECTION,
  deviceKind: 'display',
  permissions: [],
  createAgent({ config }) {
    let count = 0;
    const agent = Object.assign(new EventEmitter<{ change: [] }>(), {
      view: (): BlankView => ({ greeting: config.section.greeting, count }),
      handlers: {
        bump: ({ by }: { by: number }) => {
          if (!Number.isInteger(by) || by < 1 || by > 10) throw new BridgeFailure(BRIDGE_ERRORS.invalid, 'by must be a whole number from 1 to 10');
          count += by;
          agent.emit('change');
          return { count };
        },
      },
      start: () => undefined,
      stop: async () => undefined,
    });
    return agent;
  },
};
