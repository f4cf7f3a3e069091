export * from './escpos-decoder.js';
export * from './receipt-image.js';
export * from './virtual-printer.js';
