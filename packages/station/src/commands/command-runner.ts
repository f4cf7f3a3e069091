import type { HubClient } from '@qms/client';
import type { CommandMessage, CommandResultDto } from '@qms/protocol';
import type { StationLog } from '../bridge/bridge-dispatcher.js';
import type { StationCommandHandlers } from './station-commands.js';

const CODE_PATTERN = /^[a-z][a-z0-9_.]{0,63}$/;

/** A failure as the hub takes it: the error's own stable code when it has one (CommandFailure, BridgeFailure). */
function failureOf(error: unknown): Extract<CommandResultDto, { ok: false }> {
  const code = (error as { code?: unknown }).code;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  return { ok: false, code: typeof code === 'string' && CODE_PATTERN.test(code) ? code : 'station_error', message };
}

/**
 * Runs the technicians' commands that reach the station on its hub link, with the handlers its
 * kind declared, and posts each answer back to the hub. Each command runs on its own; the hub
 * waits for each answer separately (and gives up after its timeout).
 */
export class CommandRunner {
  constructor(
    private readonly handlers: StationCommandHandlers,
    private readonly client: HubClient,
    private readonly log: StationLog,
  ) {}

  /** Whether this station takes commands at all (it opts in on its hub link only then). */
  get any(): boolean {
    return Object.keys(this.handlers).length > 0;
  }

  run(message: CommandMessage): void {
    void this.answer(message);
  }

  private async answer(message: CommandMessage): Promise<void> {
    const handler = this.handlers[message.command] as (() => Promise<unknown>) | undefined;
    let answer: CommandResultDto;
    if (!handler) {
      answer = { ok: false, code: 'command_unsupported', message: `this station cannot do ${message.command}` };
    } else {
      try {
        answer = { ok: true, result: (await handler()) ?? null };
      } catch (error) {
        answer = failureOf(error);
      }
    }
    this.log(answer.ok ? 'info' : 'warn', answer.ok ? `technician's command ${message.command}: done` : `technician's command ${message.command}: ${answer.code}: ${answer.message}`);
    try {
      await this.client.request('POST', `/api/devices/commands/${encodeURIComponent(message.id)}/result`, answer);
    } catch (error) {
      this.log('warn', `could not answer the hub's command ${message.command}: ${(error as Error).message}`);
    }
  }
}
