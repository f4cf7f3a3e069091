import { type HubProcess, runQmsAsync, startQms } from './hub-process.js';
import { waitForLine } from './kiosk-process.js';

export type StationProcess = ReturnType<typeof startQms> & {
  /** The screen's URL, as the command printed it. */
  url: string;
};

export interface PairedStationOptions {
  /** The station's folder (station.json and its credentials). */
  config: string;
  name?: string;
  /** What `qms devices approve CODE` adds, e.g. ['--counter', '1']. */
  approve?: string[];
  /** More flags of `qms station KIND`, e.g. ['--zone', '2,3']. */
  args?: string[];
  env?: Record<string, string>;
}

/**
 * `qms station KIND` on a free port, paired as a technician does it (`qms devices approve CODE`
 * on the hub's data folder), once it printed `connected to the hub as device N`.
 */
export async function startPairedStation(kind: string, hub: HubProcess, dataDir: string, options: PairedStationOptions): Promise<StationProcess> {
  const started = startQms(['station', kind, '--hub', hub.url, '--port', '0', '--config', options.config, ...(options.name ? ['--name', options.name] : []), ...(options.args ?? [])], options.env);
  const url = await waitForLine(started.stdout, new RegExp(`${kind} screen: (http://\\S+)`), () => started.stderr());
  const code = await waitForLine(started.stdout, /pairing code: (\d{6})/, () => started.stderr());
  const approved = await runQmsAsync(['devices', 'approve', code, ...(options.approve ?? []), '--data', dataDir]);
  if (approved.status !== 0) throw new Error(`qms devices approve ${code} failed: ${approved.stderr}`);
  await waitForLine(started.stdout, /connected to the hub as device (\d+)/, () => started.stderr());
  return { ...started, url };
}
