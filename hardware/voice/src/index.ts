export * from './clip-pack.js';
export * from './composer.js';
export * from './letters.js';
export * from './numbers-en.js';
export * from './numbers-vi.js';
