import { type HubClient, HubError } from '@qms/client';
import type { DeviceKind, TimerClock } from '@qms/core';
import type { LinkPhase } from './bridge/contract.js';
import type { CredentialStore } from './config/credential-store.js';

/** A refusal from the hub, as opposed to not reaching it. */
export const isRefusal = (error: unknown): error is HubError => error instanceof HubError && error.status < 500;

export interface PairingOptions {
  client: HubClient;
  hubUrl: string;
  /** The hub's stable id when found on the LAN: kept with the credentials, so that they follow the hub to another address. */
  hubId: string | null;
  kind: DeviceKind;
  name: string;
  credentials: CredentialStore;
  clock: TimerClock;
  signal: AbortSignal;
  /** How often to ask whether the pairing was approved. */
  pollMs: number;
  maxRetryMs: number;
  log: (level: 'info' | 'warn', message: string) => void;
  /** The code to show, each time it is (re)issued. */
  onCode: (code: string) => void;
  /** 'pairing' while the code waits for a technician, 'reconnecting' while the hub cannot be reached. */
  onPhase: (phase: Extract<LinkPhase, 'pairing' | 'reconnecting'>) => void;
}

/**
 * Asks the hub to pair and waits for a technician to approve the code; keeps the pairing in
 * progress, then the token, in the credential store (a restart resumes the same code). An expired or
 * refused code is replaced by a fresh one. Null when stopped first.
 */
export async function pairWithHub(options: PairingOptions): Promise<{ deviceId: number; counterId: number | null; zone: string | null } | null> {
  const { client, hubUrl, hubId, credentials, clock, signal, log } = options;
  let retryMs = 500;
  while (!signal.aborted) {
    try {
      let pending = credentials.load(hubUrl, hubId);
      // Expiry is the hub's to judge (its clock, not this station's): an expired code gets a 410 below.
      if (pending?.state !== 'pairing') {
        const request = await client.requestPairing(options.kind, options.name);
        pending = { state: 'pairing', hubUrl, hubId, deviceId: request.deviceId, secret: request.secret, code: request.code, expiresAt: request.expiresAt };
        credentials.save(pending);
      }
      options.onCode(pending.code);
      options.onPhase('pairing');
      retryMs = 500;
      const answer = await client.pollPairing(pending.deviceId, pending.secret);
      if (answer.status === 'approved' && answer.token) {
        credentials.save({ state: 'paired', hubUrl, hubId, deviceId: pending.deviceId, token: answer.token });
        log('info', `paired as device ${pending.deviceId}`);
        return { deviceId: pending.deviceId, counterId: answer.device?.counterId ?? null, zone: answer.device?.zone ?? null };
      }
      await clock.sleep(options.pollMs, signal);
    } catch (error) {
      if (isRefusal(error)) {
        // Expired, refused or forgotten by the hub: ask again with a fresh code.
        log('warn', `pairing: ${error.code}: ${error.message}; asking again`);
        credentials.clear();
        await clock.sleep(500, signal);
        continue;
      }
      log('warn', `pairing: hub not reachable (${(error as Error).message}); trying again`);
      options.onPhase('reconnecting');
      await clock.sleep(retryMs, signal);
      retryMs = Math.min(retryMs * 2, options.maxRetryMs);
    }
  }
  return null;
}
