import { randomUUID } from 'node:crypto';
import type { CommandMessage, CommandResultDto, StationCommand } from '@qms/protocol';
import { ApiError } from '../api-error.js';

interface Pending {
  deviceId: number;
  command: StationCommand;
  settle(answer: CommandResultDto): void;
  fail(error: ApiError): void;
  timer: NodeJS.Timeout;
}

/**
 * A technician's commands to a station: each goes as a {"type":"command"} message on the
 * station's live link, and waits for the station's answer (POST .../commands/ID/result) or the
 * timeout. Nothing is stored or retried: a command whose station is gone is simply refused.
 */
export class DeviceCommands {
  private readonly pending = new Map<string, Pending>();

  constructor(
    /** Writes the message on the device's link that takes commands; false when it has none. */
    private readonly send: (deviceId: number, message: string) => boolean,
    private readonly timeoutMs: number,
  ) {}

  /** Sends the command and waits for the station's answer (its own failure included). */
  run(deviceId: number, command: StationCommand): Promise<CommandResultDto> {
    const id = randomUUID();
    const message: CommandMessage = { type: 'command', id, command };
    return new Promise<CommandResultDto>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ApiError('device.not_answering', `the station did not answer ${command} within ${Math.round(this.timeoutMs / 1000)} s`, { deviceId, command }));
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(id, { deviceId, command, settle: resolve, fail: reject, timer });
      if (this.send(deviceId, JSON.stringify(message))) return;
      clearTimeout(timer);
      this.pending.delete(id);
      reject(new ApiError('device.offline', 'the station has no live link with the hub (switched off, unplugged, or its software too old to take commands)', { deviceId, command }));
    });
  }

  /** The station's answer; only the station the command went to may give it, and only while it is awaited. */
  settle(commandId: string, deviceId: number, answer: CommandResultDto): StationCommand {
    const pending = this.pending.get(commandId);
    if (!pending) throw new ApiError('device.command_not_found', 'no command with this id is waiting for an answer (it timed out, or was answered already)');
    if (pending.deviceId !== deviceId) throw new ApiError('auth.forbidden', 'this command was sent to another station');
    this.pending.delete(commandId);
    clearTimeout(pending.timer);
    pending.settle(answer);
    return pending.command;
  }

  /** The hub is shutting down: every waiting command ends as unanswered. */
  close(): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.fail(new ApiError('hub.unavailable', 'the hub shut down before the station answered'));
    }
  }
}
