/** The version written into files as their creator's; named import so the bundle keeps only this field. */
import { version } from '../../package.json';

export const APP_VERSION: string = version;
