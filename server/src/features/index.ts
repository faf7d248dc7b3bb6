import type { Feature } from './feature';
import { codeActionsFeature } from './codeActions';
import { completionFeature } from './completionHandler';
import { hoverFeature } from './hoverHandler';
import { inlayHintsFeature } from './inlayHintsHandler';
import { workspaceCatalogsFeature } from './workspaceCatalogs';
import { workspaceCodesFeature } from './workspaceCodes';
import { workspaceScanFeature } from './workspaceScan';
import { workspaceIndexFeature } from './workspaceIndex';

/** Every LSP feature the server offers, beyond document sync and diagnostics (see ../server.ts). */
export const FEATURES: readonly Feature[] = [
  hoverFeature,
  workspaceCatalogsFeature,
  completionFeature,
  inlayHintsFeature,
  workspaceCodesFeature,
  workspaceScanFeature,
  workspaceIndexFeature,
  codeActionsFeature,
];
