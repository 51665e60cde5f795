import type { Fault } from '../worker/protocol';
import type { MlClient } from './mlClient';

/** What the end-to-end fault tests call in the page; present only with `?faults=1`. */
export interface FaultHooks {
  inject(fault: Fault): void;
}

declare global {
  interface Window {
    mnistFaults?: FaultHooks;
  }
}

export function installFaultHooks(client: MlClient): void {
  window.mnistFaults = { inject: (fault) => client.injectFault(fault) };
}
