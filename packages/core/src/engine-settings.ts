import { DEFAULT_NO_SHOW_RULES, type NoShowRules } from './no-show.js';
import { DEFAULT_QUEUE_RULES, type QueueRules } from './queue-order.js';
import { DEFAULT_RATING_RULES, type RatingRules } from './ratings.js';

export type UnservedAtClose = 'cancel' | 'keep';

export interface EngineSettings {
  timeZone: string;
  rules: QueueRules;
  /** What happens to tickets still waiting or called when the business day ends. */
  unservedAtClose: UnservedAtClose;
  noShow: NoShowRules;
  rating: RatingRules;
}

/** The settings of a centre that changed nothing. */
export function defaultEngineSettings(timeZone: string): EngineSettings {
  return { timeZone, rules: DEFAULT_QUEUE_RULES, unservedAtClose: 'cancel', noShow: DEFAULT_NO_SHOW_RULES, rating: DEFAULT_RATING_RULES };
}
