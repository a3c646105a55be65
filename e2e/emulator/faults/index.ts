export { startMisbehavingProvider, type MisbehavingProvider } from './misbehaving-provider';
export {
  FAULT_ENDPOINTS,
  FaultQueue,
  editJson,
  htmlPage,
  idToken,
  jsonBody,
  patchJson,
  respond,
  stall,
  type Fault,
  type FaultEndpoint,
} from './faults';
export type { IdTokenChange, IdTokenSigning } from './id-token';
