import { PrinterMonitor, printerProblemText, ReceiptPrinter } from '@qms/printer';
import { SerialScanner } from '@qms/scanner';
import { type StationApp, type StationConfig, StationConfigError } from '@qms/station';
import type { KioskMethods, KioskOwnView } from '../contract.js';
import { KioskAgent } from './kiosk-agent.js';
import { KIOSK_SECTION, type KioskSettings } from './kiosk-settings.js';

function printerOf(config: StationConfig<KioskSettings>): ReceiptPrinter | null {
  if (!config.printer) return null;
  try {
    return new ReceiptPrinter(config.printer.interface, { timeoutMs: 2_000 });
  } catch (error) {
    throw new StationConfigError(`printer: ${(error as Error).message}`);
  }
}

/**
 * The ticket kiosk on the station platform: its station.json section, what it pairs as, the
 * camera its screen may use, and its agent with the printer and scanner it drives (each reporting
 * its health to the hub).
 */
export const kioskStation: StationApp<(typeof KIOSK_SECTION)['schema'], KioskOwnView, KioskMethods> = {
  section: KIOSK_SECTION,
  deviceKind: 'kiosk',
  permissions: ['media'],
  createAgent(context) {
    const { config, clock, log, health } = context;
    const receiptPrinter = printerOf(config);
    const printer = receiptPrinter ? new PrinterMonitor(receiptPrinter, { clock, log }) : null;
    if (printer)
      health.watch('printer', printer, (state) => ((state.state === 'problem' || state.state === 'disconnected') && printer.problem ? printerProblemText(printer.problem) : `printer ${state.state}`));
    const scanner = config.scanner ? new SerialScanner({ path: config.scanner.path, baudRate: config.scanner.baudRate }) : null;
    if (scanner) health.watch('scanner', scanner);
    return new KioskAgent(context, printer, scanner);
  },
};
