export * from './events';
export * from './messages';
export * from './validate';
export * from './wire-format';
export * from './wire-encode';
export * from './wire-decode';
