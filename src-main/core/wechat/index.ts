export * from './errors';
export * from './random';
export * from './signature';
export * from './crypto';
export * from './xml';
export * from './messages';
export * from './envelope';
export * from './ids';
