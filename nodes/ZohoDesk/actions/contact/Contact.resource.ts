/** The Contact resource: one line per operation file; its operation selector is built from them (../resources.ts). */
export * as create from './create.operation';
export * as delete from './delete.operation';
export * as get from './get.operation';
export * as getMany from './getMany.operation';
export * as getTickets from './getTickets.operation';
export * as search from './search.operation';
export * as update from './update.operation';
export * as upsert from './upsert.operation';
