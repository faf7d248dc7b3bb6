import type { Finding } from '../../types';
import type { DiagContext } from '../context';

export function retryIgnoresRetryAfter(_ctx: DiagContext): Finding[] {
  return [];
}
