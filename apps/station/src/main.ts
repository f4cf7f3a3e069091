import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { addDeviceCommands, addStationKinds } from './commands.js';

const VERSION = (createRequire(import.meta.url)('@qms/station-cli/package.json') as { version: string }).version;

function program(): Command {
  const command = new Command('qms-station')
    .description('A station device: run its station (kiosk, ...) beside Chromium, and test its printer, scanner, voice, sign and keypad')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  addStationKinds(command);
  addDeviceCommands(command);
  return command;
}

/** Runs a commander program; returns the exit code (0 for help and version, 2 for usage mistakes). */
export async function runProgram(command: Command, argv: string[], name: string, known: (error: unknown) => boolean = () => false): Promise<number> {
  try {
    await command.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Usage mistakes were already printed by commander.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof CliError || known(error)) {
      process.stderr.write(`${name}: ${(error as Error).message}\n`);
      return 1;
    }
    process.stderr.write(`${name}: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

/** Runs the qms-station command line; returns the exit code. */
export function main(argv: string[]): Promise<number> {
  return runProgram(program(), argv, 'qms-station');
}
