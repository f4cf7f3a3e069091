import { PAPER_WIDTH_DOTS, PrinterMonitor, type PrinterProfile, printerProblemText, ReceiptPrinter } from '@qms/printer';
import { type PrinterSettings, type StationContext, StationConfigError } from '@qms/station';
import type { CounterSettings } from './counter-settings.js';

/** The counter's receipt printer (station.json's printer, as the kiosk has it), watched in device health; null without one. */
export function counterPrinterOf(context: StationContext<CounterSettings>): PrinterMonitor | null {
  const { config, clock, log, health } = context;
  if (!config.printer) return null;
  let driver: ReceiptPrinter;
  try {
    driver = new ReceiptPrinter(config.printer.interface, { timeoutMs: 2_000 });
  } catch (error) {
    throw new StationConfigError(`printer: ${(error as Error).message}`);
  }
  const printer = new PrinterMonitor(driver, { clock, log });
  health.watch('printer', printer, (state) => ((state.state === 'problem' || state.state === 'disconnected') && printer.problem ? printerProblemText(printer.problem) : `printer ${state.state}`));
  return printer;
}

/** The printer as the receipt layout needs it. */
export function printerProfileOf(printer: PrinterSettings): PrinterProfile {
  return { type: printer.type, widthDots: PAPER_WIDTH_DOTS[printer.width], encoding: printer.encoding };
}
