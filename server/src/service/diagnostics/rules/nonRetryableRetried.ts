import type { Finding } from '../../types';
import type { DiagContext } from '../context';

export function nonRetryableRetried(_ctx: DiagContext): Finding[] {
  return [];
}
