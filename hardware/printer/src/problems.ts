/**
 * Why a receipt printer cannot print, named once for every part that says it: the driver, the
 * station's alerts to the hub, the kiosk screen (this module is pure, so renderers import it as
 * `@qms/printer/problems`) and the technician's commands.
 */
export const PRINTER_FAILURES = ['paper_out', 'cover_open', 'offline', 'printer_error', 'unreachable', 'timeout', 'paper_out_while_printing'] as const;
export type FailureReason = (typeof PRINTER_FAILURES)[number];

/** A failure, or a station that has no printer at all. */
export type PrinterProblem = FailureReason | 'no_printer';

/** In Vietnamese for the citizen and the technician, in English beside it. */
export const PRINTER_PROBLEM_TEXT: Record<PrinterProblem, { vi: string; en: string }> = {
  paper_out: { vi: 'Máy in hết giấy', en: 'The printer is out of paper' },
  cover_open: { vi: 'Nắp máy in đang mở', en: 'The printer cover is open' },
  offline: { vi: 'Máy in không sẵn sàng', en: 'The printer is offline' },
  printer_error: { vi: 'Máy in báo lỗi', en: 'The printer reports an error (cutter jam?)' },
  unreachable: { vi: 'Không kết nối được máy in', en: 'The printer cannot be reached' },
  timeout: { vi: 'Máy in không trả lời', en: 'The printer does not answer' },
  paper_out_while_printing: { vi: 'Máy in hết giấy khi đang in', en: 'The paper ran out while printing; the receipt is incomplete' },
  no_printer: { vi: 'Chưa có máy in', en: 'No printer is configured' },
};

/** "Máy in hết giấy / The printer is out of paper": for alerts a technician reads. */
export function printerProblemText(problem: PrinterProblem): string {
  const text = PRINTER_PROBLEM_TEXT[problem];
  return `${text.vi} / ${text.en}`;
}
