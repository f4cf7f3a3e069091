import type { PrinterProfile, ReceiptData } from '@qms/printer';
import { CommandFailure, type StationCommandHandlers } from '@qms/station';
import type { PrintOutcome } from '../contract.js';
import type { LastScan } from './last-scan.js';
import { bitmapPng, receiptRaster } from './receipt-raster.js';
import type { SampleReceipt } from './sample-receipt.js';

export interface KioskCommandParts {
  sample: SampleReceipt;
  lastScan: LastScan;
  profile(): PrinterProfile;
  print(receipt: ReceiptData, jobId: string): Promise<PrintOutcome>;
}

/** What a technician can ask of a kiosk from the console: see and print a sample receipt, see the last scan. */
export function kioskCommands(parts: KioskCommandParts): StationCommandHandlers {
  let printed = 0;
  return {
    'receipt.preview': async () => {
      const raster = receiptRaster(parts.sample.current(), parts.profile());
      return { png: bitmapPng(raster).toString('base64'), width: raster.width, height: raster.height };
    },
    'receipt.print': async () => {
      printed += 1;
      const outcome = await parts.print(parts.sample.current(), `sample-${printed}`);
      if (!outcome.ok) throw new CommandFailure(outcome.problem, outcome.message);
      return { printed: true };
    },
    'scanner.last': async () => parts.lastScan.value,
  };
}
