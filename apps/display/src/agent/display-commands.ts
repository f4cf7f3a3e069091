import { CommandFailure, type StationCommandHandlers } from '@qms/station';

/** The sample the technician hears: ticket A001 to counter 1, said as a real call is. */
export const SAMPLE_CALL = { label: 'A001', counterNumber: 1 } as const;

/** What a technician can ask of a hall display from the console: play a sample announcement now. */
export function displayCommands(display: { voiceOn(): boolean; announceSample(label: string, counterNumber: number): void }): StationCommandHandlers {
  return {
    'voice.sample': async () => {
      if (!display.voiceOn()) throw new CommandFailure('voice_off', "this display's voice is off (voice: off in its station.json)");
      display.announceSample(SAMPLE_CALL.label, SAMPLE_CALL.counterNumber);
      return { queued: true };
    },
  };
}
