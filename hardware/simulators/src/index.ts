export * from './escpos-decoder.js';
export type { PrintedBlock } from './receipt-builder.js';
export * from './receipt-image.js';
export * from './virtual-printer.js';
export * from './virtual-signage.js';
export * from './virtual-scanner.js';
