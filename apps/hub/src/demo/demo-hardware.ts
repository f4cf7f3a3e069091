import { join } from 'node:path';
import { VirtualPrinter } from '@qms/simulators';

/**
 * The demo's simulated hardware: a virtual ESC/POS receipt printer on TCP (port 9100, or
 * QMS_DEMO_PRINTER_PORT), writing every receipt it prints as PNG and text into DATA/printer.
 * `qms print-test --printer tcp://127.0.0.1:9100` prints on it.
 */
export interface DemoHardware {
  printerPort: number | null;
  stop(): Promise<void>;
}

export async function startDemoHardware(dataDir: string, print: (line: string) => void): Promise<DemoHardware> {
  const outputDir = join(dataDir, 'printer');
  const printer = new VirtualPrinter({ outputDir });
  const port = Number(process.env.QMS_DEMO_PRINTER_PORT ?? 9100);
  let printerPort: number | null = null;
  try {
    printerPort = await printer.listen(port, '127.0.0.1');
    print(`virtual receipt printer: tcp://127.0.0.1:${printerPort} (receipts written to ${outputDir})`);
  } catch (error) {
    print(`virtual receipt printer not started: port ${port} is taken (${(error as Error).message}); set QMS_DEMO_PRINTER_PORT`);
  }
  return { printerPort, stop: () => printer.close() };
}
