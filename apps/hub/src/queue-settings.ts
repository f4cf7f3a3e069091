import { defaultEngineSettings, type EngineSettings, isRatingLevels, type RatingLabel, ratingScale, type UnservedAtClose } from '@qms/core';
import type { SqliteQueueStore } from '@qms/db';
import { type ApplicationSettings, type ApplicationSettingsPatch, readApplicationSettings, writeApplicationSettings } from './application-settings.js';
import { type CentreTexts, readCentreTexts, writeCentreTexts } from './centre-texts.js';
import { readMarqueeProcedures, writeMarqueeProcedures } from './marquee-procedures.js';

/** The settings an admin changes at run time: the queue rules, and the centre's texts for the stations. */
export interface QueueSettingsView extends CentreTexts {
  timeZone: string;
  maxWaitMinutes: number;
  unservedAtClose: UnservedAtClose;
  /** A ticket is marked no-show only after this many recalls. */
  minRecallsBeforeNoShow: number;
  /** A no-show ticket may come back (requeue, call-ticket) this long after it was marked. */
  noShowRecallMinutes: number;
  /** Ratings are taken this long after a ticket is finished. */
  ratingWindowSeconds: number;
  /** Levels of the rating scale (3 to 5); the highest score is the best. */
  ratingScale: number;
  /** The scale's words for the stations, best first (follows ratingScale; not set on its own). */
  ratingLabels: RatingLabel[];
  /** The centre's code and working-day calendar for applications (hồ sơ). */
  applications: ApplicationSettings;
  /** The hall displays' marquee also cycles the procedures of their fields; null: not set here (each display's station.json decides). */
  marqueeProcedures: boolean | null;
  /** The wait the reports and the floor monitor compare with (a citizen waiting longer is an alarm). */
  waitTargetMinutes: number;
}

export const DEFAULT_WAIT_TARGET_MINUTES = 15;

export type QueueSettingsPatch = Partial<Omit<QueueSettingsView, 'timeZone' | 'ratingLabels' | 'applications'>> & { applications?: ApplicationSettingsPatch };
type RulesPatch = Omit<QueueSettingsPatch, keyof CentreTexts | 'applications' | 'marqueeProcedures'>;

const KEYS = {
  maxWaitMinutes: 'queue.max_wait_minutes',
  unservedAtClose: 'queue.unserved_at_close',
  minRecallsBeforeNoShow: 'queue.min_recalls_before_no_show',
  noShowRecallMinutes: 'queue.no_show_recall_minutes',
  ratingWindowSeconds: 'rating.window_seconds',
  ratingScale: 'rating.levels',
  waitTargetMinutes: 'reports.wait_target_minutes',
} as const satisfies Record<keyof RulesPatch, string>;

/** The stored whole number, or undefined when it is missing or not one the rule accepts. */
function wholeNumber(stored: string | undefined, valid: (n: number) => boolean): number | undefined {
  if (stored === undefined) return undefined;
  const n = Number(stored);
  return Number.isInteger(n) && valid(n) ? n : undefined;
}

/** The queue rules (and the centre's texts) an admin may change at run time, kept in the settings table and cached here. */
export class QueueSettings {
  private cached: EngineSettings;
  private texts: CentreTexts;
  private applications: ApplicationSettings;
  private marqueeProcedures: boolean | null;
  private waitTargetMinutes: number;

  constructor(
    private readonly store: SqliteQueueStore,
    private readonly timeZone: string,
  ) {
    this.cached = this.read();
    this.texts = readCentreTexts(store);
    this.applications = readApplicationSettings(store);
    this.marqueeProcedures = readMarqueeProcedures(store);
    this.waitTargetMinutes = this.readWaitTarget();
  }

  /** For the engine: called on every change, so it must be cheap. */
  readonly engineSettings = (): EngineSettings => this.cached;

  view(): QueueSettingsView {
    const { rules, unservedAtClose, noShow, rating } = this.cached;
    return {
      timeZone: this.cached.timeZone,
      maxWaitMinutes: Math.round(rules.maxWaitSeconds / 60),
      unservedAtClose,
      minRecallsBeforeNoShow: noShow.minRecalls,
      noShowRecallMinutes: noShow.requeueMinutes,
      ratingWindowSeconds: rating.windowSeconds,
      ratingScale: rating.levels,
      ratingLabels: ratingScale(rating.levels),
      ...this.texts,
      applications: { ...this.applications, holidays: [...this.applications.holidays] },
      marqueeProcedures: this.marqueeProcedures,
      waitTargetMinutes: this.waitTargetMinutes,
    };
  }

  /** Writes the changed rules (in the caller's transaction, if any) and takes them in. */
  update(patch: QueueSettingsPatch): QueueSettingsView {
    this.store.transaction(() => {
      for (const key of Object.keys(KEYS) as (keyof RulesPatch)[]) {
        const value = patch[key];
        if (value !== undefined) this.store.setSetting(KEYS[key], String(value));
      }
      writeCentreTexts(this.store, patch);
      writeApplicationSettings(this.store, patch.applications);
      writeMarqueeProcedures(this.store, patch.marqueeProcedures);
    });
    this.reload();
    return this.view();
  }

  /** Reads the stored rules again (after a change that was rolled back, say). */
  reload(): void {
    this.cached = this.read();
    this.texts = readCentreTexts(this.store);
    this.applications = readApplicationSettings(this.store);
    this.marqueeProcedures = readMarqueeProcedures(this.store);
    this.waitTargetMinutes = this.readWaitTarget();
  }

  private readWaitTarget(): number {
    return wholeNumber(this.store.getSetting(KEYS.waitTargetMinutes), (n) => n > 0) ?? DEFAULT_WAIT_TARGET_MINUTES;
  }

  private read(): EngineSettings {
    const defaults = defaultEngineSettings(this.timeZone);
    const get = (key: keyof RulesPatch) => this.store.getSetting(KEYS[key]);
    const minutes = wholeNumber(get('maxWaitMinutes'), (n) => n > 0);
    return {
      timeZone: this.timeZone,
      rules: { maxWaitSeconds: minutes !== undefined ? minutes * 60 : defaults.rules.maxWaitSeconds },
      unservedAtClose: get('unservedAtClose') === 'keep' ? 'keep' : 'cancel',
      noShow: {
        minRecalls: wholeNumber(get('minRecallsBeforeNoShow'), (n) => n >= 0) ?? defaults.noShow.minRecalls,
        requeueMinutes: wholeNumber(get('noShowRecallMinutes'), (n) => n >= 0) ?? defaults.noShow.requeueMinutes,
      },
      rating: {
        levels: wholeNumber(get('ratingScale'), isRatingLevels) ?? defaults.rating.levels,
        windowSeconds: wholeNumber(get('ratingWindowSeconds'), (n) => n > 0) ?? defaults.rating.windowSeconds,
      },
    };
  }
}
