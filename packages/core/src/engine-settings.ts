import type { QueueRules } from './queue-order.js';

export type UnservedAtClose = 'cancel' | 'keep';

export interface EngineSettings {
  timeZone: string;
  rules: QueueRules;
  /** What happens to tickets still waiting or called when the business day ends. */
  unservedAtClose: UnservedAtClose;
}
