// Code generated from proto/ lives in ./gen (make proto); this file only names the packages.
export * as commonV1 from './gen/crm/common/v1/audit';
export * as moneyV1 from './gen/crm/common/v1/money';
export * as paginationV1 from './gen/crm/common/v1/pagination';
export * as customerV1 from './gen/crm/customer/v1/customer';
export * as customerEventsV1 from './gen/crm/customer/v1/events';
export * as healthV1 from './gen/grpc/health/v1/health';
export { Timestamp } from './gen/google/protobuf/timestamp';
export { Struct } from './gen/google/protobuf/struct';
export * as ticketEventsV1 from './gen/crm/ticket/v1/events';
export * as ticketV1 from './gen/crm/ticket/v1/ticket';
export * as salesV1 from './gen/crm/sales/v1/sales';
export * as salesEventsV1 from './gen/crm/sales/v1/events';
