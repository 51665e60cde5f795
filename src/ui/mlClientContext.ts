import { createContext, useContext } from 'react';
import type { MlClient } from '../state/mlClient';

export const MlClientContext = createContext<MlClient | null>(null);

export function useMlClient(): MlClient {
  const client = useContext(MlClientContext);
  if (!client) throw new Error('useMlClient needs an MlClientContext provider');
  return client;
}
