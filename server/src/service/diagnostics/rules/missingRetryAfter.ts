import type { Finding } from '../../types';
import type { DiagContext } from '../context';

export function missingRetryAfter(_ctx: DiagContext): Finding[] {
  return [];
}
