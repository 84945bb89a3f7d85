import type { ConnectionFault } from '../../src-main/contracts/faults';
import type { StudioState } from './types';

export const selectFaults = (s: StudioState) => s.faults;
export const selectDemo = (s: StudioState) => s.demo;

/** The fault injected on one connection, if any. */
export function faultOf(faults: readonly ConnectionFault[], poolId: string | undefined, identifier: string | undefined): ConnectionFault | undefined {
  return faults.find((f) => f.poolId === poolId && f.identifier === identifier);
}
