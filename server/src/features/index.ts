import type { Feature } from './feature';
import { hoverFeature } from './hoverHandler';

/** Every LSP feature the server offers, beyond document sync and diagnostics (see ../server.ts). */
export const FEATURES: readonly Feature[] = [hoverFeature];
