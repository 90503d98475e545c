// The actor of a call and its id arguments, read the same way by every service (@crm/platform/grpc, /ids).
export { actorOfCall as actorOf } from '@crm/platform/grpc';
export { requireUuid as uuidOf } from '@crm/platform/ids';
