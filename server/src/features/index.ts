import type { Feature } from './feature';
import { hoverFeature } from './hoverHandler';
import { workspaceCatalogsFeature } from './workspaceCatalogs';

/** Every LSP feature the server offers, beyond document sync and diagnostics (see ../server.ts). */
export const FEATURES: readonly Feature[] = [hoverFeature, workspaceCatalogsFeature];
