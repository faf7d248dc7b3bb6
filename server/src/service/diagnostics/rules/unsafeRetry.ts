import type { Finding } from '../../types';
import type { DiagContext } from '../context';

export function unsafeRetry(_ctx: DiagContext): Finding[] {
  return [];
}
