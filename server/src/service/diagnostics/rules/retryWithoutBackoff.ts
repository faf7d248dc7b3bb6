import type { Finding } from '../../types';
import type { DiagContext } from '../context';

export function retryWithoutBackoff(_ctx: DiagContext): Finding[] {
  return [];
}
